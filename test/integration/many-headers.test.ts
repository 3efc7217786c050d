// Records with 20,000 headers (issue 13, item 8). kafkajs 2.2.4 decodes headers in quadratic
// time (over a minute for 20,000 here): the member was evicted mid-decode, its commit refused and
// the batch delivered again, forever. With ksdk's patch (linearHeaderDecoding) each record is
// handled, or dead-lettered, once, and the records behind it too; all read back from the broker.
import { afterAll, describe, expect, it } from 'vitest';
import { linearHeaderDecoding, Subscription, Worker, type MessageContext, type MessageHandler } from '@ksdk/runtime';
import type { SubscriptionSpec } from '@ksdk/runtime/codegen';
import { FailureHeader } from '@ksdk/runtime/wire';
import type { IHeaders } from 'kafkajs';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';
import { closeRawProducer, orderRecord, sendRaw, type RawRecord } from '../fixtures/rawRecords.js';
import { brokers, committedOffsets, createTopic, readAll, uniqueTopic, waitFor, type ReadRecord } from '../helpers/kafka.js';

const closers: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await closeRawProducer();
});

const HEADERS = 20_000;

/** A valid order carrying `HEADERS` headers besides ksdk's: distinct names, one repeated, one named like an inherited property. */
function manyHeaders(id: string, valueBytes = 8): RawRecord {
  const record = orderRecord({ orderId: id, id });
  const headers: IHeaders = {};
  const pad = 'x'.repeat(Math.max(0, valueBytes - 8));
  for (let i = 0; i < HEADERS - 3; i++) headers[`h-${i}`] = `v-${i}-${pad}`;
  headers.repeated = ['first', 'second'];
  headers['constructor'] = 'not Object';
  record.headers = { ...headers, ...record.headers };
  return record;
}

/** A subscription run by a Worker (no signal handling), as an app would run it. */
async function run(spec: SubscriptionSpec<TestOrder>, handler: MessageHandler<TestOrder>) {
  const sub = new Subscription<TestOrder>(spec, handler, { brokers: brokers(), heartbeatIntervalMs: 500, maxWaitTimeMs: 100, kafka: { logLevel: 0 } });
  const worker = new Worker([sub], { signals: [] });
  closers.push(() => worker.stop());
  await worker.start();
  return worker;
}

const header = (r: ReadRecord, name: string) => r.headers[name]?.toString();
const count = (ids: readonly string[]) => Object.fromEntries([...new Set(ids)].map((id) => [id, ids.filter((x) => x === id).length]));

