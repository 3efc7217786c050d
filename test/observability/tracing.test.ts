// Issue 4 evidence: with an in-memory span exporter, publish → consume → publish →
// consume across two topics is one trace with the right parents, kinds and semconv
// attributes; a retried and dead-lettered record shows its span events; forwarding and
// dead-lettering carry the trace on; link mode links instead of parenting.
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentMessageContext, KsdkProducer, RuntimeEvents, Subscription, type MessageHandler, type PublishResult } from '@ksdk/runtime';
import { createTracing, type KsdkTracing } from '@ksdk/runtime/otel';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';
import { brokers, createTopic, readAll, uniqueTopic, waitFor } from '../helpers/kafka.js';
import { eventNames, parentId, registerTracingSdk, traceparentOf, type TracingSdk } from './support/tracingSdk.js';

let sdk: TracingSdk;
const closers: Array<() => Promise<void>> = [];

beforeAll(() => {
  sdk = registerTracingSdk();
});

afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await sdk.shutdown();
});

function tracedProducer(tracing: KsdkTracing, name: string): KsdkProducer {
  const producer = new KsdkProducer({ brokers: brokers(), name, interceptors: [tracing.publishInterceptor], kafka: { logLevel: logLevel.NOTHING } });
  closers.push(() => producer.close());
  return producer;
}

async function subscribe(
  spec: ConstructorParameters<typeof Subscription<TestOrder>>[0],
  handler: MessageHandler<TestOrder>,
  tracing: KsdkTracing,
  events: RuntimeEvents,
): Promise<void> {
  const sub = new Subscription<TestOrder>(spec, handler, {
    brokers: brokers(),
    heartbeatIntervalMs: 500,
    maxWaitTimeMs: 100,
    events,
    interceptors: [tracing.processInterceptor],
  });
  closers.push(() => sub.stop());
  await sub.start();
}

const spansOf = (traceId: string) => sdk.exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
const named = (spans: ReadableSpan[], name: string) => spans.filter((s) => s.name === name);
const one = (spans: ReadableSpan[], name: string) => {
  const found = named(spans, name);
  if (found.length !== 1) throw new Error(`expected one "${name}" span, got ${found.length}: ${spans.map((s) => s.name).join(', ')}`);
  return found[0]!;
};

