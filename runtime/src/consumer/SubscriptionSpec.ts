import type { MessageDescriptor } from '../messages/MessageDescriptor.js';
import type { MessageMetadata } from '../messages/MessageMetadata.js';
import type { RetryPolicy } from './RetryPolicy.js';

/**
 * What to do with a record whose retries are exhausted (or that is poison) when
 * the subscription has no dead-letter topic. There is no silent default:
 * - `stop` (default): the subscription stops with an error; the offset is not committed, so nothing is lost.
 * - `skip`: commit and move on; the loss is reported through the monitor events.
 */
export type ExhaustedAction = 'stop' | 'skip';

/**
 * What to do when the broker refuses a dead-letter copy for good (larger than the
 * DLT's `max.message.bytes`, an invalid record), which no retry can fix:
 * - `drop-value` (default): write a fallback copy without the value, with headers
 *   saying why and how large the original was, then commit and move on.
 * - `stop`: the subscription stops with a `KSDK_DEAD_LETTER` error; the offset is not committed.
 */
export type DeadLetterRefusedAction = 'drop-value' | 'stop';

/** One subscription, as the manifest declares it. Generated code builds these. */
export interface SubscriptionSpec<M extends MessageMetadata = MessageMetadata> {
  /** Name in the manifest, e.g. `orderProcessor`. */
  readonly name: string;
  readonly topic: string;
  readonly groupId: string;
  /** Message types this subscription accepts; records of other types are poison. */
  readonly messages: readonly MessageDescriptor<M>[];
  /** Consumer instances in this process, all in `groupId`. Default 1. */
  readonly consumers?: number;
  readonly retry?: RetryPolicy;
  readonly deadLetterTopic?: string;
  /** Hold each record until its timestamp plus this delay (retry topics). */
  readonly processingDelayMs?: number;
  readonly onExhausted?: ExhaustedAction;
  readonly onDeadLetterRefused?: DeadLetterRefusedAction;
  /** Read from the beginning when the group has no committed offset. Default true. */
  readonly fromBeginning?: boolean;
  /** Partitions handled concurrently per consumer (order within a partition is kept; kafkajs `partitionsConsumedConcurrently`). Default 1. */
  readonly concurrency?: number;
}
