// Issue 4 evidence: the message context accessor. With several partitions processed
// concurrently, every handler — and anything it calls, after any number of awaits —
// sees its own record's context, with values that match the broker's.
import { afterAll, describe, expect, it } from 'vitest';
import { currentMessageContext, Subscription, type MessageContext } from '@ksdk/runtime';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';
import { closeRawProducer, orderRecord, sendRaw } from '../fixtures/rawRecords.js';
import { brokers, createTopic, readAll, uniqueTopic, waitFor } from '../helpers/kafka.js';

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await closeRawProducer();
});

const pause = () => new Promise((resolve) => setTimeout(resolve, 1 + Math.floor(Math.random() * 8)));

/** Deep in "application code": no context parameter, only the accessor. */
async function auditTrail(): Promise<string> {
  await pause();
  const ctx = currentMessageContext();
  return ctx ? `${ctx.topic}/${ctx.partition}@${ctx.offset}#${ctx.attempt}` : 'none';
}

describe('currentMessageContext()', () => {
  it('isolates concurrently handled partitions across awaits, with broker-true values', async () => {
    const topic = await createTopic(uniqueTopic('ctx'), 3);
    const groupId = `${topic}-g`;
    const records = [0, 1, 2].flatMap((partition) =>
      [0, 1, 2, 3].map((i) => orderRecord({ orderId: `${partition}-${i}`, customerId: `c-${partition}` }, { partition, format: partition === 2 ? 'plain' : 'structured' })),
    );
    // A retried record too: its context must count attempts up (1-based).
    records.push(orderRecord({ orderId: 'retry-me' }, { partition: 1 }));
    await sendRaw(topic, records);
    const broker = new Map((await readAll(topic, { expected: records.length })).map((r) => [r.key!.toString(), r]));

    const mismatches: string[] = [];
    const seen: Array<{ orderId: string; ctx: MessageContext; trail: string }> = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const sub = new Subscription<TestOrder>(
      {
        name: 'ctx',
        topic,
        groupId,
        messages: [descriptorOn(topic)],
        concurrency: 3,
        retry: { mode: 'in-process', maxAttempts: 3, initialBackoffMs: 20, exponential: false },
      },
      {
        handle: async (m, ctx) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          try {
            for (let i = 0; i < 4; i++) {
              await pause();
              const current = currentMessageContext();
              if (current !== ctx) mismatches.push(`${m.orderId}: saw ${current?.partition}@${current?.offset} after await ${i}`);
            }
            // Through a timer and a promise chain as well.
            await new Promise<void>((resolve) => setTimeout(() => (currentMessageContext() !== ctx && mismatches.push(`${m.orderId}: timer`), resolve()), 3));
            const trail = await auditTrail();
            seen.push({ orderId: m.orderId, ctx: currentMessageContext()!, trail });
            return m.orderId !== 'retry-me' || ctx.attempt === 3;
          } finally {
            inFlight--;
          }
        },
      },
      { brokers: brokers(), heartbeatIntervalMs: 500, maxWaitTimeMs: 100 },
    );
    closers.push(() => sub.stop());
    const before = Date.now();
    await sub.start();
    await waitFor(() => seen.filter((s) => s.orderId !== 'retry-me').length === 12 && seen.some((s) => s.ctx.attempt === 3), {
      timeoutMs: 30_000,
      message: 'all records handled',
    });

    expect(mismatches).toEqual([]);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(currentMessageContext()).toBeUndefined();

    for (const { orderId, ctx, trail } of seen) {
      const record = broker.get(`id-${orderId}`)!;
      expect(ctx.topic).toBe(topic);
      expect(ctx.partition).toBe(record.partition);
      expect(ctx.offset).toBe(record.offset);
      expect(ctx.key).toBe(`id-${orderId}`);
      expect(ctx.timestamp).toBe(Number(record.timestamp));
      expect(ctx.receivedAt).toBeGreaterThanOrEqual(before);
      expect(ctx.lagMs).toBe(Math.max(0, ctx.receivedAt - ctx.timestamp));
      expect(ctx.groupId).toBe(groupId);
      expect(ctx.consumerId).toBe('ctx-0');
      expect(ctx.headers['content-type']).toBe(record.headers['content-type']?.toString());
      expect(trail).toBe(`${topic}/${record.partition}@${record.offset}#${ctx.attempt}`);
      if (record.partition === 2) {
        expect(ctx.wireFormat).toBe('plain');
        expect(ctx.cloudEvent).toBeUndefined();
      } else {
        expect(ctx.wireFormat).toBe('structured');
        expect(ctx.cloudEvent).toMatchObject({ id: `id-${orderId}`, type: 'com.example.test.TestOrder', source: 'urn:ksdk:test' });
      }
    }
    expect(seen.filter((s) => s.orderId === 'retry-me').map((s) => s.ctx.attempt)).toEqual([1, 2, 3]);
  });
});
