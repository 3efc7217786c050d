// A retry chain whose last hop is the dead-letter topic (issue 12, item 6), on the real broker,
// with the example's generated subscriptions: shipmentNotifier forwards a failed shipment to
// shipment-events.retry-1, and shipmentNotifierRetry's `nextTopic: shipment-events.dlt` is a
// dead-letter. The DLT holds the record, and the events, a monitor, the dead-lettered metric
// and the logging monitor all say dead-lettered — not forwarded — for that hop.
import { randomUUID } from 'node:crypto';
import { metrics } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterAll, describe, expect, it } from 'vitest';
import { attachMonitors, DefaultClientFactory, ensureTopics, LoggingMonitor, RuntimeEvents, SubscriptionSet, type ConsumerEventBase, type ConsumerMonitor, type MessageHandler } from '@ksdk/runtime';
import { bindSubscription } from '@ksdk/runtime/codegen';
import { attachMetrics, ReferenceMetric } from '@ksdk/runtime/otel';
import { FailureHeader } from '@ksdk/runtime/wire';
import { FulfilmentProducer, subscriptionSpecs, topics, type ShipmentDispatched } from '../../generated-example/src/generated/index.js';
import { sampleOrders } from '../../generated-example/src/samples.js';
import { collect, CollectingReader } from '../observability/support/collectMetrics.js';
import { brokers, readAll, waitFor } from '../helpers/kafka.js';

const reader = new CollectingReader();
const provider = new MeterProvider({ readers: [reader] });
metrics.setGlobalMeterProvider(provider);

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await provider.shutdown();
});

describe('a retry chain ending in the dead-letter topic, on the broker', () => {
  it('the last hop is dead-lettered: the DLT holds the record; events, monitor, metric and log agree', async () => {
    const factory = new DefaultClientFactory({ brokers: brokers(), kafka: { logLevel: 0 } });
    await ensureTopics(factory, [topics['shipment-events'], topics['shipment-events.retry-1'], topics['shipment-events.dlt']]);

    const events = new RuntimeEvents();
    const detachMetrics = attachMetrics(events);
    const shipmentId = randomUUID();
    const ours = (e: ConsumerEventBase) => (e.message as ShipmentDispatched | undefined)?.shipmentId === shipmentId;
    const calls: string[] = [];
    const monitor: ConsumerMonitor = {
      onMessageForwarded: (e) => void (ours(e) && calls.push(`forwarded by ${e.subscription} to ${e.nextTopic}`)),
      onMessageDeadLettered: (e) => void (ours(e) && calls.push(`dead-lettered by ${e.subscription} to ${e.deadLetterTopic} (${e.reason}, ${e.totalAttempts} attempts)`)),
      onMessageFailed: (e) => void (ours(e) && calls.push(`failed in ${e.subscription}, will retry: ${e.willRetry}`)),
    };
    const lines: string[] = [];
    const logger = { info: () => undefined, warn: (text: string) => lines.push(`warn ${text}`), error: (text: string) => lines.push(`error ${text}`) };
    const detachMonitors = attachMonitors(events, [monitor, new LoggingMonitor(logger, { style: 'message-first' })]);
    closers.push(async () => {
      detachMonitors();
      detachMetrics();
    });

    // Other tests may write to the example's topics: fail only this test's shipment.
    const failOurs: MessageHandler<ShipmentDispatched> = { handle: (shipment) => shipment.shipmentId !== shipmentId };
    const group = `chain-dlt-${randomUUID()}`;
    const set = new SubscriptionSet(
      [bindSubscription(subscriptionSpecs.shipmentNotifier, failOurs), bindSubscription(subscriptionSpecs.shipmentNotifierRetry, failOurs)],
      {
        factory,
        events,
        heartbeatIntervalMs: 500,
        overrides: { shipmentNotifier: { groupId: `${group}-1` }, shipmentNotifierRetry: { groupId: `${group}-2`, processingDelayMs: 200 } },
      },
    );
    closers.push(() => set.stop());
    await set.start();

    const producer = new FulfilmentProducer({ brokers: brokers(), kafka: { logLevel: 0 } });
    closers.push(() => producer.close());
    const { messageId } = await producer.publishShipmentDispatched({ ...sampleOrders().shipments[0]!, shipmentId });

    const dead = await waitFor(
      async () => (await readAll('shipment-events.dlt')).find((r) => JSON.parse(String(r.value)).id === messageId),
      { timeoutMs: 45_000, message: `shipment ${shipmentId} in shipment-events.dlt` },
    );
    expect(String(dead.headers[FailureHeader.originalTopic])).toBe('shipment-events');
    expect(String(dead.headers[FailureHeader.reason])).toBe('exhausted');
    expect(String(dead.headers[FailureHeader.attempts])).toBe('2');
    expect(String(dead.headers[FailureHeader.consumerGroup])).toBe(`${group}-2`);

    await waitFor(() => calls.some((c) => c.startsWith('dead-lettered')), { message: 'the dead-lettered event' });
    expect(calls).toEqual([
      'failed in shipmentNotifier, will retry: true',
      'forwarded by shipmentNotifier to shipment-events.retry-1',
      'failed in shipmentNotifierRetry, will retry: false',
      'dead-lettered by shipmentNotifierRetry to shipment-events.dlt (exhausted, 2 attempts)',
    ]);
    const logged = lines.filter((l) => l.includes(messageId));
    expect(logged.filter((l) => l.startsWith('error ksdk: dead-lettered') && l.includes('to shipment-events.dlt'))).toHaveLength(1);
    expect(logged.filter((l) => l.includes('forwarded'))).toHaveLength(1);

    const snapshot = await collect(reader);
    const deadLettered = snapshot.sums(ReferenceMetric.deadLettered).filter((p) => p.attributes.topic === 'shipment-events.retry-1');
    expect(deadLettered.map((p) => [p.attributes.dead_letter_topic, p.attributes.reason, p.value])).toEqual([['shipment-events.dlt', 'exhausted', 1]]);
  });
});
