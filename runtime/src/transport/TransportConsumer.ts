import type { RecordHeaders } from './RecordHeaders.js';

/** A record as a consumer hands it over. */
export interface ConsumedRecord {
  key: Buffer | null;
  value: Buffer | null;
  /** Record timestamp, decimal ms since the epoch. */
  timestamp: string;
  /** Decimal offset in its partition. */
  offset: string;
  headers?: RecordHeaders;
}

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

/** Partitions of a topic, or (no `partitions`) the whole topic. */
export interface TopicSelection {
  topic: string;
  partitions?: number[];
}

export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

/** Offsets to commit: the next offset to read, per partition. */
export interface CommitOffsets {
  topics: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>;
}

/** How a consumer is made: the group it joins and how it talks to the cluster. */
export interface TransportConsumerConfig {
  groupId: string;
  clientId?: string | undefined;
  /** Longest a fetch waits for records, in ms. */
  maxWaitTimeInMs?: number;
  sessionTimeout?: number;
  heartbeatInterval?: number;
  rebalanceTimeout?: number;
  /** false: records of open or aborted transactions are not handed over (READ_COMMITTED). */
  readUncommitted?: boolean;
  /** false: subscribing to a topic never creates it. */
  allowAutoTopicCreation?: boolean;
}

/**
 * One fetched batch of one partition, as `eachBatch` gets it. The consumer's
 * position moves only by `resolveOffset`: records left unresolved are fetched
 * again. Nothing here may allocate per record: ksdk's batch loop calls these
 * for every record it handles.
 */
export interface TransportBatch {
  batch: { topic: string; partition: number; messages: ConsumedRecord[] };
  /** Marks `offset` done: the position (and, with auto-commit, the next commit) moves past it. */
  resolveOffset(offset: string): void;
  /** Tells the group this member is alive; rejects while the group rebalances. */
  heartbeat(): Promise<void>;
  /**
   * Without `offsets`: commits the resolved offsets if the run's interval or
   * threshold is reached. With `offsets`: commits exactly those, at once.
   */
  commitOffsetsIfNecessary(offsets?: CommitOffsets): Promise<void>;
  /** False once the consumer is stopping. */
  isRunning(): boolean;
  /** True once a seek or rebalance made the rest of this batch out of date. */
  isStale(): boolean;
}

export interface TransportRunConfig {
  /** Commit resolved offsets by itself: after each batch, on the interval/threshold, before a rebalance and on stop. */
  autoCommit: boolean;
  autoCommitInterval?: number | null;
  autoCommitThreshold?: number | null;
  /** true: a batch that returns without throwing is resolved whole. */
  eachBatchAutoResolve: boolean;
  /** Batches of different partitions handled at the same time. Default 1. */
  partitionsConsumedConcurrently?: number;
  eachBatch: (payload: TransportBatch) => Promise<void>;
}

/** What the consumer's group events carry that ksdk reads. */
export interface GroupJoinPayload {
  /** This member's partitions, by topic. */
  memberAssignment: { [topic: string]: number[] };
}
export interface CrashPayload {
  error: Error;
  /** true: the consumer restarts by itself; false: it has stopped for good. */
  restart: boolean;
}
export interface BatchEndPayload {
  topic: string;
  partition: number;
  /** Offset of the batch's last record, handed over or not (transaction markers, aborted records). */
  lastOffset: string;
}

/**
 * The consumer side of ksdk's transport port: a member of a consumer group
 * that hands fetched records to `eachBatch`, partition by partition.
 *
 * Semantics the runtime relies on (`test/contract/` holds every transport to
 * them): records of a partition in offset order, one batch of a partition at a
 * time; a paused partition is not fetched while the others are; a `seek`
 * applies at the next fetch and makes the batch in hand stale; before
 * partitions move on a rebalance the owner gets `consumer.rebalancing`, its
 * batches in hand finish, and resolved offsets are committed (with
 * `autoCommit`); every member then gets `consumer.group_join` with its
 * assignment; `disconnect()` finishes the batches in hand, commits, and leaves.
 */
export interface TransportConsumer {
  connect(): Promise<void>;
  subscribe(subscription: { topics: string[]; fromBeginning: boolean }): Promise<void>;
  /** Joins the group and starts fetching; `eachBatch` may be called before it resolves. */
  run(config: TransportRunConfig): Promise<void>;
  /** Stops fetching, lets batches in hand finish, commits (with `autoCommit`), leaves the group. */
  disconnect(): Promise<void>;
  pause(topics: TopicSelection[]): void;
  resume(topics: TopicSelection[]): void;
  /** Paused partitions among those assigned. */
  paused(): TopicPartitions[];
  /** The partition's next fetch starts at `offset`. */
  seek(position: TopicPartitionOffset): void;
  /** A rebalance began: partitions may be taken away. */
  on(event: 'consumer.rebalancing', listener: (event: { payload: unknown }) => void): () => void;
  /** The group assigned this member its partitions (after every rebalance). */
  on(event: 'consumer.group_join', listener: (event: { payload: GroupJoinPayload }) => void): () => void;
  /** `eachBatch` or the consumer itself failed. */
  on(event: 'consumer.crash', listener: (event: { payload: CrashPayload }) => void): () => void;
  /** A batch was handled (also one whose records were all filtered out, e.g. transaction markers). */
  on(event: 'consumer.end_batch_process', listener: (event: { payload: BatchEndPayload }) => void): () => void;
}
