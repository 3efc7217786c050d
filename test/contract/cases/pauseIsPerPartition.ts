import { expect } from 'vitest';
import { descriptorOn } from '../../fixtures/orderDescriptor.js';
import type { ContractCase } from '../ContractTransport.js';
import { eventually } from '../support/eventually.js';
import { keyFor } from '../support/keys.js';
import { withScope } from '../support/CaseScope.js';

/**
 * A record waiting out its retry backoff pauses its own partition only: a
 * record on another partition, published during the backoff, is handled
 * while the first partition is reported paused, before the retry.
 */
export const pauseIsPerPartition: ContractCase = {
  name: 'a paused partition does not block the others',
  run: (t) =>
    withScope(t, async (scope) => {
      const topic = t.uniqueTopic('pause');
      await t.createTopic(topic, 2);
      const descriptor = descriptorOn(topic);
      const groupId = `${topic}-g`;
      const calls: Array<{ orderId: string; attempt: number; pausedP0: boolean }> = [];
      const backoffMs = t.backoffMs * 4;
      const subscription = await scope.subscribe(
        { name: 'pause', topic, groupId, messages: [descriptor], retry: { mode: 'in-process', maxAttempts: 2, initialBackoffMs: backoffMs } },
        {
          handle: (m, ctx) => {
            const pausedP0 = subscription.status().consumers.some((c) => c.paused.some((p) => p.topic === topic && p.partition === 0));
            calls.push({ orderId: m.orderId, attempt: ctx.attempt, pausedP0 });
            return m.orderId !== 'stuck' || ctx.attempt === 2;
          },
        },
      );
      const producer = scope.producer();
      await producer.publish(descriptor, { orderId: 'stuck', amount: 1 }, { key: keyFor(0, 2) });
      await eventually(() => calls.some((c) => c.orderId === 'stuck'), t.patienceMs, 'the first attempt');
      await producer.publish(descriptor, { orderId: 'free', amount: 1 }, { key: keyFor(1, 2) });

      await eventually(() => calls.some((c) => c.orderId === 'stuck' && c.attempt === 2), t.patienceMs, 'the retry');
      expect(calls.map((c) => `${c.orderId}#${c.attempt}`), 'the other partition handled during the backoff').toEqual(['stuck#1', 'free#1', 'stuck#2']);
      expect(calls[1]!.pausedP0, 'partition 0 paused while the other partition is handled').toBe(true);
      await eventually(
        async () => {
          const committed = await t.committedOffsets(groupId, topic);
          return committed[0] === '1' && committed[1] === '1';
        },
        t.patienceMs,
        'both partitions committed',
      );
    }),
};
