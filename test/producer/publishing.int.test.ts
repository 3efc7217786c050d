// Every publishing mode against the real broker (scripts/kafka.sh; KSDK_BROKERS).
import { logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { KsdkProducer, type BatchResult, type DeliveryReport, type ProducerOptions, type PublishResult } from '@ksdk/runtime';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';
import { brokers, createTopic, readAll, uniqueTopic } from '../helpers/kafka.js';

const producers: KsdkProducer[] = [];
afterAll(async () => {
  for (const p of producers) await p.close({ timeoutMs: 5000 }).catch(() => undefined);
});

function producer(options: ProducerOptions = {}): KsdkProducer {
  // kafkajs logs every refused request at ERROR; here ksdk refuses some on purpose.
  const p = new KsdkProducer({ brokers: brokers(), name: 'publishing-test', connectTimeoutMs: 20_000, kafka: { logLevel: logLevel.NOTHING }, ...options });
  producers.push(p);
  return p;
}

const order = (i: number, extra: Partial<TestOrder> = {}) => ({ orderId: `o-${i}`, amount: i, ...extra });
const idOf = (value: Buffer | null) => JSON.parse(String(value)).id as string;

describe('publish', () => {
  it('awaits the ack and returns the topic, partition and offset the broker stored the record at', async () => {
    const topic = await createTopic(uniqueTopic('pub'), 3);
    const p = producer();
    const results: PublishResult[] = [];
    for (let i = 0; i < 12; i++) results.push(await p.publish(descriptorOn(topic), order(i)));
    const records = await readAll(topic, { expected: 12 });
    for (const r of results) {
      const stored = records.find((x) => x.partition === r.partition && x.offset === r.offset);
      expect(r.topic).toBe(topic);
      expect(stored && idOf(stored.value)).toBe(r.messageId);
      expect(String(stored!.key)).toBe(r.messageId);
    }
  });

  it('compresses with gzip out of the box', async () => {
    const topic = await createTopic(uniqueTopic('gzip'), 1);
    const p = producer({ compression: 'gzip' });
    const r = await p.publish(descriptorOn(topic), order(1, { customerId: 'z'.repeat(10_000) }));
    const [stored] = await readAll(topic, { expected: 1 });
    expect(idOf(stored!.value)).toBe(r.messageId);
    expect(JSON.parse(String(stored!.value)).data.customerId).toHaveLength(10_000);
  });

  it('with acks 0 the broker tells no offset', async () => {
    const topic = await createTopic(uniqueTopic('acks0'), 1);
    const r = await producer({ acks: 0 }).publish(descriptorOn(topic), order(1));
    expect(r).toMatchObject({ topic, partition: 0, offset: '-1' });
    await readAll(topic, { expected: 1 });
  });

  it('a record larger than the topic accepts fails with a PublishError (too-large), the kafkajs error as cause', async () => {
    const topic = await createTopic(uniqueTopic('toolarge'), 1, { 'max.message.bytes': '2048' });
    const err = await producer()
      .publish(descriptorOn(topic), order(1, { id: 'big-1', customerId: 'x'.repeat(5000) } as Partial<TestOrder>))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'PublishError', code: 'KSDK_PUBLISH', messageId: 'big-1', topic, reason: 'too-large', retriable: false });
    expect((err as Error).cause).toMatchObject({ type: 'MESSAGE_TOO_LARGE' });
  });
});

