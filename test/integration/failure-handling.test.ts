import { afterAll, describe, expect, it } from 'vitest';
import { RuntimeEvents, Subscription, type MessageHandler } from '@ksdk/runtime';
import type { SubscriptionSpec } from '@ksdk/runtime/codegen';
import { FailureHeader } from '@ksdk/runtime/wire';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';
import { closeRawProducer, orderRecord, sendRaw } from '../fixtures/rawRecords.js';
import { brokers, committedOffsets, createTopic, readAll, uniqueTopic, waitFor } from '../helpers/kafka.js';

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await closeRawProducer();
});

function start<M extends TestOrder>(spec: SubscriptionSpec<M>, handler: MessageHandler<M>, options: ConstructorParameters<typeof Subscription>[2] = {}) {
  const sub = new Subscription<M>(spec, handler, { brokers: brokers(), heartbeatIntervalMs: 500, ...options });
  closers.push(() => sub.stop());
  return sub.start().then(() => sub);
}

const text = (v: Buffer | string | undefined) => (v === undefined ? undefined : v.toString());

describe('in-process retry', () => {
  it('retries with growing backoff on a paused partition while other partitions flow, and commits once', async () => {
    const topic = uniqueTopic('retry');
    await createTopic(topic, 2);
    const descriptor = descriptorOn(topic);
    const groupId = `${topic}-g`;
    const calls: Array<{ orderId: string; at: number; attempt: number; pausedP0: boolean }> = [];
    let sub!: Subscription<TestOrder>;
    const pausedP0 = () => sub.status().consumers.some((c) => c.paused.some((p) => p.partition === 0));
    await sendRaw(topic, [orderRecord({ orderId: 'flaky' }, { partition: 0 })]);
    sub = await start(
      {
        name: 'retry',
        topic,
        groupId,
        messages: [descriptor],
        concurrency: 2,
        retry: { mode: 'in-process', maxAttempts: 3, initialBackoffMs: 1000, exponential: true },
      },
      {
        handle: async (m, ctx) => {
          calls.push({ orderId: m.orderId, at: Date.now(), attempt: ctx.attempt, pausedP0: pausedP0() });
          if (m.orderId === 'flaky' && ctx.attempt === 1) await sendRaw(topic, [orderRecord({ orderId: 'other-1' }, { partition: 1 })]);
          return m.orderId !== 'flaky' || ctx.attempt === 3;
        },
      },
    );
    await waitFor(() => calls.filter((c) => c.orderId === 'flaky').length === 3, { timeoutMs: 20000, message: 'three attempts' });
    const flaky = calls.filter((c) => c.orderId === 'flaky');
    expect(flaky.map((c) => c.attempt)).toEqual([1, 2, 3]);
    const gap1 = flaky[1]!.at - flaky[0]!.at;
    const gap2 = flaky[2]!.at - flaky[1]!.at;
    // Backoff is 1000 ms then 2000 ms; the fetch wait (500 ms) and a round trip may add a little.
    expect(gap1).toBeGreaterThanOrEqual(1000);
    expect(gap1).toBeLessThan(3000);
    expect(gap2).toBeGreaterThanOrEqual(2000);
    expect(gap2).toBeLessThan(4000);
    // The other partition was handled during the first backoff, while partition 0 was paused.
    const other = calls.find((c) => c.orderId === 'other-1');
    expect(other).toBeDefined();
    expect(other!.at).toBeGreaterThan(flaky[0]!.at);
    expect(other!.at).toBeLessThan(flaky[1]!.at);
    expect(other!.pausedP0).toBe(true);
    await waitFor(async () => (await committedOffsets(groupId, topic))[0] === '1', { message: 'flaky committed' });
    expect(calls.filter((c) => c.orderId === 'flaky' && c.attempt === 3)).toHaveLength(1);
  });

  it('dead-letters an exhausted record with every header and moves on to the next offset', async () => {
    const topic = uniqueTopic('exhaust');
    const dlt = `${topic}.dlt`;
    await createTopic(topic, 1);
    await createTopic(dlt, 1);
    const groupId = `${topic}-g`;
    const poisonless = orderRecord({ orderId: 'always-fails', id: 'id-fail' });
    poisonless.headers = { ...poisonless.headers, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    await sendRaw(topic, [poisonless, orderRecord({ orderId: 'fine' })]);
    const handled: string[] = [];
    const events = new RuntimeEvents();
    const deadLettered: string[] = [];
    events.on('consumer.dead-lettered', (e) => deadLettered.push(`${e.offset}:${e.totalAttempts}:${e.reason}`));
    const before = Date.now();
    await start(
      { name: 'exhaust', topic, groupId, messages: [descriptorOn(topic)], deadLetterTopic: dlt, retry: { mode: 'in-process', maxAttempts: 2, initialBackoffMs: 100 } },
      {
        handle: (m) => {
          if (m.orderId === 'always-fails') throw new TypeError('cannot process order');
          handled.push(m.orderId);
          return true;
        },
      },
      { events },
    );
    const [record] = await readAll(dlt, { expected: 1 });
    expect(record).toBeDefined();
    expect(text(record!.key ?? undefined)).toBe('id-fail');
    expect(record!.value?.equals(poisonless.value as Buffer)).toBe(true);
    const h = (name: string) => text(record!.headers[name] as Buffer | undefined);
    expect(h('content-type')).toBe('application/cloudevents+json; charset=UTF-8');
    expect(h('traceparent')).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    expect(h(FailureHeader.originalTopic)).toBe(topic);
    expect(h(FailureHeader.originalPartition)).toBe('0');
    expect(h(FailureHeader.originalOffset)).toBe('0');
    expect(Number(h(FailureHeader.originalTimestamp))).toBeGreaterThan(before - 60000);
    expect(h(FailureHeader.consumerGroup)).toBe(groupId);
    expect(h(FailureHeader.errorType)).toBe('TypeError');
    expect(h(FailureHeader.errorMessage)).toBe('cannot process order');
    expect(h(FailureHeader.attempts)).toBe('2');
    expect(Date.parse(h(FailureHeader.failedAt) ?? '')).toBeGreaterThanOrEqual(before);
    expect(h(FailureHeader.reason)).toBe('exhausted');
    await waitFor(() => handled.includes('fine'), { message: 'next offset handled' });
    await waitFor(async () => (await committedOffsets(groupId, topic))[0] === '2', { message: 'both committed' });
    expect(deadLettered).toEqual(['0:2:exhausted']);
  });

  it('skips remaining attempts for a non-retriable error', async () => {
    const topic = uniqueTopic('nonretriable');
    const dlt = `${topic}.dlt`;
    await createTopic(topic, 1);
    await createTopic(dlt, 1);
    await sendRaw(topic, [orderRecord({ orderId: 'x' })]);
    let calls = 0;
    await start(
      { name: 'nr', topic, groupId: `${topic}-g`, messages: [descriptorOn(topic)], deadLetterTopic: dlt, retry: { mode: 'in-process', maxAttempts: 5, initialBackoffMs: 100 } },
      {
        handle: () => {
          calls++;
          throw Object.assign(new Error('bad request'), { retriable: false });
        },
      },
    );
    const [record] = await readAll(dlt, { expected: 1 });
    expect(text(record!.headers[FailureHeader.reason] as Buffer)).toBe('non-retriable');
    expect(text(record!.headers[FailureHeader.attempts] as Buffer)).toBe('1');
    expect(calls).toBe(1);
  });
});

describe('retry-topic chaining', () => {
  it('forwards main → retry-1 (delay honoured per record timestamp, other partitions not blocked) → DLT', async () => {
    const main = uniqueTopic('chain');
    const retry1 = `${main}.retry-1`;
    const dlt = `${main}.dlt`;
    await createTopic(main, 1);
    await createTopic(retry1, 2);
    await createTopic(dlt, 1);
    const descriptor = descriptorOn(main);
    const mainCalls: string[] = [];
    const retryCalls: Array<{ orderId: string; at: number; recordTs: number; attempt: number }> = [];
    await start(
      { name: 'main', topic: main, groupId: `${main}-g`, messages: [descriptor], retry: { mode: 'topic-chain', nextTopic: retry1 }, deadLetterTopic: dlt },
      { handle: (m) => (mainCalls.push(m.orderId), false) },
    );
    await start(
      { name: 'retry1', topic: retry1, groupId: `${main}-retry-g`, messages: [descriptor], processingDelayMs: 3000, retry: { mode: 'topic-chain', nextTopic: dlt }, deadLetterTopic: dlt },
      { handle: (m, ctx) => (retryCalls.push({ orderId: m.orderId, at: Date.now(), recordTs: ctx.timestamp, attempt: ctx.attempt }), m.orderId === 'old') },
    );
    await sendRaw(main, [orderRecord({ orderId: 'doomed', id: 'id-doomed' })]);
    // Wait until the forwarded copy sits on retry-1, then put an already-due record on the other partition.
    const [forwarded] = await readAll(retry1, { expected: 1 });
    const doomedPartition = forwarded!.partition;
    await sendRaw(retry1, [orderRecord({ orderId: 'old' }, { partition: 1 - doomedPartition, timestamp: Date.now() - 60000 })]);

    const [dead] = await readAll(dlt, { expected: 1, timeoutMs: 30000 });
    expect(mainCalls).toEqual(['doomed']);
    const doomed = retryCalls.find((c) => c.orderId === 'doomed');
    const old = retryCalls.find((c) => c.orderId === 'old');
    expect(doomed).toBeDefined();
    expect(doomed!.at).toBeGreaterThanOrEqual(doomed!.recordTs + 3000);
    expect(doomed!.attempt).toBe(2);
    expect(old!.at).toBeLessThan(doomed!.recordTs + 3000);
    const h = (name: string) => text(dead!.headers[name] as Buffer | undefined);
    expect(text(dead!.key ?? undefined)).toBe('id-doomed');
    expect(h(FailureHeader.originalTopic)).toBe(main);
    expect(h(FailureHeader.originalOffset)).toBe('0');
    expect(h(FailureHeader.firstErrorMessage)).toMatch(/handler returned false/);
    expect(h(FailureHeader.attempts)).toBe('2');
    expect(h(FailureHeader.consumerGroup)).toBe(`${main}-retry-g`);
  });
});

describe('poison messages', () => {
  it('dead-letters each poison kind at once with its reason, and handles the healthy record behind it', async () => {
    const topic = uniqueTopic('poison');
    const dlt = `${topic}.dlt`;
    await createTopic(topic, 1);
    await createTopic(dlt, 1);
    const ce = 'application/cloudevents+json; charset=UTF-8';
    await sendRaw(topic, [
      { value: Buffer.from([0xc3, 0x28, 0x7b, 0x22]), headers: { 'content-type': ce } },
      orderRecord({ orderId: 'healthy-1' }),
      orderRecord({ orderId: 'schema-breaker', amount: -5 }),
      { value: JSON.stringify({ specversion: '1.0', id: 'u1', source: 's', type: 'com.example.Unknown', data: {} }), headers: { 'content-type': ce } },
      { value: JSON.stringify({ specversion: '1.0', id: 'm1', type: 'com.example.test.TestOrder', data: { orderId: 'm', amount: 1 } }), headers: { 'content-type': ce } },
      orderRecord({ orderId: 'healthy-2' }),
    ]);
    const handled: string[] = [];
    const groupId = `${topic}-g`;
    await start(
      { name: 'poison', topic, groupId, messages: [descriptorOn(topic)], deadLetterTopic: dlt, retry: { mode: 'in-process', maxAttempts: 5, initialBackoffMs: 5000 } },
      { handle: (m) => (handled.push(m.orderId), true) },
    );
    const dead = await readAll(dlt, { expected: 4 });
    expect(dead.map((r) => text(r.headers[FailureHeader.reason] as Buffer))).toEqual([
      'poison:invalid-utf8',
      'poison:schema',
      'poison:unknown-type',
      'poison:missing-cloudevent-attribute',
    ]);
    expect(dead.map((r) => text(r.headers[FailureHeader.originalOffset] as Buffer))).toEqual(['0', '2', '3', '4']);
    expect(dead.map((r) => text(r.headers[FailureHeader.attempts] as Buffer))).toEqual(['1', '1', '1', '1']);
    await waitFor(() => handled.length === 2, { message: 'healthy records handled' });
    expect(handled).toEqual(['healthy-1', 'healthy-2']);
    await waitFor(async () => (await committedOffsets(groupId, topic))[0] === '6', { message: 'all committed' });
  });
});

describe('dead-letter publish failure', () => {
  it('keeps the offset uncommitted and surfaces the error until the DLT can be written', async () => {
    const topic = uniqueTopic('dltfail');
    const dlt = `${topic}.dlt-missing`;
    await createTopic(topic, 1);
    await sendRaw(topic, [orderRecord({ orderId: 'bad' }), orderRecord({ orderId: 'next' })]);
    const handled: string[] = [];
    const groupId = `${topic}-g`;
    const sub = await start(
      { name: 'dltfail', topic, groupId, messages: [descriptorOn(topic)], deadLetterTopic: dlt, retry: { mode: 'none' } },
      { handle: (m) => (handled.push(m.orderId), m.orderId !== 'bad') },
      { deadLetterRetryMs: 500, kafka: { logLevel: 0, retry: { retries: 1, initialRetryTime: 100 } } },
    );
    await waitFor(() => sub.status().lastError?.message.includes(dlt) === true, { timeoutMs: 30000, message: 'DLT failure surfaced' });
    expect(sub.status().lastError).toMatchObject({ code: 'KSDK_DEAD_LETTER' });
    expect(handled).toEqual(['bad']);
    // Nothing past the failed record is committed ("0" = read offset 0 next, "-1" = nothing yet).
    expect(['-1', '0']).toContain((await committedOffsets(groupId, topic))[0]);

    await createTopic(dlt, 1);
    const [dead] = await readAll(dlt, { expected: 1, timeoutMs: 30000 });
    expect(text(dead!.headers[FailureHeader.originalOffset] as Buffer)).toBe('0');
    await waitFor(() => handled.includes('next'), { timeoutMs: 30000, message: 'next handled after DLT recovered' });
    await waitFor(async () => (await committedOffsets(groupId, topic))[0] === '2', { message: 'committed after DLT recovered' });
    expect(handled.filter((h) => h === 'bad')).toHaveLength(1);
  });
});

describe('custom failure handler', () => {
  it('follows each decision: retry after N ms, dead-letter, skip, stop', async () => {
    const topic = uniqueTopic('custom');
    const dlt = `${topic}.dlt`;
    await createTopic(topic, 1);
    await createTopic(dlt, 1);
    const groupId = `${topic}-g`;
    await sendRaw(topic, ['retry-then-dlt', 'skip-me', 'handled', 'stop-here', 'never'].map((orderId) => orderRecord({ orderId, id: orderId })));
    const calls: string[] = [];
    const decisions: string[] = [];
    const sub = await start(
      {
        name: 'custom',
        topic,
        groupId,
        messages: [descriptorOn(topic)],
        deadLetterTopic: dlt,
        retry: {
          mode: 'custom',
          decide: ({ attempt, offset }) => {
            decisions.push(`${offset}:${attempt}`);
            if (offset === '0') return attempt < 2 ? { action: 'retry', afterMs: 200 } : { action: 'dead-letter' };
            if (offset === '1') return { action: 'skip' };
            return { action: 'stop' };
          },
        },
      },
      { handle: (m) => (calls.push(m.orderId), m.orderId === 'handled') },
    );
    const [dead] = await readAll(dlt, { expected: 1 });
    expect(text(dead!.headers[FailureHeader.reason] as Buffer)).toBe('decided');
    expect(text(dead!.headers[FailureHeader.attempts] as Buffer)).toBe('2');
    await waitFor(() => sub.status().state === 'failed', { message: 'stopped by the decision' });
    expect(sub.status().lastError).toMatchObject({ code: 'KSDK_STOPPED' });
    expect(calls).toEqual(['retry-then-dlt', 'retry-then-dlt', 'skip-me', 'handled', 'stop-here']);
    expect(decisions).toEqual(['0:1', '0:2', '1:1', '3:1']);
    // Everything before the stopping record is done and committed; it and what follows are not.
    expect((await committedOffsets(groupId, topic))[0]).toBe('3');
  });
});