describe('records with 20,000 headers', () => {
  it('are handled once each, with all their headers, the record behind them too, and committed', async () => {
    const topic = await createTopic(uniqueTopic('many-headers'), 1);
    const groupId = `${topic}-g`;
    await sendRaw(topic, [manyHeaders('big-1'), manyHeaders('big-2'), orderRecord({ orderId: 'behind', id: 'behind' })]);
    const handled: string[] = [];
    const seen = new Map<string, MessageContext['headers']>();
    const worker = await run({ name: 'manyheaders', topic, groupId, messages: [descriptorOn(topic)], retry: { mode: 'none' } }, {
      handle: (m, ctx) => {
        handled.push(m.id);
        seen.set(m.id, ctx.headers);
        return true;
      },
    });

    await waitFor(async () => (await committedOffsets(groupId, topic))[0] === '3', { timeoutMs: 45_000, message: 'all three committed' });
    // Once committed past them, nothing is delivered again: the count now is the final one.
    expect(count(handled)).toEqual({ 'big-1': 1, 'big-2': 1, behind: 1 });
    expect(handled).toEqual(['big-1', 'big-2', 'behind']);
    for (const id of ['big-1', 'big-2']) {
      const headers = seen.get(id)!;
      expect(Object.keys(headers).filter((n) => n.startsWith('h-'))).toHaveLength(HEADERS - 3);
      expect(headers['h-19996']).toBe('v-19996-');
      expect(headers.repeated).toBe('first'); // MessageContext.headers: the first value of a repeated header
      expect(Object.hasOwn(headers, 'constructor') && headers.constructor).toBe('not Object');
    }
    expect(worker.status().healthy).toBe(true);
    expect(linearHeaderDecoding()).toBe('applied'); // what made it so (KSDK_KAFKAJS_HEADER_PATCH=off: the waits above time out)
  });

  it('is dead-lettered once with its reason, all headers kept, when the handler fails it; the record behind is handled', async () => {
    const topic = await createTopic(uniqueTopic('many-headers-dlt'), 1);
    const dlt = await createTopic(`${topic}.dlt`, 1);
    const groupId = `${topic}-g`;
    await sendRaw(topic, [manyHeaders('fails'), orderRecord({ orderId: 'behind', id: 'behind' })]);
    const handled: string[] = [];
    await run({ name: 'manyheadersdlt', topic, groupId, messages: [descriptorOn(topic)], deadLetterTopic: dlt, retry: { mode: 'none' } }, {
      handle: (m) => (handled.push(m.id), m.id !== 'fails'),
    });

    await waitFor(async () => (await committedOffsets(groupId, topic))[0] === '2', { timeoutMs: 45_000, message: 'both committed' });
    expect(count(handled)).toEqual({ fails: 1, behind: 1 });
    const [copy, ...more] = await readAll(dlt);
    expect(more).toHaveLength(0);
    expect(copy!.key?.toString()).toBe('fails');
    expect(header(copy!, FailureHeader.reason)).toBe('exhausted');
    expect(header(copy!, FailureHeader.originalOffset)).toBe('0');
    expect(header(copy!, FailureHeader.fallback)).toBeUndefined();
    expect(Object.keys(copy!.headers).filter((n) => n.startsWith('h-'))).toHaveLength(HEADERS - 3);
    expect(header(copy!, 'h-123')).toBe('v-123-');
    expect((copy!.headers.repeated as Buffer[]).map(String)).toEqual(['first', 'second']);
    expect(Object.getOwnPropertyDescriptor(copy!.headers, 'constructor')?.value.toString()).toBe('not Object');
  });

  it('gets a fallback copy (no value, no original headers) when its full copy is too large for the DLT; dead-lettered once', async () => {
    const MiB = 1024 * 1024;
    const topic = await createTopic(uniqueTopic('many-headers-big'), 1, { 'max.message.bytes': String(4 * MiB) });
    const dlt = await createTopic(`${topic}.dlt`, 1); // the default limit, 1 MB
    const groupId = `${topic}-g`;
    // 20,000 headers of 64-byte values: about 1.5 MB of headers, more than the DLT takes.
    await sendRaw(topic, [manyHeaders('too-big', 64), orderRecord({ orderId: 'behind', id: 'behind' })]);
    const handled: string[] = [];
    await run({ name: 'manyheadersbig', topic, groupId, messages: [descriptorOn(topic)], deadLetterTopic: dlt, retry: { mode: 'none' } }, {
      handle: (m) => (handled.push(m.id), m.id !== 'too-big'),
    });

    await waitFor(async () => (await committedOffsets(groupId, topic))[0] === '2', { timeoutMs: 45_000, message: 'both committed' });
    expect(count(handled)).toEqual({ 'too-big': 1, behind: 1 });
    const [copy, ...more] = await readAll(dlt);
    expect(more).toHaveLength(0);
    expect(copy!.value).toBeNull();
    expect(copy!.key?.toString()).toBe('too-big');
    expect(header(copy!, FailureHeader.reason)).toBe('exhausted');
    expect(header(copy!, FailureHeader.fallback)).toBe('value,headers');
    expect(header(copy!, FailureHeader.fallbackReason)).toMatch(/^MESSAGE_TOO_LARGE: /);
    expect(Number(header(copy!, FailureHeader.originalHeadersBytes))).toBeGreaterThan(MiB);
    expect(header(copy!, 'h-0')).toBeUndefined();
  });
});
