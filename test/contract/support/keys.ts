import { javaPartition } from '@ksdk/runtime/wire';

/** A key that Kafka's Java partitioner places on `partition` of a topic with `partitions` partitions. */
export function keyFor(partition: number, partitions: number, prefix = 'key'): string {
  for (let i = 0; i < 10_000; i++) {
    const key = `${prefix}-${i}`;
    if (javaPartition(key, partitions) === partition) return key;
  }
  throw new Error(`no key for partition ${partition} of ${partitions}`);
}
