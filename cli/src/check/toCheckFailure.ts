import { KsdkCliError } from '../errors/KsdkCliError.js';
import { CheckError } from './CheckError.js';

/** Exit codes of `ksdk check` and `ksdk lock`: 0 compatible / up to date, 1 incompatible / stale, 2 usage or input error, 4 a bug. */
export const CHECK_EXIT = { ok: 0, incompatible: 1, input: 2, internal: 4 } as const;

export interface CheckFailure {
  readonly code: string;
  readonly message: string;
  readonly exit: number;
  readonly suggestions: readonly string[];
}

/**
 * What a command reports for anything thrown: `CheckError` and the manifest
 * loader's `KsdkCliError` are input errors (exit 2); anything else is a bug (exit 4).
 */
export function toCheckFailure(err: unknown): CheckFailure {
  if (err instanceof CheckError) return { code: err.code, message: err.message, exit: CHECK_EXIT.input, suggestions: err.suggestions };
  if (err instanceof KsdkCliError) {
    return { code: err.code, message: err.message, exit: err.code === 'KSDK_INTERNAL' ? CHECK_EXIT.internal : CHECK_EXIT.input, suggestions: [] };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'KSDK_INTERNAL', message: `internal error: ${message}`, exit: CHECK_EXIT.internal, suggestions: [] };
}
