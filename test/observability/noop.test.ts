// Without an OpenTelemetry SDK, tracing and metrics must cost nothing visible: no
// headers written, handlers run, nothing throws. This file registers no SDK (vitest
// runs each file in its own process, so no other file's registration leaks in).
import { propagation, trace } from '@opentelemetry/api';
import { logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { KsdkProducer, RuntimeEvents, Subscription } from '@ksdk/runtime';
import { attachMetrics, createTracing } from '@ksdk/runtime/otel';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';
import { brokers, createTopic, readAll, uniqueTopic, waitFor } from '../helpers/kafka.js';

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
});

describe('without an OpenTelemetry SDK', () => {
  it('publishes and consumes with tracing and metrics attached, writing no trace headers', async () => {
    const topic = await createTopic(uniqueTopic('noop'), 1);
    const events = new RuntimeEvents((error) => {
      throw error; // any listener failure fails the test
    });
    const tracing = createTracing({ events });
    const detachMetrics = attachMetrics(events);
    const producer = new KsdkProducer({ brokers: brokers(), events, interceptors: [tracing.publishInterceptor], kafka: { logLevel: logLevel.NOTHING } });
    closers.push(() => producer.close());
    const handled: Array<{ orderId: string; attempt: number; activeSpan: boolean }> = [];
    const sub = new Subscription<TestOrder>(
      { name: 'noop', topic, groupId: `${topic}-g`, messages: [descriptorOn(topic)], retry: { mode: 'in-process', maxAttempts: 2, initialBackoffMs: 20 } },
      {
        handle: (m, ctx) => {
          handled.push({ orderId: m.orderId, attempt: ctx.attempt, activeSpan: trace.getActiveSpan()?.isRecording() ?? false });
          return ctx.attempt === 2;
        },
      },
      { brokers: brokers(), heartbeatIntervalMs: 500, maxWaitTimeMs: 100, events, interceptors: [tracing.processInterceptor] },
    );
    closers.push(() => sub.stop());
    await sub.start();

    await producer.publish(descriptorOn(topic), { orderId: 'plain', amount: 1 });
    await waitFor(() => handled.length === 2, { timeoutMs: 20_000, message: 'two attempts' });

    expect(handled).toEqual([
      { orderId: 'plain', attempt: 1, activeSpan: false },
      { orderId: 'plain', attempt: 2, activeSpan: false },
    ]);
    const [record] = await readAll(topic, { expected: 1 });
    expect(Object.keys(record!.headers).sort()).toEqual(['content-type']);
    expect(propagation.fields()).toEqual([]);
    detachMetrics();
    tracing.close();
    expect(events.has('consumer.failed')).toBe(false);
  });
});
