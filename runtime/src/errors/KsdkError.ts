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

/** Turns anything thrown into a KsdkError, keeping the original as `cause`. */
export function toKsdkError(err: unknown, code: KsdkErrorCode = 'KSDK_UNKNOWN'): KsdkError {
  if (err instanceof KsdkError) return err;
  if (err instanceof Error) {
    const retriable = (err as { retriable?: unknown }).retriable === true;
    return new KsdkError(code, err.message, { cause: err, retriable });
  }
  return new KsdkError(code, String(err), { cause: err });
}