describe('publishBatch', () => {
  it('reports exactly the messages that failed (too large), and every other message is stored once', async () => {
    // Kafka refuses a partition's whole batch when it exceeds max.message.bytes, so ksdk must
    // split requests to tell the oversized records from their neighbours.
    const topic = await createTopic(uniqueTopic('batch'), 3, { 'max.message.bytes': '2048' });
    const logged: BatchResult[] = [];
    const p = producer({ batchResponseLogger: (r) => logged.push(r) });
    const big = new Set([0, 7, 31, 32, 58]);
    const inputs = Array.from({ length: 60 }, (_, i) =>
      order(i, { id: `m-${i}`, customerId: big.has(i) ? 'x'.repeat(3000) : `c-${i % 5}` } as Partial<TestOrder>),
    );
    // Plus one that fails validation.
    const all = [...inputs, { id: 'invalid-1', orderId: '', amount: -1 }];
    const result = await p.publishBatch(descriptorOn(topic), all, { batchSize: 25 });

    expect(result.failed.map((f) => f.messageId)).toEqual([...[...big].map((i) => `m-${i}`), 'invalid-1']);
    expect(result.failed.map((f) => f.error.reason)).toEqual(['too-large', 'too-large', 'too-large', 'too-large', 'too-large', 'validation']);
    expect(result.succeeded).toHaveLength(55);
    expect(logged).toEqual([result]);

    const stored = await readAll(topic, { expected: 55, settleMs: 500 });
    expect(stored).toHaveLength(55);
    const storedIds = stored.map((r) => idOf(r.value));
    expect(new Set(storedIds).size).toBe(55);
    expect(new Set(storedIds)).toEqual(new Set(result.succeeded.map((s) => s.messageId)));
    for (const s of result.succeeded) {
      const at = stored.find((r) => r.partition === s.partition && r.offset === s.offset);
      expect(at && idOf(at.value)).toBe(s.messageId);
    }
  });
});

describe('produce with delivery callbacks', () => {
  it('produces 5,000 messages, flush delivers all, and every callback fires exactly once', async () => {
    const topic = await createTopic(uniqueTopic('produce'), 4);
    const p = producer({ lingerMs: 5, batchSize: 500 });
    const reports = new Map<string, DeliveryReport[]>();
    const ids: string[] = [];
    for (let i = 0; i < 5000; i++) {
      ids.push(p.produce(descriptorOn(topic), order(i), (r) => reports.set(r.messageId, [...(reports.get(r.messageId) ?? []), r])));
    }
    expect(await p.flush(60_000)).toBe(0);
    expect(reports.size).toBe(5000);
    for (const id of ids) {
      const r = reports.get(id)!;
      expect(r).toHaveLength(1);
      expect(r[0]!.status).toBe('delivered');
    }
    const stored = await readAll(topic, { expected: 5000 });
    expect(new Set(stored.map((s) => idOf(s.value)))).toEqual(new Set(ids));
    // Reported coordinates are where the records are.
    const byCoord = new Map(stored.map((s) => [`${s.partition}/${s.offset}`, idOf(s.value)]));
    for (const [id, [r]] of reports) if (r!.status === 'delivered') expect(byCoord.get(`${r!.partition}/${r!.offset}`)).toBe(id);
  });

  it('reports the one failing message through its callback and delivers the others', async () => {
    const topic = await createTopic(uniqueTopic('produce-fail'), 2, { 'max.message.bytes': '2048' });
    const p = producer({ lingerMs: 20 });
    const reports: DeliveryReport[] = [];
    for (let i = 0; i < 40; i++) p.produce(descriptorOn(topic), order(i, { id: `m-${i}`, customerId: i === 13 ? 'x'.repeat(4000) : 'c' } as Partial<TestOrder>), (r) => reports.push(r));
    expect(await p.flush(30_000)).toBe(0);
    expect(reports).toHaveLength(40);
    const failed = reports.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.messageId)).toEqual(['m-13']);
    expect(failed[0]!.status === 'failed' && failed[0]!.error.reason).toBe('too-large');
    expect(await readAll(topic, { expected: 39, settleMs: 300 })).toHaveLength(39);
  });

  it('close() delivers what is still queued before disconnecting', async () => {
    const topic = await createTopic(uniqueTopic('close'), 1);
    const p = new KsdkProducer({ brokers: brokers(), lingerMs: 60_000, batchSize: 10_000 });
    const reports: DeliveryReport[] = [];
    for (let i = 0; i < 300; i++) p.produce(descriptorOn(topic), order(i), (r) => reports.push(r));
    expect(reports).toHaveLength(0);
    await p.close({ timeoutMs: 30_000 });
    expect(reports).toHaveLength(300);
    expect(reports.every((r) => r.status === 'delivered')).toBe(true);
    expect(await readAll(topic, { expected: 300 })).toHaveLength(300);
  });
});
