import { KsdkError } from './KsdkError.js';

export type DecodeFailure =
  | 'invalid-json'
  | 'invalid-utf8'
  | 'missing-value'
  | 'missing-cloudevent-attribute'
  | 'unknown-type'
  | 'unsupported-specversion';

/** A record that cannot be turned into a message: a poison message. Never retriable. */
export class DecodeError extends KsdkError {
  readonly reason: DecodeFailure;

  constructor(reason: DecodeFailure, message: string, cause?: unknown) {
    super('KSDK_DECODE', message, { cause });
    this.reason = reason;
  }
}
