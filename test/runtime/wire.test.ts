import { CloudEvent, Kafka as CeKafka, type Message as CeMessage } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import { DecodeError, ValidationError, type WireFormat } from '@ksdk/runtime';
import { decodeRecord, encodeMessage, MessageTypeIndex, splitMessage } from '@ksdk/runtime/wire';
import { testOrder, type TestOrder } from '../fixtures/orderDescriptor.js';

const message: TestOrder = {
  id: '3c8f5c4e-7b2a-4d9e-8f1a-2b3c4d5e6f7a',
  timeStamp: '2024-12-02T10:30:00.000Z',
  raisingComponent: 'OrderService',
  tenant: 'tenant-1',
  conversation: 'conv-9',
  orderId: '12345',
  amount: 99.99,
  customerId: 'customer-1',
};
const index = new MessageTypeIndex([testOrder]);
const encode = (format: WireFormat) => encodeMessage(testOrder, message, splitMessage(message), format, 'urn:myapp:service');
const asRecord = (e: { value: Buffer; headers: Record<string, string> }) => ({
  value: e.value,
  headers: Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k, Buffer.from(v)])),
  timestamp: String(Date.parse('2024-12-02T10:30:01Z')),
  coordinates: 't/0/7',
});

describe('structured mode', () => {
  it('has exactly the reference README attributes, in its order', () => {
    const json = JSON.parse(encode('structured').value.toString());
    expect(Object.keys(json)).toEqual([
      'specversion', 'id', 'type', 'source', 'time', 'datacontenttype', 'subject', 'data', 'raisingcomponent', 'tenant', 'conversation',
    ]);
    expect(json).toEqual({
      specversion: '1.0',
      id: message.id,
      type: 'com.example.test.TestOrder',
      source: 'urn:myapp:service',
      time: message.timeStamp,
      datacontenttype: 'application/json',
      subject: 'TestOrder',
      data: { orderId: '12345', amount: 99.99, customerId: 'customer-1' },
      raisingcomponent: 'OrderService',
      tenant: 'tenant-1',
      conversation: 'conv-9',
    });
  });

  it('sets the structured content-type header of the Kafka binding', () => {
    expect(encode('structured').headers).toEqual({ 'content-type': 'application/cloudevents+json; charset=UTF-8' });
  });

  it('is parsed and validated by the cloudevents SDK', () => {
    const e = encode('structured');
    const ce = CeKafka.toEvent({ headers: e.headers, body: e.value.toString(), key: message.id, value: e.value.toString() } as unknown as CeMessage) as CloudEvent<unknown>;
    expect(ce.validate()).toBe(true);
    expect(ce.id).toBe(message.id);
    expect(ce.type).toBe('com.example.test.TestOrder');
    expect(ce.raisingcomponent).toBe('OrderService');
    expect(ce.data).toEqual({ orderId: '12345', amount: 99.99, customerId: 'customer-1' });
  });
});

describe('binary mode', () => {
  it('puts attributes in ce_ headers and data in the value', () => {
    const e = encode('binary');
    expect(e.headers).toEqual({
      'content-type': 'application/json',
      ce_specversion: '1.0',
      ce_id: message.id,
      ce_type: 'com.example.test.TestOrder',
      ce_source: 'urn:myapp:service',
      ce_time: message.timeStamp,
      ce_subject: 'TestOrder',
      ce_raisingcomponent: 'OrderService',
      ce_tenant: 'tenant-1',
      ce_conversation: 'conv-9',
    });
    expect(JSON.parse(e.value.toString())).toEqual({ orderId: '12345', amount: 99.99, customerId: 'customer-1' });
  });

  it('is parsed by the cloudevents SDK', () => {
    const e = encode('binary');
    const ce = CeKafka.toEvent({ headers: e.headers, body: e.value.toString(), key: message.id, value: e.value.toString() } as unknown as CeMessage) as CloudEvent<unknown>;
    expect(ce.validate()).toBe(true);
    expect(ce.tenant).toBe('tenant-1');
  });
});

describe('decoding', () => {
  it.each<WireFormat>(['structured', 'binary', 'plain'])('round-trips every field in %s mode', (format) => {
    const decoded = decodeRecord(asRecord(encode(format)), index);
    expect(decoded.wireFormat).toBe(format);
    expect(decoded.message).toEqual(message);
    expect(decoded.descriptor).toBe(testOrder);
  });

  it('reads a record written by the cloudevents SDK (structured)', () => {
    const ce = new CloudEvent({ id: 'a1', type: testOrder.type, source: 'urn:x', time: message.timeStamp, data: { orderId: '1', amount: 2 }, tenant: 't' });
    const msg = CeKafka.structured(ce);
    const decoded = decodeRecord(
      { value: Buffer.from(msg.body as string), headers: { 'content-type': Buffer.from(String(msg.headers['content-type'])) }, timestamp: '0', coordinates: 'x' },
      index,
    );
    expect(decoded.message).toMatchObject({ id: 'a1', tenant: 't', orderId: '1', amount: 2 });
  });

  it.each([
    ['bytes that are not JSON', { value: Buffer.from('{"orderId": 1,'), headers: {} }, 'invalid-json'],
    ['bytes that are not UTF-8', { value: Buffer.from([0xff, 0x00, 0x7b]), headers: {} }, 'invalid-utf8'],
    ['an unknown CloudEvent type', { value: Buffer.from(JSON.stringify({ specversion: '1.0', id: '1', source: 's', type: 'x.Other', data: {} })), headers: { 'content-type': 'application/cloudevents+json' } }, 'unknown-type'],
    ['a CloudEvent without source', { value: Buffer.from(JSON.stringify({ specversion: '1.0', id: '1', type: testOrder.type, data: {} })), headers: { 'content-type': 'application/cloudevents+json' } }, 'missing-cloudevent-attribute'],
    ['a binary event without ce_id', { value: Buffer.from('{}'), headers: { ce_specversion: '1.0', ce_type: testOrder.type, ce_source: 's' } }, 'missing-cloudevent-attribute'],
    ['a tombstone', { value: null, headers: {} }, 'missing-value'],
  ])('rejects %s as poison', (_name, record, reason) => {
    const err = (() => {
      try {
        decodeRecord({ ...record, timestamp: '0', coordinates: 'x' } as Parameters<typeof decodeRecord>[0], index);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(DecodeError);
    expect((err as DecodeError).reason).toBe(reason);
    expect((err as DecodeError).retriable).toBe(false);
  });

  it('rejects a body that fails the schema with the violations listed', () => {
    const bad = { ...message, amount: -1 } as TestOrder;
    const e = encodeMessage(testOrder, bad, splitMessage(bad), 'structured', 's');
    expect(() => decodeRecord(asRecord(e), index)).toThrow(ValidationError);
    try {
      decodeRecord(asRecord(e), index);
    } catch (err) {
      expect((err as ValidationError).violations[0]).toMatchObject({ instancePath: '/amount', keyword: 'minimum' });
    }
  });

  it('gives a legacy plain record without envelope a stable id from its coordinates', () => {
    const decoded = decodeRecord({ value: Buffer.from('{"orderId":"1","amount":3}'), headers: {}, timestamp: '1000', coordinates: 'orders/2/41' }, index);
    expect(decoded.message.id).toBe('orders/2/41');
    expect(decoded.message.timeStamp).toBe(new Date(1000).toISOString());
  });
});
