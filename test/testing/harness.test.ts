import { afterEach, describe, expect, it, vi } from 'vitest';
import { SubscriptionSet, type ConsumerOptions, type MessageHandler } from '@ksdk/runtime';
import { bindSubscription, type SubscriptionSpec } from '@ksdk/runtime/codegen';
import { FailureHeader } from '@ksdk/runtime/wire';
import { createTestHarness, type TestHarness, type TestHarnessOptions } from '@ksdk/runtime/testing';
import { testOrder, type TestOrder } from '../fixtures/orderDescriptor.js';

const harnesses: TestHarness[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const h of harnesses.splice(0)) await h.stop();
});

function harness(options: TestHarnessOptions): TestHarness {
  const h = createTestHarness(options);
  harnesses.push(h);
  return h;
}

/** A subscription on `testOrder`'s topic, as a generated client would declare it. */
function spec(overrides: Partial<SubscriptionSpec<TestOrder>> = {}): SubscriptionSpec<TestOrder> {
  return {
    name: 'orders',
    topic: testOrder.topic,
    groupId: 'order-processor',
    messages: [testOrder],
    retry: { mode: 'in-process', maxAttempts: 3, initialBackoffMs: 5000 },
    deadLetterTopic: 'test-orders.dlt',
    ...overrides,
  };
}

/** Fails an order until its `attempt`, or forever for `failAlways`. */
const handler: MessageHandler<TestOrder> = {
  handle: (order, context) => {
    if (order.orderId === 'fail-always') throw new Error(`cannot process ${order.orderId}`);
    if (order.orderId.startsWith('fail-until-')) return context.attempt >= Number(order.orderId.slice('fail-until-'.length));
    return true;
  },
};

