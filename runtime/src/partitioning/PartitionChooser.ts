import type { PartitionMetadata, PartitionerArgs, PartitionerFactory } from '../transport/TransportProducer.js';
import { javaPartition } from './murmur2.js';

/**
 * Decides the partition of every record a ksdk producer sends, and remembers
 * each topic's partition metadata as kafkajs hands it to the partitioner.
 *
 * - Keyed records go where Apache Kafka's Java client puts them:
 *   `toPositive(murmur2(keyBytes)) % numPartitions` over *all* partitions.
 * - Records with a `null` key are spread round robin over the partitions that
 *   have a leader (as kafkajs's DefaultPartitioner does).
 *
 * The producer needs the metadata to split a batch into one request per
 * partition: Kafka appends each partition's batch atomically, so a failure then
 * names exactly the records that were not written (see `BatchSender`).
 * One chooser per producer, so round-robin counters are not shared.
 */
export class PartitionChooser {
  readonly #metadata = new Map<string, readonly PartitionMetadata[]>();
  readonly #counters = new Map<string, number>();
  readonly #decided = new WeakMap<object, number>();
  readonly #random: () => number;

  /** `random` seeds each topic's round-robin counter (tests pass a fixed one). */
  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  /** Partition count of `topic` as last seen, or undefined before the first send to it. */
  partitionCount(topic: string): number | undefined {
    return this.#metadata.get(topic)?.length;
  }

  observe(topic: string, partitionMetadata: readonly PartitionMetadata[]): void {
    if (partitionMetadata.length > 0) this.#metadata.set(topic, partitionMetadata);
  }

  /** The partition for a record, or undefined while the topic's metadata is unknown. */
  choose(topic: string, key: string | Buffer | null | undefined): number | undefined {
    const metadata = this.#metadata.get(topic);
    if (!metadata) return undefined;
    return this.#choose(topic, metadata, key);
  }

  #choose(topic: string, metadata: readonly PartitionMetadata[], key: string | Buffer | null | undefined): number {
    if (key !== null && key !== undefined) return javaPartition(key, metadata.length);
    let counter = this.#counters.get(topic);
    if (counter === undefined) counter = Math.floor(this.#random() * 0x7fffffff);
    counter = (counter + 1) & 0x7fffffff;
    this.#counters.set(topic, counter);
    const available = metadata.filter((p) => p.leader >= 0);
    if (available.length > 0) return available[counter % available.length]!.partitionId;
    return counter % metadata.length;
  }

  /**
   * A kafkajs `createPartitioner` that honours an explicit `partition`, otherwise
   * chooses as above, and records the metadata it is given.
   */
  readonly partitioner: PartitionerFactory = () => ({ topic, partitionMetadata, message }: PartitionerArgs) => {
    this.observe(topic, partitionMetadata);
    if (message.partition !== undefined && message.partition !== null) return message.partition;
    const partition = this.#choose(topic, partitionMetadata, message.key);
    this.#decided.set(message, partition);
    return partition;
  };

  /** The partition this chooser's partitioner gave `message`, if it was asked (acks 0 answers tell nothing). */
  decided(message: object): number | undefined {
    return this.#decided.get(message);
  }
}

/**
 * A stateless kafkajs partitioner that places keyed records as the Java client
 * does; for users who build their own kafkajs producers (`createPartitioner`).
 */
export const JavaCompatiblePartitioner: PartitionerFactory = () => new PartitionChooser().partitioner();
