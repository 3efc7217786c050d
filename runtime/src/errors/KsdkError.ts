import { isRetriable } from './isRetriable.js';

/**
 * Every error ksdk raises or reports. `code` is stable and safe to switch on;
 * `retriable` is what retry and dead-letter decisions read (never the message text).
 */
export type KsdkErrorCode =
  | 'KSDK_VALIDATION'
  | 'KSDK_DECODE'
  | 'KSDK_PUBLISH'
  | 'KSDK_HANDLER'
  | 'KSDK_DEAD_LETTER'
  | 'KSDK_CONFIG'
  | 'KSDK_TIMEOUT'
  | 'KSDK_STOPPED'
  | 'KSDK_UNKNOWN_TOPIC'
  | 'KSDK_UNKNOWN';

export interface KsdkErrorOptions {
  cause?: unknown;
  /** Whether another attempt may succeed (see `isRetriable`). Default false: a ksdk error says so when it is. */
  retriable?: boolean;
}

export class KsdkError extends Error {
  readonly code: KsdkErrorCode;
  readonly retriable: boolean;

  constructor(code: KsdkErrorCode, message: string, options: KsdkErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}

/**
 * Turns anything thrown into a KsdkError, keeping the original as `cause`; it is
 * as retriable as the original by the one rule (`isRetriable`).
 */
export function toKsdkError(err: unknown, code: KsdkErrorCode = 'KSDK_UNKNOWN'): KsdkError {
  if (err instanceof KsdkError) return err;
  return new KsdkError(code, err instanceof Error ? err.message : String(err), { cause: err, retriable: isRetriable(err) });
}
