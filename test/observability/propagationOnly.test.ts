// Propagation without a tracing SDK (a W3C propagator and a context manager, no tracer
// provider): every span is a no-op, but the trace context a record arrives with must still
// be the handler's active context and travel on with the records it publishes. The consumer
// takes a shortcut for spans that record nothing (no second context, no span-event
// bookkeeping); this is what that shortcut must keep. Registers no SDK (vitest runs each
// file in its own process).
import { context, propagation, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KsdkProducer, RuntimeEvents, Subscription } from '@ksdk/runtime';
import { createTracing } from '@ksdk/runtime/otel';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';
import { brokers, createTopic, readAll, uniqueTopic, waitFor } from '../helpers/kafka.js';

const closers: Array<() => Promise<void>> = [];
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
});

afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  contextManager.disable();
  context.disable();
  propagation.disable();
});

describe('propagation only (no tracing SDK)', () => {
  it('makes the incoming trace context active in the handler, in sync and async handlers, and carries it to what the handler publishes', async () => {
    const source = await createTopic(uniqueTopic('prop-src'), 1);
    const sink = await createTopic(uniqueTopic('prop-sink'), 1);
    const events = new RuntimeEvents();
    const tracing = createTracing({ events });
    const producer = new KsdkProducer({ brokers: brokers(), name: 'prop', interceptors: [tracing.publishInterceptor], kafka: { logLevel: logLevel.NOTHING } });
    closers.push(() => producer.close());
    const seen: Array<{ orderId: string; traceId?: string; spanId?: string; recording?: boolean }> = [];
    const sub = new Subscription<TestOrder>(
      { name: 'prop', topic: source, groupId: `${source}-g`, messages: [descriptorOn(source)] },
      {
        handle: (m) => {
          const active = trace.getActiveSpan();
          seen.push({ orderId: m.orderId, traceId: active?.spanContext().traceId, spanId: active?.spanContext().spanId, recording: active?.isRecording() });
          if (m.orderId === 'sync') return true;
          // Asynchronous: the publish runs after an await, still in the record's context.
          return Promise.resolve().then(async () => {
            await producer.publish(descriptorOn(sink), { orderId: `from-${m.orderId}`, amount: 1 });
            return true;
          });
        },
      },
      { brokers: brokers(), heartbeatIntervalMs: 500, maxWaitTimeMs: 100, events, interceptors: [tracing.processInterceptor] },
    );
    closers.push(() => sub.stop());
    await sub.start();

    // The producer's side: a remote context an upstream service would have sent.
    const upstream = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED, isRemote: true };
    await context.with(trace.setSpanContext(context.active(), upstream), async () => {
      await producer.publish(descriptorOn(source), { orderId: 'sync', amount: 1 });
      await producer.publish(descriptorOn(source), { orderId: 'async', amount: 2 });
    });
    await waitFor(() => seen.length === 2, { timeoutMs: 20_000, message: 'two records handled' });
    expect(seen).toEqual([
      { orderId: 'sync', traceId: upstream.traceId, spanId: upstream.spanId, recording: false },
      { orderId: 'async', traceId: upstream.traceId, spanId: upstream.spanId, recording: false },
    ]);
    const [republished] = await readAll(sink, { expected: 1 });
    expect(String(republished!.headers.traceparent)).toBe(`00-${upstream.traceId}-${upstream.spanId}-01`);
    tracing.close();
  });
});
