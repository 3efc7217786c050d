// KsdkProducer on a fake kafkajs producer: settings passthrough, keys, failure splitting,
// errors, events and response loggers. Broker behaviour is in publishing.int.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import kafkajs, { CompressionTypes } from 'kafkajs';
import { byProperty, KsdkProducer, PublishError, registerCompressionCodec, roundRobin, RuntimeEvents, sticky, ValidationError, type BatchResult, type CompressionCodecFactory, type DeliveryReport, type PublishResult } from '@ksdk/runtime';
import { javaPartition } from '@ksdk/runtime/wire';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';
import { FakeKafka, protocolError, type SentRequest } from './fakeKafka.js';

const orders = descriptorOn('orders');
const order = (i: number, extra: Partial<TestOrder> = {}) => ({ orderId: `o-${i}`, amount: i, ...extra });
const orderIdOf = (value: Buffer | string | null | undefined) => JSON.parse(String(value)).data.orderId as string;

describe('producer settings', () => {
  it('constructing opens no connection; the first publish does', async () => {
    const fake = new FakeKafka();
    const producer = new KsdkProducer({ factory: fake });
    expect(fake.configs).toHaveLength(0);
    await producer.publish(orders, order(1));
    expect(fake.connects).toBe(1);
    await producer.publish(orders, order(2));
    expect(fake.connects).toBe(1);
  });

  it('passes acks, idempotence, max in flight, retries and compression to kafkajs', async () => {
    const fake = new FakeKafka();
    const producer = new KsdkProducer({ factory: fake, clientId: 'orders-svc', idempotent: true, maxInFlight: 1, retries: 7, compression: 'gzip' });
    await producer.publish(orders, order(1));
    expect(fake.configs[0]).toMatchObject({ clientId: 'orders-svc', idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, retry: { retries: 7 } });
    expect(typeof fake.configs[0]!.createPartitioner).toBe('function');
    expect(fake.requests[0]).toMatchObject({ acks: -1, compression: CompressionTypes.GZIP });
  });

  it('uses acks 1 when asked', async () => {
    const fake = new FakeKafka();
    await new KsdkProducer({ factory: fake, acks: 1 }).publish(orders, order(1));
    expect(fake.requests[0]!.acks).toBe(1);
  });

  it('refuses contradictory settings at construction, before any connection', () => {
    expect(() => new KsdkProducer({ factory: new FakeKafka(), idempotent: true, acks: 1 })).toThrow(/idempotent producer needs acks -1/);
    expect(() => new KsdkProducer({ factory: new FakeKafka(), batchSize: 0 })).toThrow(/batchSize must be a positive number/);
    // @ts-expect-error not a compression name
    expect(() => new KsdkProducer({ factory: new FakeKafka(), compression: 'brotli' })).toThrow(/unknown compression "brotli"/);
  });
});

