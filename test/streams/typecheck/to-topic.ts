// Compile-time contract of the stream API, checked by types.test.ts with `tsc --noEmit`.
// Every `@ts-expect-error` line must fail to compile; the lines marked `to-mismatch` must
// fail with the `to()` mismatch message. Nothing here runs.
import { hopping, session, StreamApp, tumbling, type KStream, type SessionResult, type WindowResult } from '@ksdk/runtime';
import { descriptorOn, type TestOrder } from '../../fixtures/orderDescriptor.js';
import { lineItemOn, shipmentOn, type LineItem, type Shipment } from '../streamFixtures.js';

// Shaped like the generator's registry: `messages` lists MessageDescriptor<T> values.
const messages = { TestOrder: descriptorOn('order-events'), Shipment: shipmentOn('shipments'), LineItem: lineItemOn('order-lines') };
export const topics = {
  'order-events': { name: 'order-events', messages: [messages.TestOrder] },
  shipments: { name: 'shipments', messages: [messages.Shipment] },
  'order-lines': { name: 'order-lines', messages: [messages.LineItem] },
  mixed: { name: 'mixed', messages: [messages.Shipment, messages.LineItem] },
};

const exactly = <T>() => <U extends T>(value: U & ([T] extends [U] ? unknown : never)) => value;

const app = new StreamApp({ applicationId: 'typecheck' });
const orders = app.stream(topics['order-events']);
exactly<KStream<TestOrder>>()(orders);

// A stream may be written to a topic of its own message type...
orders.to(topics['order-events']);
// ...or, after a map, to a topic of the mapped type, with or without id/timeStamp.
orders.map((o) => ({ orderId: o.orderId, address: 'x' })).to(topics.shipments);
orders.map((o): Shipment => ({ id: o.id, timeStamp: o.timeStamp, orderId: o.orderId, address: 'x' })).to(topics.shipments);
// A topic with several message types accepts each of them.
orders.map((o): Omit<LineItem, 'id' | 'timeStamp'> => ({ orderId: o.orderId, sku: 's', quantity: 1 })).to(topics.mixed);

// @ts-expect-error to-mismatch: orders are not shipments
orders.to(topics.shipments);
// @ts-expect-error to-mismatch: a required field (address) is missing
orders.map((o) => ({ orderId: o.orderId })).to(topics.shipments);
// @ts-expect-error to-mismatch: a field of the wrong type
orders.map((o) => ({ orderId: o.orderId, address: 42 })).to(topics.shipments);
// @ts-expect-error to-mismatch: an order is neither of the mixed topic's types
orders.to(topics.mixed);
// @ts-expect-error to-mismatch: window results are not orders
orders.groupBy((o) => o.orderId).windowedBy(tumbling(1000)).count().toStream().to(topics['order-events']);

// flatMap flattens, peek keeps the type, filter with a type guard narrows.
exactly<KStream<{ orderId: string; sku: string }>>()(orders.flatMap((o) => (o.lines ?? []).map((l) => ({ orderId: o.orderId, sku: l.sku }))));
exactly<KStream<TestOrder>>()(orders.peek(() => undefined));
exactly<KStream<TestOrder & { customerId: string }>>()(orders.filter((o): o is TestOrder & { customerId: string } => o.customerId !== undefined));

// branch returns one stream per predicate; a type guard narrows its branch.
const [vip, rest] = orders.branch((o): o is TestOrder & { customerId: 'vip' } => o.customerId === 'vip', () => true);
exactly<KStream<TestOrder & { customerId: 'vip' }>>()(vip);
exactly<KStream<TestOrder>>()(rest);
rest.to(topics['order-events']);
// @ts-expect-error to-mismatch: a branch of orders is still orders
rest.to(topics.shipments);

// groupBy keys must be JSON-stable values; an optional field must be handled first.
// @ts-expect-error customerId may be undefined
orders.groupBy((o) => o.customerId);
const byCustomer = orders.groupBy((o) => o.customerId ?? 'none');

// Results carry the key, the window bounds and the aggregate's type; merged-away sessions are null.
exactly<KStream<WindowResult<string, number>>>()(byCustomer.windowedBy(tumbling(60_000).grace(5_000)).count().toStream());
exactly<KStream<WindowResult<string, TestOrder>>>()(byCustomer.windowedBy(hopping(60_000, 10_000)).reduce((a, b) => (a.amount >= b.amount ? a : b)).toStream());
exactly<KStream<SessionResult<string, { total: number }>>>()(
  byCustomer
    .windowedBy(session(30_000))
    .aggregate(() => ({ total: 0 }), (agg, o) => ({ total: agg.total + o.amount }), (l, r) => ({ total: l.total + r.total }))
    .toStream(),
);
// @ts-expect-error session aggregates need a merger
byCustomer.windowedBy(session(30_000)).aggregate(() => 0, (n: number) => n + 1);
