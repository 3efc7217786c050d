import { describe, expect, it } from 'vitest';
import { DecodeError, type WireFormat } from '@ksdk/runtime';
import { decodeRecord, encodeMessage, MessageTypeIndex, splitMessage } from '@ksdk/runtime/wire';
import { testOrder, type TestOrder } from '../fixtures/orderDescriptor.js';

const index = new MessageTypeIndex([testOrder]);
const message: TestOrder = { id: 'id-1', timeStamp: '2024-12-02T10:30:00.000Z', orderId: 'o-1', amount: 1 };

/** A record as kafkajs hands it: header values as Buffers, a repeated header as an array. */
function record(value: Buffer | null, headers: Record<string, string | Buffer | Buffer[]> = {}) {
  const asBuffers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, typeof v === 'string' ? Buffer.from(v) : v]));
  return { value, headers: asBuffers, timestamp: '0', coordinates: 't/0/0' };
}

function encoded(format: WireFormat, m: TestOrder = message) {
  const e = encodeMessage(testOrder, m, splitMessage(m), format, 'urn:test');
  return record(e.value, e.headers);
}

/** The DecodeError reason `decodeRecord` throws for a record, or 'decoded'. */
function outcome(r: Parameters<typeof decodeRecord>[0]): string {
  try {
    decodeRecord(r, index);
    return 'decoded';
  } catch (err) {
    if (err instanceof DecodeError) return err.reason;
    throw err;
  }
}

/** `{"orderId":"<0xff>","amount":1}`: JSON whose only fault is a byte that is not UTF-8. */
const invalidUtf8Body = Buffer.concat([Buffer.from('{"orderId":"'), Buffer.from([0xff]), Buffer.from('","amount":1}')]);

describe('invalid UTF-8 (item 9)', () => {
  it.each<WireFormat>(['structured', 'binary', 'plain'])('is poison in a %s value, not replaced by U+FFFD', (format) => {
    const valid = encoded(format);
    const text = (valid.value as Buffer).toString();
    const at = text.indexOf('o-1');
    const bad = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xc3, 0x28]), Buffer.from(text.slice(at))]);
    expect(outcome({ ...valid, value: bad })).toBe('invalid-utf8');
    expect(outcome(valid)).toBe('decoded');
  });

  it('says which part of the record is not UTF-8', () => {
    expect(() => decodeRecord(record(invalidUtf8Body), index)).toThrow(/plain JSON message is not valid UTF-8/);
  });

  it('keeps a real U+FFFD and other non-ASCII text', () => {
    const m = { ...message, orderId: 'r\uFFFDsumé 注文 😀' };
    for (const format of ['structured', 'binary', 'plain'] as const) {
      expect((decodeRecord(encoded(format, m), index).message as TestOrder).orderId).toBe('r\uFFFDsumé 注文 😀');
    }
  });

  it.each(['ce_id', 'ce_type', 'ce_source', 'ce_time', 'ce_subject', 'ce_tenant'])('is poison in the binary-mode header %s', (name) => {
    const valid = encoded('binary', { ...message, tenant: 't' });
    const original = valid.headers[name] as Buffer;
    const bad = Buffer.concat([original, Buffer.from([0xed, 0xa0, 0x80])]); // an encoded surrogate: not UTF-8
    expect(outcome({ ...valid, headers: { ...valid.headers, [name]: bad } })).toBe('invalid-utf8');
  });
});

/** A structured event with `changes` applied (`undefined` removes an attribute). */
function structured(changes: Record<string, unknown>, contentType = 'application/cloudevents+json; charset=UTF-8') {
  const event: Record<string, unknown> = { specversion: '1.0', id: 'e-1', type: testOrder.type, source: 'urn:x', time: '2024-12-02T10:30:00Z', datacontenttype: 'application/json', data: { orderId: 'o', amount: 1 } };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete event[k];
    else event[k] = v;
  }
  return record(Buffer.from(JSON.stringify(event)), { 'content-type': contentType });
}

/** A binary-mode record with `changes` applied to its headers. */
function binary(changes: Record<string, string | Buffer[] | undefined>, value: unknown = { orderId: 'o', amount: 1 }) {
  const headers: Record<string, string | Buffer[]> = { 'content-type': 'application/json', ce_specversion: '1.0', ce_id: 'e-1', ce_type: testOrder.type, ce_source: 'urn:x', ce_time: '2024-12-02T10:30:00Z' };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete headers[k];
    else headers[k] = v;
  }
  return record(Buffer.from(JSON.stringify(value)), headers);
}

