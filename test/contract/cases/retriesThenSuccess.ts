import { expect } from 'vitest';
import { descriptorOn } from '../../fixtures/orderDescriptor.js';
import type { ContractCase } from '../ContractTransport.js';
import { eventually } from '../support/eventually.js';
import { withScope } from '../support/CaseScope.js';

/**
 * In-process retries: a record that fails twice is retried on the same
 * partition after the backoff (doubling), succeeds on attempt 3, and only then
 * does the record behind it run; nothing is committed past the record while it
 * is being retried, and it is committed once it succeeded.
 */
export const retriesThenSuccess: ContractCase = {
  name: 'in-process retries, then success',
  run: (t) =>
    withScope(t, async (scope) => {
      const topic = t.uniqueTopic('retries');
      await t.createTopic(topic, 1);
      const descriptor = descriptorOn(topic);
      const groupId = `${topic}-g`;
      const calls: Array<{ orderId: string; attempt: number; at: number; committed?: string }> = [];
      await scope.subscribe(
        { name: 'retries', topic, groupId, messages: [descriptor], retry: { mode: 'in-process', maxAttempts: 3, initialBackoffMs: t.backoffMs, exponential: true } },
        {
          handle: async (m, ctx) => {
            const call: (typeof calls)[number] = { orderId: m.orderId, attempt: ctx.attempt, at: Date.now() };
            calls.push(call);
            if (m.orderId === 'flaky' && ctx.attempt > 1) call.committed = (await t.committedOffsets(groupId, topic))[0];
            return m.orderId !== 'flaky' || ctx.attempt === 3;
          },
        },
      );
      const producer = scope.producer();
      await producer.publish(descriptor, { orderId: 'flaky', amount: 1 });
      await producer.publish(descriptor, { orderId: 'after', amount: 2 });

      await eventually(() => calls.some((c) => c.orderId === 'after'), t.patienceMs, 'the record behind the flaky one');
      expect(calls.map((c) => `${c.orderId}#${c.attempt}`)).toEqual(['flaky#1', 'flaky#2', 'flaky#3', 'after#1']);
      const [first, second, third] = calls;
      // Timers may fire a millisecond early against Date.now(); allow that much.
      expect(second!.at - first!.at, 'wait before attempt 2').toBeGreaterThanOrEqual(t.backoffMs - 2);
      expect(third!.at - second!.at, 'wait before attempt 3').toBeGreaterThanOrEqual(2 * t.backoffMs - 2);
      for (const retry of [second, third]) expect(['-1', '0'], 'committed offset during a retry').toContain(retry!.committed);
      await eventually(async () => (await t.committedOffsets(groupId, topic))[0] === '2', t.patienceMs, 'both records committed');
    }),
};
