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
