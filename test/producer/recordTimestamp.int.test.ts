// The record timestamp a producer writes (the event time stream apps window by), read back
// from the real broker: the send time by default, an explicit `timestamp` per record, or
// each message's own `timeStamp` with `recordTimestamp: 'timeStamp'`.
import { logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { KsdkProducer, PublishError, type ProducerOptions } from '@ksdk/runtime';
import { descriptorOn } from '../fixtures/orderDescriptor.js';
import { brokers, createTopic, readAll, uniqueTopic } from '../helpers/kafka.js';

const producers: KsdkProducer[] = [];
afterAll(async () => {
  for (const p of producers) await p.close({ timeoutMs: 5000 }).catch(() => undefined);
});

function producer(options: ProducerOptions = {}): KsdkProducer {
  const p = new KsdkProducer({ brokers: brokers(), kafka: { logLevel: logLevel.NOTHING }, ...options });
  producers.push(p);
  return p;
}

const stamps = async (topic: string, expected: number) =>
  Object.fromEntries((await readAll(topic, { expected })).map((r) => [JSON.parse(String(r.value)).data.orderId as string, Number(r.timestamp)]));

describe('record timestamp', () => {
  it('is the send time by default, the timestamp option when given, and never the message timeStamp unasked', async () => {
    const topic = await createTopic(uniqueTopic('ts-default'));
    const p = producer();
    const before = Date.now();
    await p.publish(descriptorOn(topic), { orderId: 'now', amount: 1, timeStamp: '2024-01-01T00:00:00.000Z' });
    const after = Date.now();
    await p.publish(descriptorOn(topic), { orderId: 'number', amount: 1 }, { timestamp: 1_700_000_000_123 });
    await p.publish(descriptorOn(topic), { orderId: 'date', amount: 1 }, { timestamp: new Date('2020-02-29T12:00:00.000Z') });
    const got = await stamps(topic, 3);
    expect(got.now).toBeGreaterThanOrEqual(before);
    expect(got.now).toBeLessThanOrEqual(after);
    expect(got.number).toBe(1_700_000_000_123);
    expect(got.date).toBe(Date.parse('2020-02-29T12:00:00.000Z'));
  });

  it("is each message's timeStamp with recordTimestamp 'timeStamp', in publishBatch and produce too; the option wins", async () => {
    const topic = await createTopic(uniqueTopic('ts-message'), 2);
    const p = producer({ recordTimestamp: 'timeStamp' });
    const batch = await p.publishBatch(descriptorOn(topic), [
      { orderId: 'b1', amount: 1, timeStamp: '2023-11-14T22:13:20.000Z' },
      { orderId: 'b2', amount: 1, timeStamp: new Date(1_600_000_000_000) },
    ]);
    expect(batch.failed).toEqual([]);
    const delivered = new Promise((resolve) => p.produce(descriptorOn(topic), { orderId: 'p1', amount: 1, timeStamp: '2001-09-09T01:46:40.000Z' }, resolve));
    await delivered;
    await p.publish(descriptorOn(topic), { orderId: 'explicit', amount: 1, timeStamp: '2023-11-14T22:13:20.000Z' }, { timestamp: 42 });
    expect(await stamps(topic, 4)).toEqual({ b1: 1_700_000_000_000, b2: 1_600_000_000_000, p1: 1_000_000_000_000, explicit: 42 });
  });

  it('refuses a timestamp that is not a non-negative integer, and sends nothing', async () => {
    const topic = await createTopic(uniqueTopic('ts-bad'));
    const p = producer({ recordTimestamp: 'timeStamp' });
    for (const timestamp of [-1, 1.5, Number.NaN]) {
      const error = await p.publish(descriptorOn(topic), { orderId: 'x', amount: 1 }, { timestamp }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PublishError);
      expect(error).toMatchObject({ reason: 'validation' });
      expect((error as Error).message).toMatch(/not a record timestamp/);
    }
    const batch = await p.publishBatch(descriptorOn(topic), [
      { orderId: 'y', amount: 1, timeStamp: 'not a date' },
      { orderId: 'z', amount: 1, timeStamp: '1960-01-01T00:00:00Z' },
    ]);
    // Not RFC 3339 at all: refused as the CloudEvents time before it is read as a record timestamp.
    expect(batch.failed[0]?.error.message).toMatch(/\/timeStamp must be an RFC 3339 date-time such as 2024-12-02T10:30:00Z, got "not a date"/);
    expect(batch.failed[1]?.error.message).toMatch(/timeStamp "1960-01-01T00:00:00Z" is not a record timestamp/);
    expect(await readAll(topic)).toEqual([]);
  });
});
