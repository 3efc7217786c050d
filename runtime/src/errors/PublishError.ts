import { KsdkError } from './KsdkError.js';

/**
 * Why a publish failed, stable enough to switch on:
 * - `validation`: the message does not match its schema (never sent).
 * - `too-large`: the broker refused the record's size (`MESSAGE_TOO_LARGE`,
 *   `RECORD_LIST_TOO_LARGE`: the topic's `max.message.bytes`).
 * - `rejected`: the broker refused the record itself (`INVALID_RECORD`,
 *   `CORRUPT_MESSAGE`, `INVALID_TIMESTAMP`).
 * - `unknown-topic`: the topic does not exist on the cluster (looked for up to
 *   `unknownTopicTimeoutMs`; ksdk never creates topics on first use). Never sent.
 * - `unreachable`: connecting to the cluster failed or took longer than `connectTimeoutMs`.
 * - `timeout`: no acknowledgement within `deliveryTimeoutMs`, or `close()` gave up
 *   waiting; the record may still have been written.
 * - `codec-missing`: the configured compression has no codec registered in kafkajs.
 * - `buffer-full`: more than `bufferMaxRecords` records were waiting.
 * - `closed`: the producer was closed.
 * - `broker`: any other client or broker error (see `cause`).
 */
export type PublishFailureReason =
  | 'validation'
  | 'too-large'
  | 'rejected'
  | 'unknown-topic'
  | 'unreachable'
  | 'timeout'
  | 'codec-missing'
  | 'buffer-full'
  | 'closed'
  | 'broker';

export interface PublishErrorOptions {
  reason?: PublishFailureReason;
  /** Overrides the flag derived from `cause`. */
  retriable?: boolean;
}

/** kafkajs protocol error types caused by the record itself, and the reason they map to. */
const RECORD_ERRORS: Readonly<Record<string, PublishFailureReason>> = {
  MESSAGE_TOO_LARGE: 'too-large',
  RECORD_LIST_TOO_LARGE: 'too-large',
  INVALID_RECORD: 'rejected',
  CORRUPT_MESSAGE: 'rejected',
  INVALID_TIMESTAMP: 'rejected',
};

/** The error and the errors it wraps (`cause`, kafkajs's `originalError`), outermost first. */
export function errorChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = err;
  while (current !== undefined && current !== null && chain.length < 8 && !chain.includes(current)) {
    chain.push(current);
    const next = current as { cause?: unknown; originalError?: unknown };
    current = next.cause ?? next.originalError;
  }
  return chain;
}

/** The kafkajs protocol error type (e.g. `MESSAGE_TOO_LARGE`) anywhere in the chain. */
export function kafkaErrorType(err: unknown): string | undefined {
  for (const e of errorChain(err)) {
    const type = (e as { type?: unknown }).type;
    if (typeof type === 'string') return type;
  }
  return undefined;
}

/**
 * True when the broker refused the record for what it is (size, content), so
 * sending the same records in smaller groups can tell the good from the bad.
 */
export function isRecordError(err: unknown): boolean {
  const type = kafkaErrorType(err);
  return type !== undefined && type in RECORD_ERRORS;
}

function reasonOf(cause: unknown): PublishFailureReason {
  const type = kafkaErrorType(cause);
  if (type !== undefined && RECORD_ERRORS[type]) return RECORD_ERRORS[type];
  if ((cause as { code?: unknown } | undefined)?.code === 'KSDK_VALIDATION') return 'validation';
  return 'broker';
}

/** Reasons the same publish fails again however often it is tried. */
const FINAL_REASONS: ReadonlySet<PublishFailureReason> = new Set(['validation', 'too-large', 'rejected', 'codec-missing', 'closed', 'unknown-topic']);

/**
 * Whether trying again later may succeed. kafkajs marks exhausted retries as
 * non-retriable (`KafkaJSNumberOfRetriesExceeded`), but what ran out was its own
 * retry budget: the error underneath (a lost connection, a leader election) is
 * what decides, so any retriable error in the chain makes the publish retriable.
 */
function retriableOf(cause: unknown, reason: PublishFailureReason): boolean {
  if (reason === 'timeout' || reason === 'buffer-full') return true;
  if (FINAL_REASONS.has(reason)) return false;
  return errorChain(cause).some((e) => (e as { retriable?: unknown }).retriable === true);
}

/**
 * A publish failed. Names the message id and topic; `cause` is the kafkajs (or
 * validation) error; `reason` says why in one word; `retriable` says whether the
 * same publish may succeed later.
 */
export class PublishError extends KsdkError {
  readonly messageId: string | undefined;
  readonly topic: string;
  readonly reason: PublishFailureReason;

  constructor(topic: string, messageId: string | undefined, cause: unknown, detail?: string, options: PublishErrorOptions = {}) {
    const reason = options.reason ?? reasonOf(cause);
    const why = detail ?? (cause instanceof Error ? cause.message : String(cause));
    super('KSDK_PUBLISH', `publishing ${messageId ? `message ${messageId}` : 'a record'} to topic "${topic}" failed (${reason}): ${why}`, {
      cause,
      retriable: options.retriable ?? retriableOf(cause, reason),
    });
    this.messageId = messageId;
    this.topic = topic;
    this.reason = reason;
  }
}