describe('tracing on a real broker', () => {
  it('makes publish → consume → publish → consume across two topics one trace', async () => {
    const a = await createTopic(uniqueTopic('trace-a'), 2);
    const b = await createTopic(uniqueTopic('trace-b'), 1);
    const events = new RuntimeEvents();
    const tracing = createTracing({ events });
    const producer = tracedProducer(tracing, 'chain');
    const seenInB: Array<{ traceparent: string | undefined; activeSpanId: string | undefined; orderId: string }> = [];
    let forwardResult: PublishResult | undefined;

    await subscribe({ name: 'a', topic: a, groupId: `${a}-g`, messages: [descriptorOn(a)] }, {
      handle: async (m) => {
        forwardResult = await producer.publish(descriptorOn(b), { orderId: `${m.orderId}-next`, amount: m.amount + 1 });
        return true;
      },
    }, tracing, events);
    await subscribe({ name: 'b', topic: b, groupId: `${b}-g`, messages: [descriptorOn(b)] }, {
      handle: async (m) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        seenInB.push({ traceparent: currentMessageContext()?.headers.traceparent, activeSpanId: trace.getActiveSpan()?.spanContext().spanId, orderId: m.orderId });
        return true;
      },
    }, tracing, events);

    const tracer = trace.getTracer('test');
    const { root, first } = await tracer.startActiveSpan('checkout', async (span) => {
      const result = await producer.publish(descriptorOn(a), { orderId: 'o-1', amount: 1, id: 'msg-o-1' });
      span.end();
      return { root: span, first: result };
    });
    const traceId = root.spanContext().traceId;
    await waitFor(() => named(spansOf(traceId), `process ${b}`).length === 1, { timeoutMs: 30_000, message: 'the second consumer span' });

    const spans = spansOf(traceId);
    expect(spans.map((s) => s.name).sort()).toEqual(['checkout', `process ${a}`, `process ${b}`, `send ${a}`, `send ${b}`].sort());
    const sendA = one(spans, `send ${a}`);
    const processA = one(spans, `process ${a}`);
    const sendB = one(spans, `send ${b}`);
    const processB = one(spans, `process ${b}`);

    // Parent chain: checkout → send a → process a → send b → process b.
    expect(parentId(sendA)).toBe(root.spanContext().spanId);
    expect(parentId(processA)).toBe(sendA.spanContext().spanId);
    expect(parentId(sendB)).toBe(processA.spanContext().spanId);
    expect(parentId(processB)).toBe(sendB.spanContext().spanId);
    expect([sendA, sendB].map((s) => s.kind)).toEqual([SpanKind.PRODUCER, SpanKind.PRODUCER]);
    expect([processA, processB].map((s) => s.kind)).toEqual([SpanKind.CONSUMER, SpanKind.CONSUMER]);
    for (const s of [sendA, processA, sendB, processB]) expect(s.status.code).toBe(SpanStatusCode.UNSET);

    expect(sendA.attributes).toEqual({
      'messaging.system': 'kafka',
      'messaging.operation.type': 'send',
      'messaging.operation.name': 'send',
      'messaging.destination.name': a,
      'messaging.destination.partition.id': String(first.partition),
      'messaging.kafka.offset': Number(first.offset),
      'messaging.kafka.message.key': 'msg-o-1',
      'messaging.message.id': 'msg-o-1',
      'ksdk.producer': 'chain',
      'ksdk.message.type': 'TestOrder',
    });
    expect(processA.attributes).toEqual({
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.operation.name': 'process',
      'messaging.destination.name': a,
      'messaging.destination.partition.id': String(first.partition),
      'messaging.consumer.group.name': `${a}-g`,
      'messaging.client.id': 'a-0',
      'messaging.kafka.offset': Number(first.offset),
      'messaging.kafka.message.key': 'msg-o-1',
      'messaging.message.id': 'msg-o-1',
      'ksdk.attempt': 1,
    });
    expect(processB.attributes).toMatchObject({
      'messaging.destination.name': b,
      'messaging.destination.partition.id': String(forwardResult!.partition),
      'messaging.kafka.offset': Number(forwardResult!.offset),
      'messaging.message.id': forwardResult!.messageId,
      'messaging.consumer.group.name': `${b}-g`,
    });
    // The handler sees the W3C header of the send span, and runs inside its own consumer span.
    expect(seenInB).toEqual([{ traceparent: traceparentOf(sendB.spanContext()), activeSpanId: processB.spanContext().spanId, orderId: 'o-1-next' }]);
  });

  it('records retries as span events and keeps the trace through dead-lettering', async () => {
    const topic = await createTopic(uniqueTopic('trace-dlt'), 1);
    const dlt = await createTopic(`${topic}.dlt`, 1);
    const events = new RuntimeEvents();
    const tracing = createTracing({ events });
    const producer = tracedProducer(tracing, 'dlt');
    const dltHandled: string[] = [];
    await subscribe(
      { name: 'main', topic, groupId: `${topic}-g`, messages: [descriptorOn(topic)], deadLetterTopic: dlt, retry: { mode: 'in-process', maxAttempts: 2, initialBackoffMs: 50 } },
      {
        handle: () => {
          throw new RangeError('amount out of range');
        },
      },
      tracing,
      events,
    );
    await subscribe({ name: 'dead', topic: dlt, groupId: `${dlt}-g`, messages: [descriptorOn(dlt)] }, { handle: (m) => (dltHandled.push(m.orderId), true) }, tracing, events);

    const sent = await producer.publish(descriptorOn(topic), { orderId: 'doomed', amount: 1 });
    await waitFor(() => dltHandled.includes('doomed'), { timeoutMs: 30_000, message: 'the DLT consumer' });
    const send = await waitFor(() => named(sdk.exporter.getFinishedSpans(), `send ${topic}`)[0], { message: 'send span' });
    const traceId = send.spanContext().traceId;
    await waitFor(() => named(spansOf(traceId), `process ${dlt}`).length === 1, { message: 'DLT consumer span' });
    const spans = spansOf(traceId);

    const attempts = named(spans, `process ${topic}`).sort((x, y) => Number(x.attributes['ksdk.attempt']) - Number(y.attributes['ksdk.attempt']));
    expect(attempts.map((s) => s.attributes['ksdk.attempt'])).toEqual([1, 2]);
    for (const s of attempts) {
      // Every attempt is a child of the producer's span: one trace for the record's whole life.
      expect(parentId(s)).toBe(send.spanContext().spanId);
      expect(s.status).toEqual({ code: SpanStatusCode.ERROR, message: 'amount out of range' });
      expect(s.attributes['error.type']).toBe('RangeError');
      expect(s.attributes['messaging.kafka.offset']).toBe(Number(sent.offset));
    }
    const [first, second] = attempts as [ReadableSpan, ReadableSpan];
    expect(eventNames(first)).toEqual(['exception']);
    expect(first.events[0]!.attributes).toMatchObject({ 'exception.type': 'RangeError', 'exception.message': 'amount out of range', 'ksdk.attempt': 1, 'ksdk.will_retry': true });
    expect(eventNames(second)).toEqual(['ksdk.retry', 'exception', 'ksdk.dead_lettered']);
    expect(second.events[0]!.attributes).toEqual({ 'ksdk.attempt': 2 });
    expect(second.events[1]!.attributes).toMatchObject({ 'ksdk.attempt': 2, 'ksdk.will_retry': false });
    expect(second.events[2]!.attributes).toEqual({ 'ksdk.dead_letter.topic': dlt, 'ksdk.dead_letter.reason': 'exhausted', 'ksdk.total_attempts': 2 });

    // The DLT copy keeps the original traceparent, so its consumer continues the same trace.
    const [copy] = await readAll(dlt, { expected: 1 });
    expect(copy!.headers.traceparent?.toString()).toBe(traceparentOf(send.spanContext()));
    const dead = one(spans, `process ${dlt}`);
    expect(parentId(dead)).toBe(send.spanContext().spanId);
  });

  it('records forwarding to a retry topic, and the retry hop continues the trace', async () => {
    const topic = await createTopic(uniqueTopic('trace-chain'), 1);
    const retry = await createTopic(`${topic}.retry-1`, 1);
    const dlt = await createTopic(`${topic}.dlt`, 1);
    const events = new RuntimeEvents();
    const tracing = createTracing({ events });
    const producer = tracedProducer(tracing, 'chain-retry');
    const retried: number[] = [];
    await subscribe({ name: 'main', topic, groupId: `${topic}-g`, messages: [descriptorOn(topic)], retry: { mode: 'topic-chain', nextTopic: retry }, deadLetterTopic: dlt }, { handle: () => false }, tracing, events);
    await subscribe(
      { name: 'retry', topic: retry, groupId: `${retry}-g`, messages: [descriptorOn(retry)], retry: { mode: 'topic-chain', nextTopic: dlt }, deadLetterTopic: dlt },
      { handle: (_m, ctx) => (retried.push(ctx.attempt), true) },
      tracing,
      events,
    );
    await producer.publish(descriptorOn(topic), { orderId: 'second-chance', amount: 1 });
    await waitFor(() => retried.length === 1, { timeoutMs: 30_000, message: 'the retry hop' });
    const send = await waitFor(() => named(sdk.exporter.getFinishedSpans(), `send ${topic}`)[0], { message: 'send span' });
    const spans = await waitFor(() => {
      const found = spansOf(send.spanContext().traceId);
      return named(found, `process ${retry}`).length === 1 ? found : undefined;
    }, { message: 'retry hop span' });

    const main = one(spans, `process ${topic}`);
    expect(eventNames(main)).toEqual(['exception', 'ksdk.forwarded']);
    expect(main.events[0]!.attributes).toMatchObject({ 'ksdk.will_retry': true, 'exception.type': 'KsdkError' });
    expect(main.events[1]!.attributes).toEqual({ 'ksdk.next_topic': retry, 'ksdk.attempt': 1 });
    const hop = one(spans, `process ${retry}`);
    expect(parentId(hop)).toBe(send.spanContext().spanId);
    expect(hop.attributes['ksdk.attempt']).toBe(2);
    expect(eventNames(hop)).toEqual(['ksdk.retry']);
    expect(hop.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('links instead of parenting in link mode', async () => {
    const topic = await createTopic(uniqueTopic('trace-link'), 1);
    const events = new RuntimeEvents();
    const tracing = createTracing({ events, consumerSpans: 'link' });
    const producer = tracedProducer(tracing, 'link');
    let handled = false;
    await subscribe({ name: 'link', topic, groupId: `${topic}-g`, messages: [descriptorOn(topic)] }, { handle: () => (handled = true) }, tracing, events);
    await producer.publish(descriptorOn(topic), { orderId: 'linked', amount: 1 });
    await waitFor(() => handled, { timeoutMs: 30_000, message: 'handled' });
    const process = await waitFor(() => named(sdk.exporter.getFinishedSpans(), `process ${topic}`)[0], { message: 'process span' });
    const send = one(sdk.exporter.getFinishedSpans(), `send ${topic}`);
    expect(process.spanContext().traceId).not.toBe(send.spanContext().traceId);
    expect(process.parentSpanContext).toBeUndefined();
    expect(process.links.map((l) => l.context.spanId)).toEqual([send.spanContext().spanId]);
    expect(process.links[0]!.context.traceId).toBe(send.spanContext().traceId);
  });

  it('gives every concurrently processed partition its own span and context, also after awaits', async () => {
    const topic = await createTopic(uniqueTopic('trace-concurrent'), 3);
    const events = new RuntimeEvents();
    const tracing = createTracing({ events });
    const producer = tracedProducer(tracing, 'concurrent');
    const mismatches: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const done: string[] = [];
    await subscribe(
      { name: 'concurrent', topic, groupId: `${topic}-g`, messages: [descriptorOn(topic)], concurrency: 3 },
      {
        handle: async (m, ctx) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          for (let i = 0; i < 3; i++) {
            await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(Math.random() * 10)));
            const current = currentMessageContext();
            const span = trace.getActiveSpan()?.spanContext();
            // The trace this record was published in is named by its own traceparent header.
            const expectedTrace = ctx.headers.traceparent?.split('-')[1];
            if (current !== ctx) mismatches.push(`${m.orderId}: message context changed`);
            if (span?.traceId !== expectedTrace) mismatches.push(`${m.orderId}: active span of another trace`);
          }
          inFlight--;
          done.push(m.orderId);
          return true;
        },
      },
      tracing,
      events,
    );
    const tracer = trace.getTracer('test');
    await Promise.all(
      [0, 1, 2].flatMap((partition) =>
        [0, 1, 2].map((i) =>
          tracer.startActiveSpan(`publish ${partition}-${i}`, async (span) => {
            await producer.publish(descriptorOn(topic), { orderId: `${partition}-${i}`, amount: 1 }, { key: `key-${partition}` });
            span.end();
          }),
        ),
      ),
    );
    await waitFor(() => done.length === 9, { timeoutMs: 30_000, message: 'nine records' });
    expect(mismatches).toEqual([]);
    expect(maxInFlight).toBeGreaterThan(1);
  });
});
