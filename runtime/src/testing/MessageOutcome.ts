import type { MessageMetadata } from '../messages/MessageMetadata.js';
import type { MessageDeadLetteredEvent } from '../observability/RuntimeEvents.js';

/**
 * How a record's journey through a subscription ended:
 * - `handled`: the handler returned `true` (after however many attempts).
 * - `dead-lettered`: written to the dead-letter topic (retries exhausted, poison, non-retriable, decided).
 * - `skipped`: given up and committed without a dead-letter topic (`onExhausted: 'skip'`, or a failure handler's `skip`).
 * - `failed`: the subscription stopped on it (no dead-letter topic and `onExhausted: 'stop'`,
 *   or a failure handler's `stop`); its offset stays uncommitted.
 */
export type OutcomeStatus = 'handled' | 'failed' | 'dead-lettered' | 'skipped';

/** A record's coordinates. */
export interface RecordRef {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface MessageOutcome extends RecordRef {
  readonly status: OutcomeStatus;
  /** The message id; absent for a record that could not be decoded. */
  readonly messageId?: string;
  /** The decoded message; absent for a record that could not be decoded. */
  readonly message?: MessageMetadata;
  /** The subscription that settled the record. */
  readonly subscription: string;
  /**
   * Attempts made, counting retry-topic hops: the attempt that succeeded, or
   * every attempt when it did not.
   */
  readonly attempts: number;
  /** Where a dead-lettered record went. */
  readonly deadLetterTopic?: string;
  /** Why a record was dead-lettered. */
  readonly reason?: MessageDeadLetteredEvent['reason'];
  /** The last attempt's error (what the handler threw, or why decoding failed). */
  readonly error?: Error;
}

export interface OutcomeQuery {
  /** Only an outcome of this subscription (when several read the topic). */
  subscription?: string;
  /** Reject when no outcome arrives within this many ms (real time). Default: the harness's `timeoutMs`. */
  timeoutMs?: number;
}
