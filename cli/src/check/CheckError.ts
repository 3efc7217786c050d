/**
 * Stable codes of the errors `ksdk check` and `ksdk lock` raise. All of them are
 * usage or input errors: the commands exit with code 2.
 */
export type CheckErrorCode =
  | 'KSDK_CHECK_USAGE'
  | 'KSDK_BASELINE_NOT_FOUND'
  | 'KSDK_BASELINE_INVALID'
  | 'KSDK_LOCK_INVALID'
  | 'KSDK_GIT_FAILED'
  | 'KSDK_MANIFEST_NOT_FOUND'
  | 'KSDK_MANIFEST_INVALID'
  | 'KSDK_SCHEMA_NOT_FOUND'
  | 'KSDK_SCHEMA_SYNTAX'
  | 'KSDK_SCHEMA_INVALID'
  | 'KSDK_REF_UNRESOLVED';

export interface CheckErrorOptions {
  cause?: unknown;
  /** The file the problem is in, relative to the project when possible. */
  file?: string;
  /** JSON pointer inside `file`. */
  pointer?: string;
  /** What the user can do about it; shown under the message. */
  suggestions?: readonly string[];
}

/** A usage or input error of `ksdk check` / `ksdk lock`. `code` is stable; the message is for people. */
export class CheckError extends Error {
  readonly code: CheckErrorCode;
  readonly file: string | undefined;
  readonly pointer: string | undefined;
  readonly suggestions: readonly string[];

  constructor(code: CheckErrorCode, message: string, options: CheckErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CheckError';
    this.code = code;
    this.file = options.file;
    this.pointer = options.pointer;
    this.suggestions = options.suggestions ?? [];
  }
}
