// CloudEvents extensions and the full attribute set (issue 13 item 11), checked against the
// CloudEvents JS SDK as the peer: it reads what ksdk writes, and ksdk reads what it writes.
import { CloudEvent, Kafka as CeKafka, type Message as CeMessage } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import { DecodeError, KsdkProducer, ValidationError, type CloudEventExtensions, type WireFormat } from '@ksdk/runtime';
import { decodeRecord, encodeMessage, MessageTypeIndex, splitMessage } from '@ksdk/runtime/wire';
import { testOrder, type TestOrder } from '../fixtures/orderDescriptor.js';
import { FakeKafka } from '../producer/fakeKafka.js';

const index = new MessageTypeIndex([testOrder]);
const message: TestOrder = { id: 'ext-1', timeStamp: '2024-12-02T10:30:00.000Z', tenant: 't-1', orderId: 'o-1', amount: 1 };
const extensions: CloudEventExtensions = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', priority: 3, replay: true, region: 'eu-west-1' };

/** Headers as kafkajs delivers them. (The SDK's binary() leaves unset attributes in as `undefined`: no header.) */
const asBuffers = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined).map(([k, v]) => [k, Buffer.from(String(v))]));
const encode = (format: WireFormat) => encodeMessage(testOrder, message, splitMessage(message), format, 'urn:test', extensions);
/** The SDK reads a kafkajs-shaped record (headers as strings, value as text). */
const sdkReads = (headers: Record<string, string>, value: string) => CeKafka.toEvent({ headers, body: value, key: 'k', value } as unknown as CeMessage) as CloudEvent<unknown>;

describe('extensions on publish, read by the CloudEvents SDK', () => {
  it('structured: extension members after ksdk’s own, typed as given', () => {
    const e = encode('structured');
    const json = JSON.parse(e.value.toString());
    expect(Object.keys(json).slice(-5)).toEqual(['tenant', 'traceparent', 'priority', 'replay', 'region']);
    const ce = sdkReads(e.headers, e.value.toString());
    expect(ce.validate()).toBe(true);
    expect({ traceparent: ce.traceparent, priority: ce.priority, replay: ce.replay, region: ce.region, tenant: ce.tenant }).toEqual({ ...extensions, tenant: 't-1' });
  });

  it('binary: one ce_ header each, the canonical strings of their values', () => {
    const e = encode('binary');
    expect(e.headers).toMatchObject({ ce_traceparent: extensions.traceparent, ce_priority: '3', ce_replay: 'true', ce_region: 'eu-west-1', ce_tenant: 't-1' });
    const ce = sdkReads(e.headers, e.value.toString());
    expect(ce.validate()).toBe(true);
    expect({ traceparent: ce.traceparent, priority: ce.priority, replay: ce.replay, region: ce.region }).toEqual({ traceparent: extensions.traceparent, priority: '3', replay: 'true', region: 'eu-west-1' });
  });
});

