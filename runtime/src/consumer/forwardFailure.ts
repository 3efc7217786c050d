import { boundText } from '../errors/boundText.js';
import { errorChain, kafkaErrorType } from '../errors/PublishError.js';

/**
 * Broker errors that refuse a dead-letter or retry-topic write for what it is, so
 * writing the same record again can never succeed: it is larger than the topic's
 * `max.message.bytes`, or the broker rejects the record or the request itself.
 * Every other failure (a missing topic, missing ACLs, a lost connection, a leader
 * election, a time-out) may be fixed while the record waits, and is retried.
 */
const REFUSALS: ReadonlySet<string> = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'INVALID_TIMESTAMP',
  'INVALID_TOPIC_EXCEPTION',
  'INVALID_REQUIRED_ACKS',
  'UNSUPPORTED_FOR_MESSAGE_FORMAT',
]);

export interface ForwardFailure {
  /** `retry`: write again later; `refused`: this write can never succeed. */
  kind: 'retry' | 'refused';
  /** The broker's error type when there is one, e.g. `MESSAGE_TOO_LARGE`. */
  type: string | undefined;
  /** One bounded line: type and message. */
  description: string;
}

/** Classifies a failed dead-letter (or retry-topic) write. */
export function classifyForwardFailure(err: unknown): ForwardFailure {
  const type = kafkaErrorType(err);
  const publishReason = errorChain(err)
    .map((e) => (e as { code?: unknown; reason?: unknown }))
    .find((e) => e.code === 'KSDK_PUBLISH')?.reason;
  const refused = (type !== undefined && REFUSALS.has(type)) || publishReason === 'too-large' || publishReason === 'rejected';
  const message = err instanceof Error ? err.message : String(err);
  return { kind: refused ? 'refused' : 'retry', type, description: boundText(type ? `${type}: ${message}` : message, 512) };
}