describe('compression codecs', () => {
  const codecs = kafkajs.CompressionCodecs as unknown as Record<number, CompressionCodecFactory>;
  const original = codecs[CompressionTypes.Snappy]!;
  afterEach(() => {
    codecs[CompressionTypes.Snappy] = original;
  });

  it('says which package to install when a codec is not registered', async () => {
    const fake = new FakeKafka();
    const producer = new KsdkProducer({ factory: fake, compression: 'snappy' });
    const err = await producer.publish(orders, order(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PublishError);
    expect(err).toMatchObject({ reason: 'codec-missing', retriable: false });
    expect((err as Error).message).toMatch(/compression "snappy" has no codec registered in kafkajs: npm install kafkajs-snappy/);
    expect(fake.requests).toHaveLength(0);
  });

  it('uses a codec registered with registerCompressionCodec', async () => {
    const identity: CompressionCodecFactory = () => ({ compress: async ({ buffer }) => buffer, decompress: async (b) => b });
    registerCompressionCodec('snappy', identity);
    const fake = new FakeKafka();
    await new KsdkProducer({ factory: fake, compression: 'snappy' }).publish(orders, order(1));
    expect(fake.requests[0]!.compression).toBe(CompressionTypes.Snappy);
  });
});

describe('keys and placement', () => {
  it('keys by message id by default and places the record where Java would', async () => {
    const fake = new FakeKafka({ partitions: 7 });
    const producer = new KsdkProducer({ factory: fake });
    const results: PublishResult[] = [];
    for (let i = 0; i < 30; i++) results.push(await producer.publish(orders, order(i)));
    for (const [i, w] of fake.written.entries()) {
      expect(String(w.message.key)).toBe(results[i]!.messageId);
      expect(w.partition).toBe(javaPartition(results[i]!.messageId, 7));
      expect(results[i]!.partition).toBe(w.partition);
    }
  });

  it('takes the key from the per-publish key, then the descriptor strategy, then the producer default', async () => {
    const fake = new FakeKafka();
    const producer = new KsdkProducer({ factory: fake, partitionKey: roundRobin() });
    const byCustomer = descriptorOn('orders', { partitionKey: byProperty<TestOrder>('customerId') });
    await producer.publish(byCustomer, order(1, { customerId: 'c-1' }), { key: 'explicit' });
    await producer.publish(byCustomer, order(2, { customerId: 'c-2' }));
    await producer.publish(orders, order(3));
    expect(fake.written.map((w) => w.message.key)).toEqual(['explicit', 'c-2', null]);
  });

  it('gives each producer its own copy of a stateful strategy on a shared descriptor', async () => {
    let n = 0;
    const shared = descriptorOn('orders', { partitionKey: sticky<TestOrder>(60_000, () => `sticky-${++n}`) });
    const fake = new FakeKafka();
    const a = new KsdkProducer({ factory: fake, now: () => 0 });
    const b = new KsdkProducer({ factory: fake, now: () => 0 });
    await a.publish(shared, order(1));
    await b.publish(shared, order(2));
    await a.publish(shared, order(3));
    expect(fake.written.map((w) => w.message.key)).toEqual(['sticky-1', 'sticky-2', 'sticky-1']);
  });
});

describe('publishBatch failure reporting', () => {
  /** Like Kafka: a partition's batch over `limit` bytes is refused whole (MESSAGE_TOO_LARGE). */
  function sizeLimited(limit: number) {
    return (request: SentRequest) => {
      const byPartition = new Map<number, number>();
      request.messages.forEach((m, i) => byPartition.set(request.partitions[i]!, (byPartition.get(request.partitions[i]!) ?? 0) + (m.value as Buffer).length));
      return [...byPartition.values()].some((bytes) => bytes > limit) ? protocolError('MESSAGE_TOO_LARGE') : undefined;
    };
  }

  it('reports exactly the oversized messages, writes every other message once, keeps order', async () => {
    const fake = new FakeKafka({ partitions: 3, reject: sizeLimited(3000) });
    const producer = new KsdkProducer({ factory: fake });
    const big = new Set([3, 17, 18, 40]);
    const inputs = Array.from({ length: 50 }, (_, i) => order(i, big.has(i) ? { customerId: 'x'.repeat(5000) } : {}));
    const result = await producer.publishBatch(orders, inputs, { batchSize: 20 });

    expect(result.failed.map((f) => orderIdOf(fake.requests.flatMap((r) => r.messages).find((m) => String(m.key) === f.messageId)!.value))).toEqual(
      ['o-3', 'o-17', 'o-18', 'o-40'],
    );
    for (const f of result.failed) expect(f.error).toMatchObject({ name: 'PublishError', reason: 'too-large', retriable: false, topic: 'orders' });
    expect(result.succeeded).toHaveLength(46);
    // Written exactly once each, nothing from a failed request.
    const written = fake.written.map((w) => orderIdOf(w.message.value));
    expect(new Set(written).size).toBe(written.length);
    expect(written.sort()).toEqual(inputs.filter((_, i) => !big.has(i)).map((o) => o.orderId).sort());
    // Offsets reported are the offsets written.
    for (const s of result.succeeded) {
      const w = fake.written.find((x) => String(x.message.key) === s.messageId)!;
      expect([s.partition, s.offset]).toEqual([w.partition, w.offset]);
    }
    // Per partition, the records are in the order given.
    for (let p = 0; p < 3; p++) {
      const ids = fake.written.filter((w) => w.partition === p).map((w) => Number(orderIdOf(w.message.value).slice(2)));
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
    }
  });

  it('splits a partition batch the broker refuses as a whole even though each record fits', async () => {
    const fake = new FakeKafka({ partitions: 1, reject: sizeLimited(1500) });
    const result = await new KsdkProducer({ factory: fake }).publishBatch(orders, Array.from({ length: 20 }, (_, i) => order(i)));
    expect(result.failed).toEqual([]);
    expect(result.succeeded.map((s) => s.offset)).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
  });

  it('reports validation failures per message and sends the rest', async () => {
    const fake = new FakeKafka();
    const batchLog = vi.fn<(r: BatchResult) => void>();
    const producer = new KsdkProducer({ factory: fake, batchResponseLogger: batchLog });
    const result = await producer.publishBatch(orders, [order(1), { orderId: '', amount: -5, id: 'bad-1' }, order(3)]);
    expect(result.succeeded).toHaveLength(2);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]!.messageId).toBe('bad-1');
    expect(result.failed[0]!.error).toMatchObject({ reason: 'validation', retriable: false, messageId: 'bad-1' });
    expect(result.failed[0]!.error.cause).toBeInstanceOf(ValidationError);
    expect(batchLog).toHaveBeenCalledTimes(1);
    expect(batchLog.mock.calls[0]![0]).toBe(result);
  });

  it('does not split on errors a smaller request cannot explain: all records of the request fail with it', async () => {
    const fake = new FakeKafka({ partitions: 1, reject: () => protocolError('NOT_ENOUGH_REPLICAS', true) });
    const result = await new KsdkProducer({ factory: fake }).publishBatch(orders, Array.from({ length: 8 }, (_, i) => order(i)));
    // The probe record, then one request for the other seven: no halving.
    expect(fake.requests.map((r) => r.messages.length)).toEqual([1, 7]);
    expect(result.failed).toHaveLength(8);
    expect(result.failed[0]!.error).toMatchObject({ reason: 'broker', retriable: true });
  });
});

