import { javaPartition } from '../partitioning/murmur2.js';
import type { PartitionerFactory } from '../transport/TransportProducer.js';

/**
 * The partitioner an in-memory producer uses when its config names none, with
 * kafkajs 2's `DefaultPartitioner` rules: an explicit `partition` wins; a keyed
 * record goes where Apache Kafka's Java client puts it
 * (`toPositive(murmur2(key)) % partitions`); a record without a key is spread
 * round robin. The round robin starts at partition 0 rather than at a random
 * one, so a test sees the same placement on every run.
 */
export const defaultPartitioner: PartitionerFactory = () => {
  const counters = new Map<string, number>();
  return ({ topic, partitionMetadata, message }) => {
    if (message.partition !== undefined && message.partition !== null) return message.partition;
    if (message.key !== undefined && message.key !== null) return javaPartition(message.key, partitionMetadata.length);
    const counter = counters.get(topic) ?? 0;
    counters.set(topic, counter + 1);
    return partitionMetadata[counter % partitionMetadata.length]!.partitionId;
  };
};
