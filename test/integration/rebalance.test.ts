import { afterAll, describe, expect, it } from 'vitest';
import { Subscription } from '@ksdk/runtime';
import type { SubscriptionSpec } from '@ksdk/runtime/codegen';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';
import { closeRawProducer, orderRecord, sendRaw } from '../fixtures/rawRecords.js';
import { brokers, committedOffsets, createTopic, uniqueTopic, waitFor } from '../helpers/kafka.js';

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await closeRawProducer();
});

describe('rebalance during a pending retry', () => {
  it('never runs the handler from a revoked partition’s timer; the new owner re-reads from the committed offset', async () => {
    const topic = uniqueTopic('rebalance');
    await createTopic(topic, 2);
    const groupId = `${topic}-g`;
    const spec: SubscriptionSpec<TestOrder> = {
      name: 'rebalance',
      topic,
      groupId,
      messages: [descriptorOn(topic)],
      concurrency: 2,
      // A long backoff keeps both retries pending while the group rebalances.
      retry: { mode: 'in-process', maxAttempts: 5, initialBackoffMs: 4000, exponential: false },
    };
    const calls: Array<{ consumer: string; orderId: string; partition: number; at: number }> = [];
    const failedOnce = new Set<string>();
    const handled = new Set<string>();
    const handler = {
      handle: (m: TestOrder, ctx: { consumerId: string; partition: number }) => {
        calls.push({ consumer: ctx.consumerId, orderId: m.orderId, partition: ctx.partition, at: Date.now() });
        if (m.orderId.startsWith('first') && !failedOnce.has(m.orderId)) {
          failedOnce.add(m.orderId);
          return false;
        }
        handled.add(m.orderId);
        return true;
      },
    };
    const options = { brokers: brokers(), heartbeatIntervalMs: 300, sessionTimeoutMs: 10000 };
    const a = new Subscription({ ...spec, name: 'a' }, handler, options);
    closers.push(() => a.stop());
    await a.start();
    const ids = ['first-p0', 'first-p1', 'second-p0', 'second-p1'];
    await sendRaw(topic, [
      orderRecord({ orderId: 'first-p0' }, { partition: 0 }),
      orderRecord({ orderId: 'first-p1' }, { partition: 1 }),
      orderRecord({ orderId: 'second-p0' }, { partition: 0 }),
      orderRecord({ orderId: 'second-p1' }, { partition: 1 }),
    ]);
    // Both partitions fail once and wait 4 s on a timer in consumer a.
    await waitFor(() => failedOnce.size === 2, { message: 'both first attempts failed' });
    expect(a.status().consumers[0]?.paused).toHaveLength(2);

    const staleTimersDueAt = Date.now() + 4000;
    const joinedAt = Date.now();
    const b = new Subscription({ ...spec, name: 'b' }, handler, options);
    closers.push(() => b.stop());
    await b.start();
    await waitFor(() => a.status().consumers[0]?.assigned.length === 1 && b.status().consumers[0]?.assigned.length === 1, {
      timeoutMs: 20000,
      message: 'the group split the two partitions',
    });
    // The rebalance resumed what a had paused and cancelled its timers.
    expect(a.status().consumers[0]?.paused).toHaveLength(0);
    const moved = b.status().consumers[0]!.assigned[0]!.partition;
    const owner = (partition: number) => (partition === moved ? 'b-0' : 'a-0');

    await waitFor(() => ids.every((id) => handled.has(id)), { timeoutMs: 30000, message: 'every id handled' });
    await waitFor(async () => {
      const offsets = await committedOffsets(groupId, topic);
      return offsets[0] === '2' && offsets[1] === '2';
    }, { message: 'both partitions fully committed' });

    // Let a's cancelled timers pass their due time: had one survived, it would have run by now.
    await waitFor(() => Date.now() > staleTimersDueAt + 1500, { message: 'stale timers due' });
    // Since b joined, only each partition's new owner ran the handler.
    const late = calls.filter((c) => c.at > joinedAt);
    expect(late.length).toBeGreaterThan(0);
    for (const c of late) expect(c.consumer).toBe(owner(c.partition));
    // Every id was handled successfully exactly once; the retried ones were delivered twice in all.
    expect(calls.filter((c) => c.orderId.startsWith('second'))).toHaveLength(2);
    expect(calls.filter((c) => c.orderId.startsWith('first'))).toHaveLength(4);
    expect(calls.some((c) => c.consumer === 'b-0' && c.partition === moved)).toBe(true);
  });
});
