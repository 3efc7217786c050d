// The example's generated subscriptions on the in-memory transport (issue 12, items 6 and 7):
// a per-type handler map gets each record of its own type, a chain hop to the dead-letter topic
// is reported as dead-lettered (not forwarded) by the events and by `harness.outcome()`, and an
// override or handler map that names no subscription or misses a type fails at construction.
import { afterEach, describe, expect, it } from 'vitest';
import { RuntimeEvents, type MessageDeadLetteredEvent, type MessageForwardedEvent, type MessageHandler } from '@ksdk/runtime';
import { bindSubscription } from '@ksdk/runtime/codegen';
import { FailureHeader } from '@ksdk/runtime/wire';
import { createTestHarness, type TestHarness } from '@ksdk/runtime/testing';
import {
  createSubscriptions,
  messages,
  subscriptionSpecs,
  type ShipmentDispatched,
  type SubscriptionHandlers,
} from '../../generated-example/src/generated/index.js';
import { handlers as exampleHandlers } from '../../generated-example/src/handlers.js';
import { sampleOrders } from '../../generated-example/src/samples.js';

const harnesses: TestHarness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.stop();
});

function harness(handlers: SubscriptionHandlers, events = new RuntimeEvents()): TestHarness {
  const h = createTestHarness({ subscriptions: (options) => createSubscriptions(options, handlers), consumer: { events } });
  harnesses.push(h);
  return h;
}

const samples = sampleOrders();

describe('a handler map with one function per message type', () => {
  it('calls the function of each record\'s type with that message', async () => {
    const seen: string[] = [];
    const h = harness({
      ...exampleHandlers,
      orderHistory: {
        OrderPlaced: (order, context) => (seen.push(`placed ${order.orderId} with ${order.lines.length} line(s) as ${context.messageType}`), true),
        OrderCancelled: (cancellation, context) => (seen.push(`cancelled ${cancellation.orderId}: ${cancellation.reason} as ${context.messageType}`), true),
      },
    });
    const placed = samples.placed[0]!;
    const cancelled = samples.cancelled[0]!;
    const a = await h.publish(messages.OrderPlaced, placed);
    const b = await h.publish(messages.OrderCancelled, cancelled);
    expect(await h.outcome(a.messageId, { subscription: 'orderHistory' })).toMatchObject({ status: 'handled' });
    expect(await h.outcome(b.messageId, { subscription: 'orderHistory' })).toMatchObject({ status: 'handled' });
    expect(seen.sort()).toEqual(
      [`cancelled ${cancelled.orderId}: ${cancelled.reason} as OrderCancelled`, `placed ${placed.orderId} with ${placed.lines.length} line(s) as OrderPlaced`].sort(),
    );
  });

  it('a map missing a message type is refused when the subscription is bound (code without the compiler\'s check)', () => {
    const incomplete = { OrderPlaced: () => true } as unknown as SubscriptionHandlers['orderHistory'];
    expect(() => bindSubscription(subscriptionSpecs.orderHistory, incomplete)).toThrow(/subscription orderHistory has no function for OrderCancelled/);
  });
});

describe('overrides', () => {
  it('an override naming no subscription is refused, naming it and the subscriptions there are', () => {
    const options = { overrides: { shipmentNotifierRetyr: { processingDelayMs: 0 } } } as unknown as Parameters<typeof createSubscriptions>[0];
    expect(() => createSubscriptions(options, exampleHandlers)).toThrow(
      /overrides name no subscription: "shipmentNotifierRetyr"; the subscriptions are "orderHistory", "paymentProcessor", "shipmentNotifier", "shipmentNotifierRetry"/,
    );
  });
});

describe('a retry chain whose last hop is the dead-letter topic', () => {
  it('is dead-lettered in the last subscription: the outcome, the events and the dead-letter topic agree', async () => {
    const events = new RuntimeEvents();
    const forwarded: MessageForwardedEvent[] = [];
    const deadLettered: MessageDeadLetteredEvent[] = [];
    events.on('consumer.forwarded', (e) => forwarded.push(e));
    events.on('consumer.dead-lettered', (e) => deadLettered.push(e));
    const failing: MessageHandler<ShipmentDispatched> = { handle: () => false };
    const h = harness({ ...exampleHandlers, shipmentNotifier: failing, shipmentNotifierRetry: failing }, events);

    const { messageId } = await h.publish(messages.ShipmentDispatched, samples.shipments[0]!);
    const outcome = await h.outcome(messageId);
    expect(outcome).toMatchObject({ status: 'dead-lettered', subscription: 'shipmentNotifierRetry', deadLetterTopic: 'shipment-events.dlt', reason: 'exhausted', attempts: 2 });

    expect(forwarded.map((e) => [e.subscription, e.nextTopic])).toEqual([['shipmentNotifier', 'shipment-events.retry-1']]);
    expect(deadLettered.map((e) => [e.subscription, e.topic, e.deadLetterTopic])).toEqual([['shipmentNotifierRetry', 'shipment-events.retry-1', 'shipment-events.dlt']]);
    const dlt = h.kafka.records('shipment-events.dlt');
    expect(dlt).toHaveLength(1);
    // The failure headers name where the record started and how often it failed (once per hop).
    expect(String(dlt[0]!.headers[FailureHeader.originalTopic])).toBe('shipment-events');
    expect(String(dlt[0]!.headers[FailureHeader.attempts])).toBe('2');
    expect(String(dlt[0]!.headers[FailureHeader.reason])).toBe('exhausted');
  });
});
