/**
 * Compile-time tests of the generated example client (type-checked by
 * compile.test.ts with `tsc --strict`): what must compile compiles, and every
 * `@ts-expect-error` marks code that must NOT compile. An unused
 * `@ts-expect-error` is itself an error, so each one proves a type check.
 */
import { byProperty, murmur3, StreamApp, type KStream, type MessageContext } from '@ksdk/runtime';
import {
  createSubscriptions,
  messages,
  OrderProducer,
  topics,
  type OrderCancelled,
  type OrderHistoryHandler,
  type OrderPlaced,
  type PaymentProcessorHandler,
  type PaymentReceived,
  type ShipmentDispatched,
  type ShipmentNotifierHandler,
  type SubscriptionHandlers,
  type TopicMessages,
} from '../../../generated-example/src/generated/index.js';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T | undefined => undefined;

// Handlers: the right message type compiles, as an object or as a class.
export const payments: PaymentProcessorHandler = { handle: (message) => message.amount.amount > 0 };
export class Notifier implements ShipmentNotifierHandler {
  handle(message: ShipmentDispatched, context: MessageContext): boolean {
    return message.parcels.length > 0 && context.attempt >= 1;
  }
}
export const history: OrderHistoryHandler = {
  handle(message) {
    // The union narrows on a property only one member has.
    return 'lines' in message ? message.lines.length > 0 : message.reason !== 'fraud-suspected';
  },
};

// A subscription with several message types: one function per type, each narrowed to its type.
export const historyByType: OrderHistoryHandler = {
  OrderPlaced(order) {
    assertType<Equals<typeof order, OrderPlaced>>();
    return order.lines.length > 0;
  },
  OrderCancelled(cancellation, context) {
    assertType<Equals<typeof cancellation, OrderCancelled>>();
    return cancellation.reason !== 'fraud-suspected' && context.messageType === 'OrderCancelled';
  },
};
export const wrongAccess: OrderHistoryHandler = {
  OrderPlaced: (order) => order.lines.length > 0,
  // @ts-expect-error a cancellation has no lines: each function sees only its own message type
  OrderCancelled: (cancellation) => cancellation.lines.length > 0,
};
// @ts-expect-error a message type left out of the map does not compile
export const incomplete: OrderHistoryHandler = { OrderPlaced: () => true };

// @ts-expect-error a handler for ShipmentDispatched is not a PaymentProcessorHandler
export const wrongMessage: PaymentProcessorHandler = { handle: (message: ShipmentDispatched) => message.carrier === 'dhl' };

export const onlyPlaced: OrderHistoryHandler = {
  // @ts-expect-error a handler of the multi-message subscription must accept every message of it
  handle: (message: OrderPlaced) => message.lines.length > 0,
};

export class WrongClass implements PaymentProcessorHandler {
  // @ts-expect-error a class handling OrderCancelled does not implement PaymentProcessorHandler
  handle(message: OrderCancelled): boolean {
    return message.reason === 'out-of-stock';
  }
}

const handlers: SubscriptionHandlers = {
  orderHistory: history,
  paymentProcessor: payments,
  shipmentNotifier: new Notifier(),
  shipmentNotifierRetry: new Notifier(),
};
export const subscriptions = createSubscriptions({ brokers: ['127.0.0.1:9092'] }, handlers);

export const byType = createSubscriptions({}, { ...handlers, orderHistory: historyByType });

// Overrides are keyed by subscription name.
export const tuned = createSubscriptions({ overrides: { shipmentNotifierRetry: { processingDelayMs: 1000 } } }, handlers);
// @ts-expect-error a misspelt subscription name in overrides does not compile
export const typo = createSubscriptions({ overrides: { shipmentNotifierRetyr: { processingDelayMs: 1000 } } }, handlers);

// @ts-expect-error every subscription needs its handler
export const missing = createSubscriptions({}, { orderHistory: history, paymentProcessor: payments, shipmentNotifier: new Notifier() });

// @ts-expect-error the handler of one subscription cannot serve another
export const swapped = createSubscriptions({}, { ...handlers, paymentProcessor: new Notifier() });

// Partition keys: property strategies take only properties of the message.
export const byCustomer = byProperty<OrderPlaced>('customerId');
export const hashed = murmur3<PaymentReceived>('orderId');
// @ts-expect-error a misspelt partition-key property does not compile
export const misspelt = byProperty<OrderPlaced>('customerID');
// @ts-expect-error neither does one of another message
export const otherMessage = murmur3<PaymentReceived>('carrier');

// Producers expose exactly their messages, typed.
const producer = new OrderProducer({ brokers: ['127.0.0.1:9092'] });
export async function publish(): Promise<void> {
  await producer.publishOrderCancelled({ orderId: '6b0f3c0e-0000-4000-8000-000000000001', reason: 'customer-request', cancelledAt: new Date().toISOString() });
  // @ts-expect-error OrderProducer does not publish PaymentReceived
  await producer.publishPaymentReceived({});
  // @ts-expect-error a required body field is missing
  await producer.publishOrderCancelled({ orderId: 'x', cancelledAt: 'y' });
  // @ts-expect-error an enum value outside the schema's
  await producer.publishOrderCancelled({ orderId: 'x', reason: 'bored', cancelledAt: 'y' });
  // @ts-expect-error a field the schema does not have
  await producer.publishOrderCancelled({ orderId: 'x', reason: 'out-of-stock', cancelledAt: 'y', extra: 1 });
}

// The registry carries the message types.
assertType<Equals<TopicMessages['order-events'], OrderPlaced | OrderCancelled>>();
assertType<Equals<TopicMessages['payment-events'], PaymentReceived>>();
export const orderTopic: 'order-events' = topics['order-events'].name;
// Retry and dead-letter topics are in the registry too, with their declared settings.
assertType<Equals<TopicMessages['shipment-events.dlt'], ShipmentDispatched>>();
assertType<Equals<TopicMessages['shipment-events.retry-1'], ShipmentDispatched>>();
export const dltPartitions: number | undefined = topics['order-events.dlt'].partitions;
export const dltConfig: Readonly<Record<string, string>> | undefined = topics['order-events.dlt'].config;
export const placedType: string = messages.OrderPlaced.type;
// @ts-expect-error an unknown topic is not in the registry
export const noTopic = topics['no-such-topic'];

// Streams read and write the generated topics, typed by the registry.
const app = new StreamApp({ applicationId: 'typed-api' });
const orderStream = app.stream(topics['order-events']);
assertType<Equals<typeof orderStream, KStream<OrderPlaced | OrderCancelled>>>();
orderStream.to(topics['order-events']);
// @ts-expect-error order messages are not payments
orderStream.to(topics['payment-events']);