describe('errors, events and response loggers', () => {
  it('publish rejects with a PublishError naming message and topic, the kafkajs error as cause', async () => {
    const kafkaError = protocolError('INVALID_RECORD');
    const fake = new FakeKafka({ reject: () => kafkaError });
    const err = (await new KsdkProducer({ factory: fake }).publish(orders, order(1, { id: 'm-1' } as Partial<TestOrder>)).catch((e: unknown) => e)) as PublishError;
    expect(err).toBeInstanceOf(PublishError);
    expect(err).toMatchObject({ code: 'KSDK_PUBLISH', messageId: 'm-1', topic: 'orders', reason: 'rejected', retriable: false });
    expect(err.cause).toBe(kafkaError);
    expect(err.message).toMatch(/message m-1 to topic "orders" failed \(rejected\)/);
  });

  it('a validation failure rejects publish with the ValidationError itself, and produce with a PublishError around it', async () => {
    const fake = new FakeKafka();
    const producer = new KsdkProducer({ factory: fake });
    const err = (await producer.publish(orders, { orderId: 'x', amount: -1 }).catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ code: 'KSDK_VALIDATION', retriable: false });
    expect(err.violations[0]).toMatchObject({ instancePath: '/amount', keyword: 'minimum' });
    const report = await new Promise<DeliveryReport>((resolve) => producer.produce(orders, { id: 'bad-2', orderId: 'x', amount: -1 }, resolve));
    expect(report).toMatchObject({ status: 'failed', messageId: 'bad-2', topic: 'orders' });
    expect(report.status === 'failed' && report.error).toMatchObject({ name: 'PublishError', reason: 'validation', messageId: 'bad-2' });
    expect(report.status === 'failed' && report.error.cause).toBeInstanceOf(ValidationError);
    expect(fake.connects).toBe(0);
  });

  it('emits producer.published and producer.failed events only to listeners', async () => {
    const events = new RuntimeEvents();
    const published = vi.fn();
    const failed = vi.fn();
    events.on('producer.published', published);
    events.on('producer.failed', failed);
    const fake = new FakeKafka();
    const producer = new KsdkProducer({ factory: fake, name: 'orders-producer', events });
    const ok = await producer.publish(orders, order(1));
    await producer.publish(orders, { orderId: 'x', amount: -1 }).catch(() => undefined);
    fake.options.reject = () => protocolError('MESSAGE_TOO_LARGE');
    await producer.publish(orders, order(2)).catch(() => undefined);
    expect(published).toHaveBeenCalledWith(
      expect.objectContaining({ producer: 'orders-producer', topic: 'orders', messageType: 'TestOrder', messageId: ok.messageId, partition: ok.partition, offset: ok.offset }),
    );
    // Validation failures never reach the wire, so only the broker failure is an event.
    expect(failed).toHaveBeenCalledTimes(1);
    expect(failed.mock.calls[0]![0].error).toMatchObject({ reason: 'too-large' });
  });

  it('calls the response logger for publish and for delivered produce, and survives a throwing one', async () => {
    const seen: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const producer = new KsdkProducer({
      factory: new FakeKafka(),
      responseLogger: (response, message) => {
        seen.push(`${response.messageId}=${message.id}`);
        throw new Error('logger bug');
      },
    });
    const r = await producer.publish(orders, order(1));
    const id = producer.produce(orders, order(2));
    await producer.flush(1000);
    expect(seen).toEqual([`${r.messageId}=${r.messageId}`, `${id}=${id}`]);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
