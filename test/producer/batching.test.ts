// Linger, batch size, one batch in flight per topic, exactly-once callbacks, flush and
// close — on a fake kafkajs producer, with fake timers (no sleeps).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KsdkProducer, type DeliveryReport } from '@ksdk/runtime';
import { descriptorOn } from '../fixtures/orderDescriptor.js';
import { FakeKafka, gate } from './fakeKafka.js';

const orders = descriptorOn('orders');
const order = (i: number) => ({ orderId: `o-${i}`, amount: i });

afterEach(() => {
  vi.useRealTimers();
});

/** A producer on the fake whose first request (the metadata probe) is already done. */
async function warmProducer(fake: FakeKafka, options: ConstructorParameters<typeof KsdkProducer>[0] = {}) {
  const producer = new KsdkProducer({ factory: fake, ...options });
  // publishBatch does not linger, so this works under fake timers too.
  await producer.publishBatch(orders, [order(0)]);
  fake.requests.length = 0;
  return producer;
}

describe('produce() batching (linger, batch size)', () => {
  it('waits lingerMs for company, then sends the records in one request', async () => {
    vi.useFakeTimers();
    const fake = new FakeKafka({ partitions: 1 });
    const producer = await warmProducer(fake, { lingerMs: 50, batchSize: 100 });
    for (let i = 1; i <= 10; i++) producer.produce(orders, order(i));
    await vi.advanceTimersByTimeAsync(49);
    expect(fake.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.requests.map((r) => r.messages.length)).toEqual([10]);
    expect(await producer.flush(1000)).toBe(0);
  });

  it('sends as soon as batchSize records are queued, without waiting for linger', async () => {
    vi.useFakeTimers();
    const fake = new FakeKafka({ partitions: 1 });
    const producer = await warmProducer(fake, { lingerMs: 60_000, batchSize: 5 });
    for (let i = 1; i <= 12; i++) producer.produce(orders, order(i));
    await vi.advanceTimersByTimeAsync(0);
    // Two full batches go at once (one after the other); the last two wait for linger.
    expect(fake.requests.map((r) => r.messages.length)).toEqual([5, 5]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.requests.map((r) => r.messages.length)).toEqual([5, 5, 2]);
  });

  it('sends a batch when batchBytes is reached', async () => {
    vi.useFakeTimers();
    const fake = new FakeKafka({ partitions: 1 });
    const producer = await warmProducer(fake, { lingerMs: 60_000, batchSize: 1000, batchBytes: 2000 });
    let sent = 0;
    while (fake.requests.length === 0 && sent < 100) {
      producer.produce(orders, order(++sent));
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(fake.requests).toHaveLength(1);
    const bytes = fake.requests[0]!.messages.reduce((n, m) => n + (m.value as Buffer).length, 0);
    expect(bytes).toBeLessThanOrEqual(2000);
    expect(sent).toBeGreaterThan(2);
  });

  it('keeps one batch in flight per topic; what arrives meanwhile forms the next batch', async () => {
    const fake = new FakeKafka({ partitions: 1 });
    const producer = await warmProducer(fake, { lingerMs: 0, batchSize: 1000 });
    const g = gate();
    fake.options.gate = g.wait;
    producer.produce(orders, order(1));
    await Promise.resolve();
    for (let i = 2; i <= 50; i++) producer.produce(orders, order(i));
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    g.open();
    await vi.waitFor(() => expect(fake.requests).toHaveLength(2));
    g.open();
    expect(await producer.flush(5000)).toBe(0);
    expect(fake.requests.map((r) => r.messages.length)).toEqual([1, 49]);
    // In order on the partition.
    expect(fake.written.slice(1).map((w) => JSON.parse(w.message.value!.toString()).data.orderId)).toEqual(
      Array.from({ length: 50 }, (_, i) => `o-${i + 1}`),
    );
  });

  it('reports every produce() exactly once through its callback, after produce returned', async () => {
    const fake = new FakeKafka({ partitions: 4 });
    const producer = new KsdkProducer({ factory: fake, lingerMs: 5, batchSize: 64 });
    const reports = new Map<string, DeliveryReport[]>();
    let returned = false;
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++) {
      ids.push(
        producer.produce(orders, order(i), (r) => {
          expect(returned).toBe(true);
          reports.set(r.messageId, [...(reports.get(r.messageId) ?? []), r]);
        }),
      );
    }
    returned = true;
    expect(await producer.flush(10_000)).toBe(0);
    expect(reports.size).toBe(1000);
    for (const id of ids) {
      expect(reports.get(id)).toHaveLength(1);
      expect(reports.get(id)![0]!.status).toBe('delivered');
    }
    expect(producer.pending).toBe(0);
    await producer.close();
  });

  it('flush(timeout) resolves with what is still pending; close() then fails it (timeout) and disconnects', async () => {
    vi.useFakeTimers();
    const fake = new FakeKafka({ partitions: 1 });
    const producer = await warmProducer(fake, { lingerMs: 0 });
    fake.options.gate = () => new Promise(() => undefined); // the broker never answers
    const reports: DeliveryReport[] = [];
    const ids = [0, 1, 2].map((i) => producer.produce(orders, order(i), (r) => reports.push(r)));
    const flushed = producer.flush(1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await flushed).toBe(3);
    expect(reports).toHaveLength(0);
    const closed = producer.close({ timeoutMs: 500 });
    await vi.advanceTimersByTimeAsync(500);
    await closed;
    // The first was in flight (it may still be written: retriable timeout); the others never left the queue.
    const why = (id: string) => reports.filter((r) => r.messageId === id).map((r) => (r.status === 'failed' ? [r.error.reason, r.error.retriable] : r.status));
    expect(why(ids[0]!)).toEqual([['timeout', true]]);
    expect(why(ids[1]!)).toEqual([['closed', false]]);
    expect(why(ids[2]!)).toEqual([['closed', false]]);
    expect(fake.disconnects).toBe(1);
  });

  it('a publishBatch in progress counts its unsent messages as pending; close() waits for every chunk and delivers it', async () => {
    const fake = new FakeKafka({ partitions: 1 });
    const producer = await warmProducer(fake);
    const g = gate();
    fake.options.gate = g.wait;
    const published = producer.publishBatch(orders, Array.from({ length: 10 }, (_, i) => order(i + 1)), { batchSize: 3 });
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    // Three in flight, seven not sent yet: all ten are pending.
    expect(producer.pending).toBe(10);
    const closed = producer.close();
    for (let sent = 1; sent <= 4; sent++) {
      await vi.waitFor(() => expect(fake.requests).toHaveLength(sent));
      g.open();
    }
    await closed;
    const result = await published;
    expect(result.failed).toEqual([]);
    expect(fake.requests.map((r) => r.messages.length)).toEqual([3, 3, 3, 1]);
    expect(fake.written.slice(1).map((w) => JSON.parse(w.message.value!.toString()).data.orderId)).toEqual(Array.from({ length: 10 }, (_, i) => `o-${i + 1}`));
    expect(result.succeeded.map((r) => r.offset)).toEqual(Array.from({ length: 10 }, (_, i) => String(i + 1)));
    expect(producer.pending).toBe(0);
    expect(fake.disconnects).toBe(1);
  });

  it('flush(timeout) during a stuck publishBatch counts the chunks not sent yet; close() then fails them as closed', async () => {
    vi.useFakeTimers();
    const fake = new FakeKafka({ partitions: 1 });
    const producer = await warmProducer(fake, { deliveryTimeoutMs: 2000 });
    fake.options.gate = () => new Promise(() => undefined); // the broker never answers
    const published = producer.publishBatch(orders, Array.from({ length: 10 }, (_, i) => order(i + 1)), { batchSize: 3 });
    const flushed = producer.flush(1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await flushed).toBe(10);
    const closed = producer.close({ timeoutMs: 500 });
    await vi.advanceTimersByTimeAsync(500);
    await closed;
    await vi.advanceTimersByTimeAsync(2000);
    const result = await published;
    // The first chunk was in flight (it may still be written); the others were never sent.
    expect(result.failed.map((f) => f.error.reason)).toEqual([...Array(3).fill('timeout'), ...Array(7).fill('closed')]);
    expect(fake.requests).toHaveLength(1);
    expect(producer.pending).toBe(0);
  });

  it('after close(), publish and produce fail with reason closed', async () => {
    const fake = new FakeKafka();
    const producer = new KsdkProducer({ factory: fake });
    await producer.close();
    await expect(producer.publish(orders, order(1))).rejects.toMatchObject({ name: 'PublishError', reason: 'closed', topic: 'orders' });
    const report = await new Promise<DeliveryReport>((resolve) => producer.produce(orders, order(2), resolve));
    expect(report).toMatchObject({ status: 'failed', topic: 'orders' });
    expect(fake.connects).toBe(0);
  });

  it('refuses records beyond bufferMaxRecords with a retriable buffer-full error', async () => {
    const fake = new FakeKafka({ gate: () => new Promise(() => undefined) });
    const producer = new KsdkProducer({ factory: fake, bufferMaxRecords: 2, deliveryTimeoutMs: 60_000 });
    producer.produce(orders, order(1));
    producer.produce(orders, order(2));
    const report = await new Promise<DeliveryReport>((resolve) => producer.produce(orders, order(3), resolve));
    expect(report.status === 'failed' && [report.error.reason, report.error.retriable]).toEqual(['buffer-full', true]);
  });

  it('fails a request that gets no answer within deliveryTimeoutMs (retriable timeout)', async () => {
    vi.useFakeTimers();
    const fake = new FakeKafka({ gate: () => new Promise(() => undefined) });
    const producer = new KsdkProducer({ factory: fake, deliveryTimeoutMs: 2000 });
    const published = producer.publish(orders, order(1));
    const check = expect(published).rejects.toMatchObject({ reason: 'timeout', retriable: true });
    await vi.advanceTimersByTimeAsync(2000);
    await check;
  });
});
