import { KsdkError } from './KsdkError.js';

/**
 * Why a record is poison, as the `ksdk-failure-reason` header says it (`poison:<reason>`).
 * Stable strings: docs/consuming.md describes each.
 */
export type DecodeFailure =
  | 'invalid-json'
  | 'invalid-utf8'
  | 'missing-value'
  | 'missing-cloudevent-attribute'
  | 'invalid-cloudevent-attribute'
  | 'repeated-attribute'
  | 'empty-id'
  | 'oversized-id'
  | 'invalid-time'
  | 'unsupported-content-type'
  | 'string-data'
  | 'base64-data'
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
