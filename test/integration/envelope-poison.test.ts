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
  /** A structured record whose event has `changes` applied. */
  const event = (id: string, changes: Record<string, unknown>): RawRecord => {
    const r = orderRecord({ orderId: id, id });
    const e = { ...JSON.parse((r.value as Buffer).toString()), ...changes };
    return { ...r, value: Buffer.from(JSON.stringify(e)) };
  };
  /** A binary-mode record with `changes` applied to its headers. */
  const headers = (id: string, changes: Record<string, string | Buffer[]>): RawRecord => {
    const r = orderRecord({ orderId: id, id }, { format: 'binary' });
    return { ...r, headers: { ...r.headers, ...changes } };
  };
  const base64 = event('b64', {});
  const { data, ...withoutData } = JSON.parse((base64.value as Buffer).toString());
  return [
    { name: 'datacontenttype text/plain (structured)', record: event('ct-s', { datacontenttype: 'text/plain' }), reason: 'poison:unsupported-content-type', says: /CloudEvent data is "text\/plain" \(structured\)/ },
    { name: 'content-type application/xml (binary)', record: headers('ct-b', { 'content-type': 'application/xml' }), reason: 'poison:unsupported-content-type', says: /CloudEvent data is "application\/xml" \(binary, header content-type\)/ },
    { name: 'time without a zone (structured)', record: event('time-s', { time: '2024-12-02T10:30:00' }), reason: 'poison:invalid-time', says: /CloudEvent time "2024-12-02T10:30:00" is not an RFC 3339 date-time/ },
    { name: 'ce_time "yesterday" (binary)', record: headers('time-b', { ce_time: 'yesterday' }), reason: 'poison:invalid-time', says: /CloudEvent time "yesterday"/ },
    { name: 'empty id (structured)', record: event('id-s', { id: '' }), reason: 'poison:empty-id', says: /CloudEvent id is empty \(structured\)/ },
    { name: 'empty ce_id (binary)', record: headers('id-b', { ce_id: '' }), reason: 'poison:empty-id', says: /CloudEvent id is empty \(binary, header ce_id\)/ },
    { name: 'an id of 5,000 characters', record: event('id-long', { id: 'x'.repeat(5000) }), reason: 'poison:oversized-id', says: /CloudEvent id is 5000 characters long; ksdk reads ids of at most 1024/ },
    { name: 'ce_type twice', record: headers('twice', { ce_type: [Buffer.from('com.example.test.TestOrder'), Buffer.from('com.example.Other')] }), reason: 'poison:repeated-attribute', says: /binary CloudEvent has header ce_type 2 times/ },
    { name: 'data as a JSON string', record: event('str', { data: JSON.stringify({ orderId: 'str', amount: 1 }) }), reason: 'poison:string-data', says: /CloudEvent data is a JSON string, not an object/ },
    { name: 'data_base64', record: { ...base64, value: Buffer.from(JSON.stringify({ ...withoutData, data_base64: Buffer.from(JSON.stringify(data)).toString('base64') })) }, reason: 'poison:base64-data', says: /carries data_base64/ },
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
