import { expect } from 'vitest';
import { javaPartition } from '@ksdk/runtime/wire';
import type { ContractCase } from '../ContractTransport.js';
import { withScope } from '../support/CaseScope.js';

/**
 * A plain producer of the transport (no partitioner of ksdk's) puts keyed
 * records where Apache Kafka's Java client would: `murmur2(key) % partitions`.
 * kafkajs 2's default partitioner does; the in-memory broker must too, or a
 * test would see other partitions than production does.
 */
export const keyPlacement: ContractCase = {
  name: 'keyed records land on the Java client\'s partition',
  run: (t) =>
    withScope(t, async (scope) => {
      const topic = t.uniqueTopic('placement');
      await t.createTopic(topic, 4);
      const raw = await scope.rawProducer();
      const keys = Array.from({ length: 24 }, (_, i) => `customer-${i}`);
      await raw.send({ topic, messages: keys.map((key) => ({ key, value: key })) });
      const records = await t.readAll(topic, keys.length);
      for (const record of records) {
        const key = record.key!.toString();
        expect(record.partition, `partition of ${key}`).toBe(javaPartition(key, 4));
      }
    }),
};
