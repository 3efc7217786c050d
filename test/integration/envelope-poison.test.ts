import { afterAll, describe, expect, it } from 'vitest';
import { Subscription, Worker } from '@ksdk/runtime';
import { FailureHeader } from '@ksdk/runtime/wire';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';
import { closeRawProducer, orderRecord, sendRaw, type RawRecord } from '../fixtures/rawRecords.js';
import { brokers, committedOffsets, createTopic, readAll, uniqueTopic, waitFor } from '../helpers/kafka.js';

const closers: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await closeRawProducer();
});

const STRUCTURED = 'application/cloudevents+json; charset=UTF-8';

/** `text` with the bytes `bad` put in front of its first `at`. */
function withBytes(text: string, at: string, bad: number[]): Buffer {
  const i = text.indexOf(at);
  return Buffer.concat([Buffer.from(text.slice(0, i)), Buffer.from(bad), Buffer.from(text.slice(i))]);
}

/** A record that is poison for one reason only: each starts from a valid record of its format. */
interface Crafted {
  name: string;
  record: RawRecord;
  reason: string;
  /** What the dead-letter error message must say. */
  says: RegExp;
}

function crafted(): Crafted[] {
  const structured = orderRecord({ orderId: 'u8-s', id: 'u8-s' });
  const binary = orderRecord({ orderId: 'u8-b', id: 'u8-b' }, { format: 'binary' });
  const plain = orderRecord({ orderId: 'u8-p', id: 'u8-p' }, { format: 'plain' });
  const header = orderRecord({ orderId: 'u8-h', id: 'u8-h' }, { format: 'binary' });
  return [
    { name: 'invalid UTF-8 in a structured value', record: { ...structured, value: withBytes((structured.value as Buffer).toString(), 'u8-s"', [0xc3, 0x28]) }, reason: 'poison:invalid-utf8', says: /structured CloudEvent is not valid UTF-8/ },
    { name: 'invalid UTF-8 in a binary value', record: { ...binary, value: withBytes((binary.value as Buffer).toString(), 'u8-b"', [0xff]) }, reason: 'poison:invalid-utf8', says: /binary CloudEvent data is not valid UTF-8/ },
    { name: 'invalid UTF-8 in a plain value', record: { ...plain, value: withBytes((plain.value as Buffer).toString(), 'u8-p"', [0xed, 0xa0, 0x80]) }, reason: 'poison:invalid-utf8', says: /plain JSON message is not valid UTF-8/ },
    { name: 'invalid UTF-8 in a ce_source header', record: { ...header, headers: { ...header.headers, ce_source: Buffer.from([0x75, 0x72, 0x6e, 0x3a, 0xfe]) } }, reason: 'poison:invalid-utf8', says: /header ce_source is not valid UTF-8/ },
  ];
}

describe('records that break the CloudEvents envelope or UTF-8', () => {
  it('dead-letters each once with its reason, unchanged, and handles and commits the valid records between and behind them', async () => {
    const topic = uniqueTopic('envelope');
    const dlt = `${topic}.dlt`;
    await createTopic(topic, 1);
    await createTopic(dlt, 1);
    const groupId = `${topic}-g`;
    const cases = crafted();
    // Each poison record is followed by a valid one: none may stall the partition.
    const records: RawRecord[] = cases.flatMap((c, i) => [{ ...c.record, key: `poison-${i}` }, orderRecord({ orderId: `ok-${i}`, id: `ok-${i}` })]);
    await sendRaw(topic, records);

    const handled: string[] = [];
    const sub = new Subscription<TestOrder>(
      { name: 'envelope', topic, groupId, messages: [descriptorOn(topic)], deadLetterTopic: dlt, retry: { mode: 'in-process', maxAttempts: 5, initialBackoffMs: 60_000 } },
      { handle: (m) => (handled.push(m.orderId), true) },
      { brokers: brokers(), heartbeatIntervalMs: 500, maxWaitTimeMs: 100, kafka: { logLevel: 0 } },
    );
    const worker = new Worker([sub], { signals: [] });
    closers.push(() => worker.stop());
    await worker.start();

    await waitFor(async () => (await committedOffsets(groupId, topic))[0] === String(records.length), { timeoutMs: 30_000, message: 'every record committed' });
    expect(handled).toEqual(cases.map((_, i) => `ok-${i}`));
    const dead = await readAll(dlt);
    expect(dead.map((r) => r.key?.toString())).toEqual(cases.map((_, i) => `poison-${i}`));
    for (const [i, c] of cases.entries()) {
      const copy = dead[i]!;
      expect({ name: c.name, reason: copy.headers[FailureHeader.reason]?.toString() }).toEqual({ name: c.name, reason: c.reason });
      expect(copy.headers[FailureHeader.errorMessage]?.toString()).toMatch(c.says);
      expect(copy.headers[FailureHeader.originalOffset]?.toString()).toBe(String(2 * i));
      expect(copy.headers[FailureHeader.attempts]?.toString()).toBe('1');
      // The dead-letter copy keeps the original bytes, bad ones included.
      expect(Buffer.compare(copy.value ?? Buffer.alloc(0), Buffer.from(c.record.value as Buffer))).toBe(0);
    }
    expect(worker.status().healthy).toBe(true);
  });
});
