// One name per setting (issue 16 item 6): the names ksdk dropped, and the kafkajs passthrough
// keys that would set a named setting a second way, are refused with the name to use (a
// KSDK_CONFIG error at construction), never silently ignored. TypeScript refuses them too;
// the casts below stand in for JavaScript callers and untyped configuration.
import { describe, expect, it } from 'vitest';
import { KsdkError, KsdkProducer, RuntimeEvents, StreamApp, Subscription, SubscriptionSet, type ProducerOptions, type RuntimeEventType, type StreamAppOptions } from '@ksdk/runtime';
import { bindSubscription, type SubscriptionSpec } from '@ksdk/runtime/codegen';
import { InMemoryKafka } from '@ksdk/runtime/testing';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';

const refusal = (run: () => unknown): KsdkError => {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(KsdkError);
    expect((err as KsdkError).code).toBe('KSDK_CONFIG');
    return err as KsdkError;
  }
  throw new Error('not refused');
};

const factory = new InMemoryKafka({ topics: { orders: 1 } });
const spec: SubscriptionSpec<TestOrder> = { name: 'orders', topic: 'orders', groupId: 'g', messages: [descriptorOn('orders')] };
const handler = { handle: () => true };

describe('renamed and doubled settings', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['publishHooks', { publishHooks: [] }, /producer "p": "publishHooks" is not supported; use `interceptors` instead/],
    ['maxInFlightRequests', { maxInFlightRequests: 1 }, /"maxInFlightRequests" is not supported; use `maxInFlight` instead/],
    ['producer.idempotent', { producer: { idempotent: true } }, /\(producer: kafkajs settings\): "idempotent" is not supported; use the producer option `idempotent`/],
    ['producer.maxInFlightRequests', { producer: { maxInFlightRequests: 1 } }, /"maxInFlightRequests" is not supported; use the producer option `maxInFlight`/],
    ['producer.retry.retries', { producer: { retry: { retries: 3 } } }, /\(producer\.retry\): "retries" is not supported; use the producer option `retries`/],
  ])('a producer refuses %s', (_, options, message) => {
    expect(refusal(() => new KsdkProducer({ name: 'p', factory, ...options } as ProducerOptions)).message).toMatch(message);
  });

  it('a producer takes the names that replaced them (and the retry backoff in producer.retry)', async () => {
    const producer = new KsdkProducer({ name: 'p', factory, interceptors: [], maxInFlight: 1, retries: 2, idempotent: true, producer: { retry: { initialRetryTime: 50 } } });
    await producer.close();
  });

  it('a stream app refuses format (now wireFormat) and partitionsConsumedConcurrently (now concurrency)', () => {
    expect(refusal(() => new StreamApp({ applicationId: 'app', factory, format: 'plain' } as StreamAppOptions)).message).toMatch(/stream app app: "format" is not supported; use `wireFormat`/);
    expect(refusal(() => new StreamApp({ applicationId: 'app', factory, partitionsConsumedConcurrently: 2 } as StreamAppOptions)).message).toMatch(/"partitionsConsumedConcurrently" is not supported; use `concurrency`/);
    expect(new StreamApp({ applicationId: 'app', factory, wireFormat: 'plain', concurrency: 2 }).applicationId).toBe('app');
  });

  it('a subscription refuses partitionsConsumedConcurrently (now concurrency) in its spec and in an override', () => {
    const old = { ...spec, partitionsConsumedConcurrently: 2 } as SubscriptionSpec<TestOrder>;
    expect(refusal(() => new Subscription(old, handler, { factory })).message).toMatch(/subscription orders: "partitionsConsumedConcurrently" is not supported; use `concurrency`/);
    const overrides = { orders: { partitionsConsumedConcurrently: 2 } } as unknown as { orders: { concurrency: number } };
    expect(refusal(() => new SubscriptionSet([bindSubscription(spec, handler)], { factory, overrides })).message).toMatch(/subscription orders \(overrides\): "partitionsConsumedConcurrently"/);
    expect(new SubscriptionSet([bindSubscription(spec, handler)], { factory, overrides: { orders: { concurrency: 2 } } }).get('orders')?.spec.concurrency).toBe(2);
  });

  it.each([
    ['consumer.dead_lettered', 'consumer.dead-lettered'],
    ['stream.late_record', 'stream.late-record'],
    ['stream.record_skipped', 'stream.record-skipped'],
    ['stream.state_restored', 'stream.state-restored'],
  ])('RuntimeEvents.on refuses %s (now %s)', (old, now) => {
    const events = new RuntimeEvents();
    expect(refusal(() => events.on(old as RuntimeEventType, () => undefined)).message).toBe(`RuntimeEvents.on: there is no "${old}" event; it is called "${now}"`);
    const off = events.on(now as RuntimeEventType, () => undefined);
    expect(events.has(now as RuntimeEventType)).toBe(true);
    off();
  });
});
