/**
 * Stable codes of the errors `ksdk generate` (and `ksdk check`, which shares the
 * manifest loader) raise. Safe to switch on; the message text is for people.
 */
export type CliErrorCode =
  | 'KSDK_MANIFEST_NOT_FOUND'
  | 'KSDK_MANIFEST_SYNTAX'
  | 'KSDK_MANIFEST_INVALID'
  | 'KSDK_DUPLICATE_MESSAGE'
  | 'KSDK_DUPLICATE_NAME'
  | 'KSDK_UNKNOWN_MESSAGE'
  | 'KSDK_UNKNOWN_TOPIC'
  | 'KSDK_OUTPUT_OUTSIDE_PROJECT'
  | 'KSDK_INPUT_OUTSIDE_PROJECT'
  | 'KSDK_INPUT_NOT_A_FILE'
  | 'KSDK_LIMIT_EXCEEDED'
  | 'KSDK_SCHEMA_NOT_FOUND'
  | 'KSDK_SCHEMA_SYNTAX'
  | 'KSDK_SCHEMA_INVALID'
  | 'KSDK_REF_UNRESOLVED'
  | 'KSDK_REF_REMOTE'
  | 'KSDK_REF_CYCLE'
  | 'KSDK_RESERVED_PROPERTY'
  | 'KSDK_RESERVED_NAME'
  | 'KSDK_UNKNOWN_PROPERTY'
  | 'KSDK_OUTPUT_CONFLICT'
  | 'KSDK_OUTPUT_UNSAFE'
  | 'KSDK_WRITE_FAILED'
  | 'KSDK_INTERNAL';

/** Where a problem is: a file (relative to the project), a line and column when known, a JSON pointer into that file. */
export interface SourceLocation {
  /** Path relative to the project directory, `/`-separated. */
  file: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** JSON pointer of the field inside `file`, e.g. `/subscriptions/0/message`. */
  pointer?: string;
}

/** One problem, located. An error carries one or more. */
export interface Issue extends SourceLocation {
  message: string;
}

/**
 * `file:line:column pointer: message`, the shape editors and terminals make
 * clickable. One line whatever the input: control characters a file name or a
 * value carried in (line breaks, terminal escape sequences) are shown escaped.
 */
export function formatIssue(issue: Issue): string {
  let where = issue.file;
  if (issue.line !== undefined) where += `:${issue.line}`;
  if (issue.line !== undefined && issue.column !== undefined) where += `:${issue.column}`;
  const field = issue.pointer === undefined ? '' : ` ${issue.pointer === '' ? '/' : issue.pointer}`;
  return printable(`${where}${field}: ${issue.message}`);
}

function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The one error class of the generator pipeline. `code` is stable; `issues`
 * lists every located problem (the message repeats them, one per line);
 * `file`, `line` and `pointer` are those of the first issue; `cause` is the
 * underlying error (a YAML parser error, an ajv error, an fs error...).
 */
export class KsdkCliError extends Error {
  readonly code: CliErrorCode;
  readonly issues: readonly Issue[];
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly pointer: string | undefined;

  constructor(code: CliErrorCode, issues: Issue | readonly Issue[], options: { cause?: unknown } = {}) {
    const list = Array.isArray(issues) ? (issues as readonly Issue[]) : [issues as Issue];
    super(list.map(formatIssue).join('\n'), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KsdkCliError';
    this.code = code;
    this.issues = list;
    this.file = list[0]?.file;
    this.line = list[0]?.line;
    this.pointer = list[0]?.pointer;
  }
}

/** Turns anything thrown into a KsdkCliError (an unexpected one becomes `KSDK_INTERNAL`). */
export function toCliError(err: unknown, file = '<ksdk>'): KsdkCliError {
  if (err instanceof KsdkCliError) return err;
  // The limits (`Limits`) stop deep input before any recursion; this is the net below them.
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return new KsdkCliError('KSDK_LIMIT_EXCEEDED', { file, message: 'the input nests too deeply to process (the stack overflowed); flatten the deepest schemas or $ref chains' }, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new KsdkCliError('KSDK_INTERNAL', { file, message: `internal error: ${message}` }, { cause: err });
}