describe('envelope checks on consume (item 10)', () => {
  it.each([
    ['structured, datacontenttype text/plain', structured({ datacontenttype: 'text/plain' }), 'unsupported-content-type'],
    ['structured, datacontenttype application/xml', structured({ datacontenttype: 'application/xml; charset=utf-8' }), 'unsupported-content-type'],
    ['structured, the Avro event format', structured({}, 'application/cloudevents+avro'), 'unsupported-content-type'],
    ['binary, content-type text/plain', binary({ 'content-type': 'text/plain' }), 'unsupported-content-type'],
    ['binary, content-type application/octet-stream', binary({ 'content-type': 'application/octet-stream' }), 'unsupported-content-type'],
    ['structured, time without a zone', structured({ time: '2024-12-02T10:30:00' }), 'invalid-time'],
    ['structured, time with a space', structured({ time: '2024-12-02 10:30:00Z' }), 'invalid-time'],
    ['structured, time 30 February', structured({ time: '2024-02-30T10:30:00Z' }), 'invalid-time'],
    ['structured, time as a number', structured({ time: 1733135400000 }), 'invalid-time'],
    ['structured, empty time', structured({ time: '' }), 'invalid-time'],
    ['binary, ce_time "yesterday"', binary({ ce_time: 'yesterday' }), 'invalid-time'],
    ['binary, ce_time with a +0530 zone', binary({ ce_time: '2024-12-02T10:30:00+0530' }), 'invalid-time'],
    ['structured, empty id', structured({ id: '' }), 'empty-id'],
    ['binary, empty ce_id', binary({ ce_id: '' }), 'empty-id'],
    ['structured, an id of 1,025 characters', structured({ id: 'x'.repeat(1025) }), 'oversized-id'],
    ['binary, a ce_id of 1,025 characters', binary({ ce_id: 'x'.repeat(1025) }), 'oversized-id'],
    ['structured, id as a number', structured({ id: 7 }), 'invalid-cloudevent-attribute'],
    ['structured, subject as an object', structured({ subject: { a: 1 } }), 'invalid-cloudevent-attribute'],
    ['binary, ce_type twice', binary({ ce_type: [Buffer.from(testOrder.type), Buffer.from('com.example.Other')] }), 'repeated-attribute'],
    ['binary, ce_id twice (the same value)', binary({ ce_id: [Buffer.from('e-1'), Buffer.from('e-1')] }), 'repeated-attribute'],
    ['binary, ce_source twice', binary({ ce_source: [Buffer.from('urn:a'), Buffer.from('urn:b')] }), 'repeated-attribute'],
    ['binary, ce_specversion twice', binary({ ce_specversion: [Buffer.from('1.0'), Buffer.from('1.0')] }), 'repeated-attribute'],
    ['structured, data as a JSON string', structured({ data: JSON.stringify({ orderId: 'o', amount: 1 }) }), 'string-data'],
    ['binary, value a JSON string', binary({}, JSON.stringify({ orderId: 'o', amount: 1 })), 'string-data'],
    ['structured, data_base64', structured({ data: undefined, data_base64: Buffer.from('{"orderId":"o","amount":1}').toString('base64') }), 'base64-data'],
    ['structured, data_base64 next to data', structured({ data_base64: 'e30=' }), 'base64-data'],
  ])('%s is poison', (_name, r, reason) => {
    expect(outcome(r)).toBe(reason);
  });

  it.each([
    ['structured, as ksdk writes it', structured({})],
    ['structured, no datacontenttype (JSON implied)', structured({ datacontenttype: undefined })],
    ['structured, application/json; charset=utf-8', structured({ datacontenttype: 'application/json; charset=utf-8' })],
    ['structured, a +json type', structured({ datacontenttype: 'application/vnd.example.order+json' })],
    ['structured, upper-case content-type header', structured({}, 'Application/CloudEvents+JSON')],
    ['structured, no time (the record timestamp stands in)', structured({ time: undefined })],
    ['structured, time null', structured({ time: null })],
    ['structured, lower-case t and z, a fraction and an offset', structured({ time: '2024-12-02t10:30:00.123456+05:30' })],
    ['structured, an id of 1,024 characters', structured({ id: 'x'.repeat(1024) })],
    ['binary, as ksdk writes it', binary({})],
    ['binary, no content-type', binary({ 'content-type': undefined })],
    ['binary, Application/JSON;charset=UTF-8', binary({ 'content-type': 'Application/JSON;charset=UTF-8' })],
    ['binary, no ce_time', binary({ ce_time: undefined })],
  ])('%s is read', (_name, r) => {
    expect(outcome(r)).toBe('decoded');
  });

  it('says what is wrong, quoting at most 100 characters of the value', () => {
    expect(() => decodeRecord(structured({ time: `2024-${'9'.repeat(5000)}` }), index)).toThrow(/^CloudEvent time "2024-9{95}…" is not an RFC 3339 date-time/);
    expect(() => decodeRecord(binary({ ce_type: [Buffer.from('a'), Buffer.from('b'), Buffer.from('c')] }), index)).toThrow('binary CloudEvent has header ce_type 3 times');
    expect(() => decodeRecord(structured({ id: 'x'.repeat(5000) }), index)).toThrow('CloudEvent id is 5000 characters long; ksdk reads ids of at most 1024 (structured)');
    expect(() => decodeRecord(binary({ 'content-type': 'text/csv' }), index)).toThrow('CloudEvent data is "text/csv" (binary, header content-type)');
  });

  it('sees a repeated ce_ header that a consumer already turned into text (first value kept)', () => {
    const r = binary({});
    const raw = { ...r.headers, ce_type: [Buffer.from(testOrder.type), Buffer.from('x')] };
    const text = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, v.toString()]));
    expect(outcome({ ...r, headers: text, rawHeaders: raw })).toBe('repeated-attribute');
    expect(outcome({ ...r, headers: text, rawHeaders: r.headers })).toBe('decoded');
  });
});
