import { expect } from 'vitest';
import type { PublishResult } from '@ksdk/runtime';
import { javaPartition } from '@ksdk/runtime/wire';
import { descriptorOn } from '../../fixtures/orderDescriptor.js';
import type { ContractCase } from '../ContractTransport.js';
import { eventually } from '../support/eventually.js';
import { withScope } from '../support/CaseScope.js';

/**
 * Publish through a ksdk producer, consume through a subscription: every
 * message arrives once, decoded, at the partition and offset the publish
 * reported (the Java client's partition for its key), with its headers, and
 * the group's committed offsets end at the high watermarks.
 */
export const roundTrip: ContractCase = {
  name: 'publish/consume round trip',
  run: (t) =>
    withScope(t, async (scope) => {
      const topic = t.uniqueTopic('roundtrip');
      await t.createTopic(topic, 2);
      const descriptor = descriptorOn(topic);
      const groupId = `${topic}-g`;
      const seen: Array<{ id: string; orderId: string; partition: number; offset: string; key: string | null; header?: string; contentType?: string; attempt: number }> = [];
      await scope.subscribe({ name: 'roundtrip', topic, groupId, messages: [descriptor] }, {
        handle: (m, ctx) => {
          seen.push({ id: m.id, orderId: m.orderId, partition: ctx.partition, offset: ctx.offset, key: ctx.key, header: ctx.headers['x-test'], contentType: ctx.headers['content-type'], attempt: ctx.attempt });
          return true;
        },
      });
      const producer = scope.producer();
      const published: PublishResult[] = [];
      for (let i = 0; i < 6; i++) published.push(await producer.publish(descriptor, { orderId: `o-${i}`, amount: i }, { headers: { 'x-test': `h-${i}` } }));

      await eventually(() => seen.length >= published.length, t.patienceMs, 'every message handled');
      expect(seen).toHaveLength(published.length);
      published.forEach((p, i) => {
        const got = seen.find((s) => s.id === p.messageId);
        expect(got, `message ${i}`).toMatchObject({ orderId: `o-${i}`, partition: p.partition, offset: p.offset, key: p.messageId, header: `h-${i}`, attempt: 1 });
        expect(got?.contentType).toMatch(/^application\/cloudevents\+json/);
        expect(p.partition).toBe(javaPartition(p.messageId, 2));
      });
      const perPartition = [0, 1].map((partition) => String(published.filter((p) => p.partition === partition).length));
      await eventually(
        async () => {
          const committed = await t.committedOffsets(groupId, topic);
          return [0, 1].every((p) => committed[p] === perPartition[p] || (perPartition[p] === '0' && committed[p] === '-1'));
        },
        t.patienceMs,
        `committed offsets ${perPartition.join(',')}`,
      );
    }),
};