describe('ctx.cloudEvent: every attribute, extensions included', () => {
  it.each<WireFormat>(['structured', 'binary'])('reads its own %s records back', (format) => {
    const e = encode(format);
    const decoded = decodeRecord({ value: e.value, headers: asBuffers(e.headers), timestamp: '0', coordinates: 'x' }, index);
    const typed = format === 'structured';
    expect(decoded.cloudEvent).toEqual({
      specversion: '1.0',
      id: 'ext-1',
      type: testOrder.type,
      source: 'urn:test',
      time: message.timeStamp,
      datacontenttype: 'application/json',
      subject: 'TestOrder',
      extensions: {
        tenant: 't-1',
        traceparent: extensions.traceparent,
        priority: typed ? 3 : '3',
        replay: typed ? true : 'true',
        region: 'eu-west-1',
      },
    });
    expect(decoded.message).toEqual(message);
  });

  const sdkEvent = new CloudEvent({
    id: 'sdk-1',
    type: testOrder.type,
    source: 'urn:sdk',
    time: '2024-12-02T10:30:00.000Z',
    subject: 'orders/o-9',
    dataschema: 'https://example.com/schemas/order.json',
    datacontenttype: 'application/json',
    data: { orderId: 'o-9', amount: 9 },
    tenant: 'sdk-tenant',
    partitionkey: 'customer-9',
    sequence: 42,
    sampled: false,
  });

  /** The attributes of sdkEvent other than its extensions, as ctx.cloudEvent has them. */
  const sdkAttributes = {
    specversion: '1.0',
    id: 'sdk-1',
    type: testOrder.type,
    source: 'urn:sdk',
    time: '2024-12-02T10:30:00.000Z',
    datacontenttype: 'application/json',
    dataschema: 'https://example.com/schemas/order.json',
    subject: 'orders/o-9',
  };

  it('reads every attribute of an event the SDK wrote in structured mode', () => {
    const m = CeKafka.structured(sdkEvent);
    const decoded = decodeRecord({ value: Buffer.from(m.body as string), headers: asBuffers(m.headers), timestamp: '0', coordinates: 'x' }, index);
    expect(decoded.cloudEvent).toEqual({
      ...sdkAttributes,
      extensions: { tenant: 'sdk-tenant', partitionkey: 'customer-9', sequence: 42, sampled: false },
    });
    expect(decoded.message).toMatchObject({ id: 'sdk-1', tenant: 'sdk-tenant', orderId: 'o-9' });
  });

  it('reads every attribute of an event the SDK wrote in binary mode (extensions as strings)', () => {
    const m = CeKafka.binary(sdkEvent);
    // The SDK leaves a binary value unserialized; a Kafka client writes it as JSON.
    const decoded = decodeRecord({ value: Buffer.from(JSON.stringify(m.body)), headers: asBuffers(m.headers), timestamp: '0', coordinates: 'x' }, index);
    expect(decoded.cloudEvent).toEqual({
      ...sdkAttributes,
      extensions: { tenant: 'sdk-tenant', partitionkey: 'customer-9', sequence: '42', sampled: 'false' },
    });
  });

  it('has no extensions (one shared empty object) for an event without any', () => {
    const plain: TestOrder = { id: 'n', timeStamp: message.timeStamp, orderId: 'o', amount: 1 };
    const a = encodeMessage(testOrder, plain, splitMessage(plain), 'structured', 'urn:test');
    const b = encodeMessage(testOrder, plain, splitMessage(plain), 'binary', 'urn:test');
    const first = decodeRecord({ value: a.value, headers: asBuffers(a.headers), timestamp: '0', coordinates: 'x' }, index).cloudEvent!;
    const second = decodeRecord({ value: b.value, headers: asBuffers(b.headers), timestamp: '0', coordinates: 'x' }, index).cloudEvent!;
    expect(first.extensions).toEqual({});
    expect(second.extensions).toBe(first.extensions);
    expect(Object.isFrozen(first.extensions)).toBe(true);
  });

  it('ignores members that are not attribute names, and refuses an object or array as an extension value', () => {
    const event = { specversion: '1.0', id: 'a', type: testOrder.type, source: 's', data: { orderId: 'o', amount: 1 } };
    const read = (extra: Record<string, unknown>) =>
      decodeRecord({ value: Buffer.from(JSON.stringify({ ...event, ...extra })), headers: { 'content-type': Buffer.from('application/cloudevents+json') }, timestamp: '0', coordinates: 'x' }, index);
    expect(read({ myExt: 'x', 'ext-1': 'y', __proto__x: 'z', nullext: null }).cloudEvent!.extensions).toEqual({});
    expect(Object.getPrototypeOf(read(JSON.parse('{"__proto__":"x"}')).cloudEvent!.extensions)).toBe(Object.prototype);
    for (const value of [{ a: 1 }, [1]]) {
      const err = (() => {
        try {
          read({ region: value });
        } catch (e) {
          return e as DecodeError;
        }
      })();
      expect(err).toBeInstanceOf(DecodeError);
      expect(err!.reason).toBe('invalid-cloudevent-attribute');
    }
  });

  it('a repeated extension header is poison as a repeated core one is', () => {
    const e = encode('binary');
    const headers = { ...asBuffers(e.headers), ce_region: [Buffer.from('a'), Buffer.from('b')] };
    expect(() => decodeRecord({ value: e.value, headers, timestamp: '0', coordinates: 'x' }, index)).toThrow(/header ce_region 2 times/);
  });
});