describe('createTestHarness', () => {
  it('reports a message handled at once', async () => {
    const h = harness({ subscriptions: [bindSubscription(spec(), handler)] });
    const published = await h.publish(testOrder, { orderId: 'ok', amount: 10 });
    const outcome = await h.outcome(published.messageId);
    expect(outcome).toMatchObject({ status: 'handled', attempts: 1, subscription: 'orders', topic: testOrder.topic, partition: 0, offset: '0', messageId: published.messageId });
    expect(outcome.message).toMatchObject({ orderId: 'ok', amount: 10 });
  });

  it('retries without waiting out the configured 5 s backoff, and reports the attempt that succeeded', async () => {
    const h = harness({ subscriptions: [bindSubscription(spec(), handler)] });
    const started = Date.now();
    const { messageId } = await h.publish(testOrder, { orderId: 'fail-until-3', amount: 1 });
    expect(await h.outcome(messageId)).toMatchObject({ status: 'handled', attempts: 3 });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reports a dead-lettered message with its topic, reason and error, and the DLT holds the record', async () => {
    const h = harness({ subscriptions: [bindSubscription(spec(), handler)] });
    const { messageId } = await h.publish(testOrder, { orderId: 'fail-always', amount: 1 });
    const outcome = await h.outcome(messageId);
    expect(outcome).toMatchObject({ status: 'dead-lettered', attempts: 3, deadLetterTopic: 'test-orders.dlt', reason: 'exhausted' });
    expect(outcome.error?.message).toBe('cannot process fail-always');
    const [dead] = h.kafka.records('test-orders.dlt');
    expect(dead?.headers[FailureHeader.attempts]?.toString()).toBe('3');
  });

  it('finds a poison record by the coordinates publishRecord returned', async () => {
    const h = harness({ subscriptions: [bindSubscription(spec(), handler)] });
    const ref = await h.publishRecord(testOrder.topic, { key: 'k', value: 'not json', headers: { 'content-type': 'application/cloudevents+json' } });
    const outcome = await h.outcome(ref);
    expect(outcome).toMatchObject({ status: 'dead-lettered', attempts: 1, reason: 'poison', ...ref });
    expect(outcome.messageId).toBeUndefined();
  });

  it('reports `failed` when the subscription stops on a message (no DLT, onExhausted stop), leaving it uncommitted', async () => {
    const stopped: string[] = [];
    const h = harness({
      subscriptions: [bindSubscription(spec({ deadLetterTopic: undefined, retry: { mode: 'in-process', maxAttempts: 2 } }), handler)],
      consumer: { onError: (_error, subscription) => stopped.push(subscription) },
    });
    await h.publish(testOrder, { orderId: 'ok', amount: 1 });
    const { messageId } = await h.publish(testOrder, { orderId: 'fail-always', amount: 1 });
    const outcome = await h.outcome(messageId);
    expect(outcome).toMatchObject({ status: 'failed', attempts: 2 });
    expect(outcome.error?.message).toBe('cannot process fail-always');
    expect(stopped).toEqual(['orders']);
    expect(h.kafka.committedOffsets('order-processor', testOrder.topic)).toEqual({ 0: '1' });
  });

  it('reports `skipped` for onExhausted skip', async () => {
    const h = harness({ subscriptions: [bindSubscription(spec({ deadLetterTopic: undefined, onExhausted: 'skip', retry: { mode: 'none' } }), handler)] });
    const { messageId } = await h.publish(testOrder, { orderId: 'fail-always', amount: 1 });
    expect(await h.outcome(messageId)).toMatchObject({ status: 'skipped', attempts: 1 });
  });

  it('follows a message through a retry topic (its 30 s delay skipped) to its outcome there', async () => {
    const main = spec({ retry: { mode: 'topic-chain', nextTopic: 'test-orders.retry-1' } });
    const retry = spec({ name: 'ordersRetry', topic: 'test-orders.retry-1', groupId: 'order-processor-retry', retry: { mode: 'none' }, processingDelayMs: 30_000 });
    const h = harness({ subscriptions: [bindSubscription(main, handler), bindSubscription(retry, handler)] });
    const { messageId, offset } = await h.publish(testOrder, { orderId: 'fail-until-2', amount: 1 });
    expect(await h.outcome(messageId)).toMatchObject({ status: 'handled', attempts: 2, subscription: 'ordersRetry', topic: 'test-orders.retry-1' });
    // The original coordinates find it too.
    expect(await h.outcome({ topic: testOrder.topic, partition: 0, offset })).toMatchObject({ subscription: 'ordersRetry' });
  });

  it('tells outcomes of several subscriptions of one topic apart', async () => {
    const audit = spec({ name: 'audit', groupId: 'audit', deadLetterTopic: undefined, onExhausted: 'skip', retry: { mode: 'none' } });
    const h = harness({ subscriptions: [bindSubscription(spec(), handler), bindSubscription(audit, { handle: () => false })] });
    const { messageId } = await h.publish(testOrder, { orderId: 'ok', amount: 1 });
    expect(await h.outcome(messageId, { subscription: 'orders' })).toMatchObject({ status: 'handled' });
    expect(await h.outcome(messageId, { subscription: 'audit' })).toMatchObject({ status: 'skipped' });
  });

  it('takes a generated-style createSubscriptions(options, handlers) and passes it the in-memory factory', async () => {
    let given: ConsumerOptions | undefined;
    const createSubscriptions = (options: ConsumerOptions, handlers: { orders: MessageHandler<TestOrder> }) =>
      new SubscriptionSet([bindSubscription<TestOrder>(spec(), handlers.orders)], options);
    const h = harness({
      subscriptions: (options) => {
        given = options;
        return createSubscriptions(options, { orders: handler });
      },
      partitions: 3,
    });
    const { messageId } = await h.publish(testOrder, { orderId: 'ok', amount: 1 });
    expect(await h.outcome(messageId)).toMatchObject({ status: 'handled' });
    expect(given?.factory).toBe(h.kafka);
    expect(h.kafka.partitionCount(testOrder.topic)).toBe(3);
  });

  it('says where a message got stuck when no outcome arrives in time', async () => {
    // A handler that never finishes (until the subscription stops and aborts it).
    const stuck: MessageHandler<TestOrder> = { handle: (_order, context) => new Promise<boolean>((resolve) => context.signal.addEventListener('abort', () => resolve(false))) };
    const h = harness({ subscriptions: [bindSubscription(spec(), stuck)] });
    const { messageId } = await h.publish(testOrder, { orderId: 'never', amount: 1 });
    await expect(h.outcome(messageId, { timeoutMs: 50 })).rejects.toMatchObject({ code: 'KSDK_TIMEOUT', message: expect.stringMatching(/no outcome for message .* within 50 ms/) });
    await expect(h.outcome('unknown-id', { timeoutMs: 10 })).rejects.toThrow(/is a subscription reading its topic/);
  });

  it('keeps the configured backoff with realDelays', async () => {
    const h = harness({ subscriptions: [bindSubscription(spec({ retry: { mode: 'in-process', maxAttempts: 2, initialBackoffMs: 150 } }), handler)], realDelays: true });
    const started = Date.now();
    const { messageId } = await h.publish(testOrder, { orderId: 'fail-until-2', amount: 1 });
    expect(await h.outcome(messageId)).toMatchObject({ status: 'handled', attempts: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('lets a test drive a real backoff with fake timers (the transport keeps real time)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date'] });
    let firstAttempt!: () => void;
    const failedOnce = new Promise<void>((resolve) => (firstAttempt = resolve));
    const h = harness({
      subscriptions: [
        bindSubscription(spec({ retry: { mode: 'in-process', maxAttempts: 2, initialBackoffMs: 60_000 } }), {
          handle: (_order, context) => {
            if (context.attempt === 1) firstAttempt();
            return context.attempt === 2;
          },
        }),
      ],
      realDelays: true,
    });
    const { messageId } = await h.publish(testOrder, { orderId: 'later', amount: 1 });
    await failedOnce;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await h.outcome(messageId)).toMatchObject({ status: 'handled', attempts: 2 });
  });
});
