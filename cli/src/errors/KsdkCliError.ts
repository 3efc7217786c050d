import { exitCodeOf, type CliErrorCode, type ExitCode } from './exitCodes.js';

export type { CliErrorCode } from './exitCodes.js';

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

/** `text` with control characters (terminal escape sequences...) shown escaped; with `lines`, line breaks are kept. */
function printable(text: string, lines = false): string {
  const control = lines ? /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g : /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;
  return text.replace(control, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What `--json` prints for a failed command, under `error`: the same for every command (docs/cli.md). */
export interface CliErrorJson {
  code: CliErrorCode;
  /** For people: every issue on its own line, or what went wrong when nothing in a file is to blame. */
  message: string;
  /** Every located problem (file, line, column, JSON pointer); empty when the problem is not in a file (a flag, a baseline, the cluster). */
  issues: Issue[];
  /** What the user can do about it. */
  suggestions: string[];
}

export interface KsdkCliErrorOptions {
  cause?: unknown;
  /** What the user can do about it; shown under the message. */
  suggestions?: readonly string[];
}

/**
 * The one error class of the ksdk CLI and its library functions (`generate`,
 * `runCheck`, `runLock`, `initProject`, `applyTopics`). `code` is stable and
 * decides the exit code (`exitCodeOf`, one table); `issues` lists every
 * located problem, and the message repeats them, one per line; a problem that
 * is in no file (a baseline that does not exist, a cluster that cannot be
 * reached) is a message with no issues. `file`, `line` and `pointer` are those
 * of the first issue; `cause` is the underlying error (a YAML parser error, an
 * fs error, git's...).
 */
export class KsdkCliError extends Error {
  readonly code: CliErrorCode;
  readonly issues: readonly Issue[];
  readonly suggestions: readonly string[];
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly pointer: string | undefined;

  /** `problem`: located issues, or the message of a problem that is in no file. */
  constructor(code: CliErrorCode, problem: Issue | readonly Issue[] | string, options: KsdkCliErrorOptions = {}) {
    const list: readonly Issue[] = typeof problem === 'string' ? [] : Array.isArray(problem) ? (problem as readonly Issue[]) : [problem as Issue];
    super(typeof problem === 'string' ? printable(problem, true) : list.map(formatIssue).join('\n'), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KsdkCliError';
    this.code = code;
    this.issues = list;
    this.suggestions = options.suggestions ?? [];
    this.file = list[0]?.file;
    this.line = list[0]?.line;
    this.pointer = list[0]?.pointer;
  }

  /** The exit code a command that fails with this error exits with. */
  get exit(): ExitCode {
    return exitCodeOf(this.code);
  }

  toJSON(): CliErrorJson {
    return { code: this.code, message: this.message, issues: [...this.issues], suggestions: [...this.suggestions] };
  }
}

/**
 * Turns anything thrown into a KsdkCliError (an unexpected one becomes
 * `KSDK_INTERNAL`). `file`: what the run was reading, to locate a stack overflow.
 */
export function toCliError(err: unknown, file?: string): KsdkCliError {
  if (err instanceof KsdkCliError) return err;
  // The limits (`Limits`) stop deep input before any recursion; this is the net below them.
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    const message = 'the input nests too deeply to process (the stack overflowed); flatten the deepest schemas or $ref chains';
    return new KsdkCliError('KSDK_LIMIT_EXCEEDED', file === undefined ? message : { file, message }, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new KsdkCliError('KSDK_INTERNAL', `internal error: ${message}`, { cause: err });
}