describe('extensions refused on publish', () => {
  async function refused(ext: Record<string, unknown>, format: WireFormat = 'structured') {
    const fake = new FakeKafka();
    const err = await new KsdkProducer({ factory: fake, wireFormat: format })
      .publish(testOrder, { orderId: 'o', amount: 1 }, { topic: 'orders', extensions: ext as CloudEventExtensions })
      .then(() => undefined, (e: unknown) => e);
    if (err !== undefined) expect(fake.requests).toHaveLength(0);
    return err as ValidationError | undefined;
  }

  it.each([
    ['an upper-case name', { Region: 'x' }, '/extensions/Region', 'name'],
    ['a name with a dash', { 'my-ext': 'x' }, '/extensions/my-ext', 'name'],
    ['a name of 21 characters', { ['a'.repeat(21)]: 'x' }, `/extensions/${'a'.repeat(21)}`, 'name'],
    ['an empty name', { '': 'x' }, '/extensions/', 'name'],
    ['a core attribute', { subject: 'x' }, '/extensions/subject', 'name'],
    ['data', { data: 'x' }, '/extensions/data', 'name'],
    ['ksdk’s tenant (set on the message)', { tenant: 'x' }, '/extensions/tenant', 'name'],
    ['a fraction', { ratio: 0.5 }, '/extensions/ratio', 'type'],
    ['an integer past 32 bits', { big: 2 ** 31 }, '/extensions/big', 'type'],
    ['NaN', { n: Number.NaN }, '/extensions/n', 'type'],
    ['an object', { obj: { a: 1 } }, '/extensions/obj', 'type'],
    ['null', { nothing: null }, '/extensions/nothing', 'type'],
  ])('%s', async (_name, ext, instancePath, keyword) => {
    const err = await refused(ext);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err!.violations).toEqual([expect.objectContaining({ instancePath, keyword })]);
  });

  it('refuses extensions in plain mode, which has no place for them', async () => {
    const err = await refused({ region: 'x' }, 'plain');
    expect(err!.violations).toEqual([expect.objectContaining({ instancePath: '/extensions', keyword: 'wireFormat' })]);
  });

  it('the names the SDK refuses, ksdk refuses too; what ksdk takes, the SDK takes', async () => {
    for (const name of ['Region', 'my-ext', 'my_ext', 'ünï']) {
      expect(() => new CloudEvent({ id: 'a', type: 't', source: 's', [name]: 'x' })).toThrow();
      expect(await refused({ [name]: 'x' })).toBeInstanceOf(ValidationError);
    }
    for (const ext of [{ region: 'x' }, { n1: -2147483648 }, { flag: false }]) {
      expect(new CloudEvent({ id: 'a', type: 't', source: 's', ...ext }).validate()).toBe(true);
      expect(await refused(ext)).toBeUndefined();
    }
  });

  it('publishBatch sets them on every record', async () => {
    const fake = new FakeKafka();
    await new KsdkProducer({ factory: fake, wireFormat: 'binary' }).publishBatch(testOrder, [{ orderId: 'a', amount: 1 }, { orderId: 'b', amount: 2 }], { topic: 'orders', extensions: { region: 'eu' } });
    expect(fake.requests.flatMap((r) => r.messages.map((m) => (m.headers as Record<string, string>).ce_region))).toEqual(['eu', 'eu']);
  });
});
