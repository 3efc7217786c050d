import { afterAll, describe, expect, it } from 'vitest';
import { RuntimeEvents, Subscription, Worker, type MessageHandler } from '@ksdk/runtime';
import type { SubscriptionSpec } from '@ksdk/runtime/codegen';
import { FAILURE_HEADER_LIMITS, FailureHeader } from '@ksdk/runtime/wire';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';
import { closeRawProducer, orderRecord, sendRaw } from '../fixtures/rawRecords.js';
import { brokers, committedOffsets, createTopic, readAll, uniqueTopic, waitFor, type ReadRecord } from '../helpers/kafka.js';

const closers: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await closeRawProducer();
});

type Options = ConstructorParameters<typeof Subscription>[2];

/** A subscription run by a Worker (no signal handling), as an app would run it. */
async function run(spec: SubscriptionSpec<TestOrder>, handler: MessageHandler<TestOrder>, options: Options = {}) {
  const sub = new Subscription<TestOrder>(spec, handler, { brokers: brokers(), heartbeatIntervalMs: 500, maxWaitTimeMs: 100, kafka: { logLevel: 0 }, ...options });
  const worker = new Worker([sub], { signals: [] });
  closers.push(() => worker.stop());
  await worker.start();
  return { sub, worker };
}

const header = (r: ReadRecord, name: string) => r.headers[name]?.toString();
const bytes = (s: string | undefined) => Buffer.byteLength(s ?? '');
/** The bytes ksdk's own headers add to a record (names and values). */
const ksdkHeaderBytes = (r: ReadRecord) =>
  Object.values(FailureHeader).reduce((sum, name) => sum + (r.headers[name] === undefined ? 0 : name.length + bytes(header(r, name))), 0);

describe('dead-letter copies within the broker limits', () => {
  it('bounds the error headers of a schema failure with 40,000 violations and of a 3 MB error message; the records behind are handled and committed', async () => {
    const topic = uniqueTopic('bounded');
    const dlt = `${topic}.dlt`;
    await createTopic(topic, 1);
    await createTopic(dlt, 1);
    const groupId = `${topic}-g`;
    // 20,000 empty order lines: two violations each (sku and quantity missing).
    const invalid = orderRecord({ orderId: 'invalid', id: 'invalid', lines: Array.from({ length: 20_000 }, () => ({})) as never });
    await sendRaw(topic, [
      invalid,
      orderRecord({ orderId: 'ok-1', id: 'ok-1' }),
      orderRecord({ orderId: 'loud', id: 'loud' }),
      orderRecord({ orderId: 'ok-2', id: 'ok-2' }),
    ]);
    const handled: string[] = [];
    await run(
      { name: 'bounded', topic, groupId, messages: [descriptorOn(topic)], deadLetterTopic: dlt, retry: { mode: 'none' } },
      {
        handle: (m) => {
          if (m.orderId === 'loud') throw new Error(`upstream said: ${'é'.repeat(1_500_000)}`);
          handled.push(m.id);
          return true;
        },
      },
    );
    const dead = await readAll(dlt, { expected: 2, timeoutMs: 30_000 });
    const [schema, loud] = dead as [ReadRecord, ReadRecord];

    expect(header(schema, FailureHeader.reason)).toBe('poison:schema');
    expect(header(schema, FailureHeader.originalOffset)).toBe('0');
    expect(schema.value?.equals(invalid.value as Buffer)).toBe(true);
    const schemaMessage = header(schema, FailureHeader.errorMessage)!;
    expect(schemaMessage).toMatch(/^incoming TestOrder does not match its schema: \/lines\/0 must have required property 'sku'; /);
    expect(schemaMessage).toMatch(/\(and 39990 more violations\)$/);
    expect(bytes(schemaMessage)).toBeLessThanOrEqual(FAILURE_HEADER_LIMITS.errorMessageBytes);

    expect(header(loud, FailureHeader.originalOffset)).toBe('2');
    for (const name of [FailureHeader.errorMessage, FailureHeader.firstErrorMessage]) {
      const message = header(loud, name)!;
      expect(message.startsWith('upstream said: éé')).toBe(true);
      expect(message).toMatch(/…\[truncated: 3000015 bytes in all\]$/);
      expect(bytes(message)).toBeLessThanOrEqual(FAILURE_HEADER_LIMITS.errorMessageBytes);
      expect(message).not.toContain('\uFFFD');
    }
    for (const r of dead) expect(ksdkHeaderBytes(r)).toBeLessThanOrEqual(FAILURE_HEADER_LIMITS.totalBytes);

    await waitFor(() => handled.length === 2, { message: 'the records behind handled' });
    expect(handled).toEqual(['ok-1', 'ok-2']);
    await waitFor(async () => (await committedOffsets(groupId, topic))[0] === '4', { message: 'all four committed' });
    expect(new Set(handled).size).toBe(2);
  });
});

