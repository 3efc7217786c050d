import type { ConnectionOptions } from '../kafka/ConnectionOptions.js';
import type { RuntimeEvents } from '../observability/RuntimeEvents.js';
import type { ClientFactory } from '../transport/ClientFactory.js';
import type { WireFormat } from '../wire/WireFormat.js';

/**
 * - `at-least-once` (default): every record takes effect; after a crash, or a
 *   commit Kafka refuses (`stream.commit-failed`), the chunk in hand may take
 *   effect twice (bounded by `maxRecordsPerCommit` per task).
 * - `exactly-once`: every record takes effect once in what READ_COMMITTED readers
 *   see (outputs, changelogs, offsets commit in one Kafka transaction per chunk).
 *   Needs brokers with transactions (`transaction.state.log.*` settings a single
 *   broker must lower to 1) and readers with `readUncommitted: false`.
 */
export type ProcessingGuarantee = 'at-least-once' | 'exactly-once';

export interface StreamAppOptions extends ConnectionOptions {
  /**
   * Identifies the app across instances and restarts: it is the consumer group id,
   * the prefix of internal topics (`<applicationId>-<name>-repartition|changelog`)
   * and of transactional ids. Every instance of one app uses the same id.
   */
  applicationId: string;
  guarantee?: ProcessingGuarantee;
  /** Where the consumer, producers and admin come from (the transport port). Default: kafkajs, built from the connection options. */
  factory?: ClientFactory;
  /** Late records, skipped records, restores and refused commits are reported here (`stream.*` events). */
  events?: RuntimeEvents;
  /** Wire format of messages `to()` writes. Default `structured` (CloudEvents). */
  wireFormat?: WireFormat;
  /** CloudEvents `source` of messages `to()` writes. Default `urn:ksdk:streams:<applicationId>`. */
  source?: string;
  /**
   * Records per partition processed between commits (per transaction in
   * exactly-once mode). Smaller bounds reprocessing after a crash in
   * at-least-once mode; larger amortises commits. Default 100.
   */
  maxRecordsPerCommit?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  rebalanceTimeoutMs?: number;
  /** Longest a fetch waits for data; each repartition hop adds up to this much latency. Default 500 ms. */
  maxWaitTimeMs?: number;
  /** Partitions processed concurrently (tasks are independent; kafkajs `partitionsConsumedConcurrently`). Default 1. */
  concurrency?: number;
  /** Exactly-once: how long the broker lets a transaction stay open. Default 60000 ms. */
  transactionTimeoutMs?: number;
  /**
   * How often records of the repartition topics this instance has committed are
   * deleted (Kafka's DeleteRecords up to the committed offset), as Kafka Streams'
   * `repartition.purge.interval.ms`: repartition topics have no time retention,
   * so this keeps them small. Default 30000 ms; `Infinity` never purges.
   */
  repartitionPurgeIntervalMs?: number;
  /** Replication factor of the internal topics this app creates. Default: the broker's default. */
  replicationFactor?: number;
  /** Longest a state restore may take before the task is retried. Default 120000 ms. */
  restoreTimeoutMs?: number;
  /** Wait after a failed commit (or restore) before the chunk is tried again. Default 1000 ms. */
  retryBackoffMs?: number;
  /** Clock for message defaults; tests pass their own. */
  now?: () => number;
  /** Called when the app stops because of an error (after it stopped). */
  onError?: (error: Error) => void;
}
