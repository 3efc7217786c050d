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
  /** Read from the beginning when the group has no committed offset. Default true. */
  readonly fromBeginning?: boolean;
  /** Partitions handled concurrently per consumer (order within a partition is kept). Default 1. */
  readonly partitionsConsumedConcurrently?: number;
}
