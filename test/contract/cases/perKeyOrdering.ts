import { expect } from 'vitest';
import { javaPartition } from '@ksdk/runtime/wire';
import { descriptorOn } from '../../fixtures/orderDescriptor.js';
import type { ContractCase } from '../ContractTransport.js';
import { eventually } from '../support/eventually.js';
import { withScope } from '../support/CaseScope.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * With three partitions consumed concurrently and handlers of uneven speed,
 * every key's messages are handled in the order they were published, each
 * key stays on the partition the Java client chooses for it, and each
 * partition is handled in offset order.
 */
export const perKeyOrdering: ContractCase = {
  name: 'per-partition (per-key) ordering with concurrent partitions',
  run: (t) =>
    withScope(t, async (scope) => {
      const topic = t.uniqueTopic('ordering');
      await t.createTopic(topic, 3);
      const descriptor = descriptorOn(topic);
      const keys = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];
      const handled: Array<{ key: string; seq: number; partition: number; offset: number }> = [];
      await scope.subscribe(
        { name: 'ordering', topic, groupId: `${topic}-g`, messages: [descriptor], concurrency: 3 },
        {
          handle: async (m, ctx) => {
            const seq = Number(m.orderId.split('#')[1]);
            await sleep(seq % 3);
            handled.push({ key: ctx.key ?? '', seq, partition: ctx.partition, offset: Number(ctx.offset) });
            return true;
          },
        },
      );
      const producer = scope.producer();
      const total = 36;
      for (let seq = 0; seq < total; seq++) {
        const key = keys[seq % keys.length]!;
        await producer.publish(descriptor, { orderId: `${key}#${seq}`, amount: seq }, { key });
      }

      await eventually(() => handled.length >= total, t.patienceMs, `${total} messages handled`);
      expect(handled).toHaveLength(total);
      for (const key of keys) {
        const mine = handled.filter((h) => h.key === key);
        expect(mine.map((h) => h.seq), `order of ${key}`).toEqual([...mine.map((h) => h.seq)].sort((a, b) => a - b));
        expect(new Set(mine.map((h) => h.partition)), `partition of ${key}`).toEqual(new Set([javaPartition(key, 3)]));
      }
      for (const partition of [0, 1, 2]) {
        const offsets = handled.filter((h) => h.partition === partition).map((h) => h.offset);
        expect(offsets, `offsets of partition ${partition}`).toEqual(offsets.map((_, i) => i));
      }
    }),
};