describe('a dead-letter copy the broker refuses for good', () => {
  const MiB = 1024 * 1024;

  it('writes a fallback copy without the value, saying why and how large it was, then moves on', async () => {
    const topic = uniqueTopic('huge');
    const dlt = `${topic}.dlt`;
    await createTopic(topic, 1, { 'max.message.bytes': String(12 * MiB) });
    await createTopic(dlt, 1); // the default limit, 1 MB
    const groupId = `${topic}-g`;
    const huge = orderRecord({ orderId: 'huge', id: 'huge', customerId: 'x'.repeat(10 * MiB) });
    huge.headers = { ...huge.headers, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    await sendRaw(topic, [huge, orderRecord({ orderId: 'next-1', id: 'next-1' }), orderRecord({ orderId: 'next-2', id: 'next-2' })]);
    const events = new RuntimeEvents();
    const deadLettered: unknown[] = [];
    events.on('consumer.dead-lettered', (e) => deadLettered.push({ offset: e.offset, dropped: e.dropped, reason: e.reason }));
    const handled: string[] = [];
    const { worker } = await run(
      { name: 'huge', topic, groupId, messages: [descriptorOn(topic)], deadLetterTopic: dlt, retry: { mode: 'none' } },
      { handle: (m) => (m.id === 'huge' ? false : (handled.push(m.id), true)) },
      { events },
    );
    const [copy] = await readAll(dlt, { expected: 1, timeoutMs: 30_000 });
    expect(copy!.value).toBeNull();
    expect(copy!.key?.toString()).toBe('huge');
    expect(header(copy!, FailureHeader.fallback)).toBe('value');
    expect(header(copy!, FailureHeader.fallbackReason)).toMatch(/^MESSAGE_TOO_LARGE: /);
    expect(Number(header(copy!, FailureHeader.originalValueBytes))).toBe((huge.value as Buffer).length);
    expect(header(copy!, FailureHeader.originalTopic)).toBe(topic);
    expect(header(copy!, FailureHeader.originalOffset)).toBe('0');
    expect(header(copy!, FailureHeader.reason)).toBe('exhausted');
    expect(header(copy!, 'traceparent')).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');

    await waitFor(() => handled.length === 2, { timeoutMs: 30_000, message: 'the records behind handled' });
    expect(handled).toEqual(['next-1', 'next-2']);
    await waitFor(async () => (await committedOffsets(groupId, topic))[0] === '3', { message: 'all three committed' });
    expect(deadLettered).toEqual([{ offset: '0', dropped: ['value'], reason: 'exhausted' }]);
    expect(await readAll(dlt)).toHaveLength(1);
    expect(worker.status().healthy).toBe(true);
  });

  it('stops loudly instead, offset uncommitted, when onDeadLetterRefused is "stop"', async () => {
    const topic = uniqueTopic('huge-stop');
    const dlt = `${topic}.dlt`;
    await createTopic(topic, 1, { 'max.message.bytes': String(4 * MiB) });
    await createTopic(dlt, 1);
    const groupId = `${topic}-g`;
    await sendRaw(topic, [orderRecord({ orderId: 'big', id: 'big', customerId: 'x'.repeat(2 * MiB) }), orderRecord({ orderId: 'next', id: 'next' })]);
    const handled: string[] = [];
    const errors: Error[] = [];
    const { sub, worker } = await run(
      { name: 'hugestop', topic, groupId, messages: [descriptorOn(topic)], deadLetterTopic: dlt, retry: { mode: 'none' }, onDeadLetterRefused: 'stop' },
      { handle: (m) => (handled.push(m.id), m.id !== 'big') },
      { onError: (e) => errors.push(e) },
    );
    await waitFor(() => sub.status().state === 'failed', { timeoutMs: 30_000, message: 'the subscription stopped' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'KSDK_DEAD_LETTER' });
    expect(errors[0]!.message).toContain(`${topic}/0@0 (not committed)`);
    expect(errors[0]!.message).toContain('MESSAGE_TOO_LARGE');
    expect(worker.status().healthy).toBe(false);
    expect(handled).toEqual(['big']);
    expect(['-1', '0']).toContain((await committedOffsets(groupId, topic))[0]);
    expect(await readAll(dlt)).toHaveLength(0);
  });
});

describe('a partition stuck on a dead-letter write that keeps failing', () => {
  it('turns the worker unhealthy past stuckPartitionMs, naming the partition and why, and recovers when the DLT appears', async () => {
    const topic = uniqueTopic('stuck');
    const dlt = `${topic}.dlt-missing`;
    await createTopic(topic, 2);
    const groupId = `${topic}-g`;
    await sendRaw(topic, [
      orderRecord({ orderId: 'bad', id: 'bad' }, { partition: 1 }),
      orderRecord({ orderId: 'next', id: 'next' }, { partition: 1 }),
      orderRecord({ orderId: 'other', id: 'other' }, { partition: 0 }),
    ]);
    const handled: string[] = [];
    const stuckPartitionMs = 1500;
    const { sub, worker } = await run(
      { name: 'stuck', topic, groupId, messages: [descriptorOn(topic)], deadLetterTopic: dlt, retry: { mode: 'none' }, concurrency: 2 },
      { handle: (m) => (handled.push(m.id), m.id !== 'bad') },
      { stuckPartitionMs, deadLetterRetryMs: 200, kafka: { logLevel: 0, retry: { retries: 1, initialRetryTime: 100 } } },
    );
    await waitFor(() => sub.status().lastError?.message.includes(dlt), { timeoutMs: 30_000, message: 'the DLT write failing' });
    const unhealthy = await waitFor(() => (worker.status().healthy ? undefined : worker.status()), { timeoutMs: 30_000, message: 'unhealthy' });
    expect(unhealthy.state).toBe('running');
    expect(unhealthy.problems).toHaveLength(1);
    expect(unhealthy.problems![0]).toMatch(new RegExp(`^stuck: ${topic}/1 stuck at offset 0 for \\d+ s \\(dead-letter\\): could not write ${topic}/1@0 to "${dlt}"`));
    const [stuck] = sub.status().consumers.flatMap((c) => c.stuck);
    expect(stuck).toMatchObject({ topic, partition: 1, offset: '0', waitingOn: 'dead-letter' });
    expect(stuck!.stuckForMs).toBeGreaterThanOrEqual(stuckPartitionMs);
    // The other partition is not stuck: it was handled and committed.
    expect(handled).toContain('other');
    await waitFor(async () => (await committedOffsets(groupId, topic))[0] === '1', { message: 'partition 0 committed' });
    expect(['-1', '0']).toContain((await committedOffsets(groupId, topic))[1]);

    await createTopic(dlt, 1);
    await waitFor(() => worker.status().healthy, { timeoutMs: 30_000, message: 'healthy again' });
    expect(worker.status().problems).toBeUndefined();
    const [dead] = await readAll(dlt, { expected: 1, timeoutMs: 30_000 });
    expect(header(dead!, FailureHeader.originalPartition)).toBe('1');
    await waitFor(() => handled.includes('next'), { timeoutMs: 30_000, message: 'the record behind handled' });
    await waitFor(async () => (await committedOffsets(groupId, topic))[1] === '2', { message: 'partition 1 committed' });
    expect(handled.filter((id) => id === 'bad')).toHaveLength(1);
  });
});
