import type { CommitOffsets } from './TransportConsumer.js';
import type { RecordHeaders } from './RecordHeaders.js';

/** A record to write. `key` places it (see `Partitioner`) unless `partition` is given. */
export interface OutboundRecord {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  partition?: number;
  headers?: RecordHeaders;
  /** Record timestamp, decimal ms since the epoch; default: when it is sent. */
  timestamp?: string;
}

/** What a producer knows of a partition when it places a record. */
export interface PartitionMetadata {
  partitionErrorCode: number;
  partitionId: number;
  /** Broker id of the leader; negative while there is none. */
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas?: number[];
}

export interface PartitionerArgs {
  topic: string;
  /** Every partition of the topic. */
  partitionMetadata: PartitionMetadata[];
  message: OutboundRecord;
}

/**
 * Makes the function that places records: the producer calls the factory once
 * and the function it returns for every record it sends (with or without an
 * explicit `partition`), handing it the topic's partition metadata. ksdk's
 * producers pass theirs: placement is part of ksdk's contract (keys land where
 * the Java client puts them), and it is how they learn partition counts.
 */
export type PartitionerFactory = () => (args: PartitionerArgs) => number;

/** Kafka's record-batch compression codec ids: 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. */
export type CompressionCodec = 0 | 1 | 2 | 3 | 4;

/** Backoff of a client's own retries of a failed request. */
export interface RetrySettings {
  retries?: number;
  initialRetryTime?: number;
  maxRetryTime?: number;
  factor?: number;
  multiplier?: number;
}

export interface TransportProducerConfig {
  clientId?: string | undefined;
  createPartitioner?: PartitionerFactory;
  retry?: RetrySettings;
  metadataMaxAge?: number;
  /** false: writing to a topic never creates it. */
  allowAutoTopicCreation?: boolean;
  idempotent?: boolean;
  /** Makes the producer transactional (`transaction()`). */
  transactionalId?: string;
  transactionTimeout?: number;
  maxInFlightRequests?: number;
}

export interface ProduceRequest {
  topic: string;
  messages: OutboundRecord[];
  /** -1 all in-sync replicas, 1 the leader, 0 none (then nothing is answered). */
  acks?: number;
  /** Broker-side wait for the acks, in ms. */
  timeout?: number;
  compression?: CompressionCodec;
}

export interface ProduceBatchRequest {
  topicMessages: Array<{ topic: string; messages: OutboundRecord[] }>;
  acks?: number;
  timeout?: number;
  compression?: CompressionCodec;
}

/** What the broker answered for one partition a request wrote to. */
export interface ProduceResult {
  partition: number;
  /** Offset of the first record written to the partition by the request. */
  baseOffset?: string;
}

/** One open transaction of a transactional producer. */
export interface TransportTransaction {
  sendBatch(batch: ProduceBatchRequest): Promise<ProduceResult[]>;
  /** Commits a consumer group's offsets as part of the transaction. */
  sendOffsets(offsets: CommitOffsets & { consumerGroupId: string }): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * The producer side of ksdk's transport port. A request either writes all of
 * its records to a partition or none (Kafka appends a partition's batch
 * atomically); a failure names its cause with kafkajs's error shape (`name`,
 * `type`, `retriable`) so that ksdk can tell a record's fault (too large) from
 * the cluster's. One request is answered with one `ProduceResult` per
 * partition it wrote to, none for `acks: 0`.
 */
export interface TransportProducer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  send(request: ProduceRequest): Promise<ProduceResult[]>;
  sendBatch(batch: ProduceBatchRequest): Promise<ProduceResult[]>;
  /**
   * Begins a transaction (a transactional producer only). The first call
   * registers the `transactionalId`, fencing any earlier producer with that id.
   */
  transaction(): Promise<TransportTransaction>;
}
