// order-stats.ts: a stream app on the example's generated client.
//   npm run kafka start                                   # a local broker
//   cd generated-example && node --import tsx src/order-stats.ts
import { DefaultClientFactory, RuntimeEvents, StreamApp, Worker, ensureTopics, hopping, session, tumbling } from '@ksdk/runtime';
import { randomUUID } from 'node:crypto';
import { OrderProducer, topics, type OrderCancelled, type OrderPlaced } from './generated/index.js';
import { sampleOrders } from './samples.js';

const brokers = (process.env.KSDK_BROKERS ?? '127.0.0.1:9092').split(',');
const factory = new DefaultClientFactory({ brokers, clientId: 'order-stats' });
// A stream app creates only its internal topics; the topics it reads and writes must exist.
await ensureTopics(factory, [
  { name: 'order-events', partitions: 3 },
  { name: 'shipment-events', partitions: 3 },
  { name: 'orders-per-customer' },
  { name: 'spend-per-customer' },
  { name: 'customer-sessions' },
]);

const events = new RuntimeEvents();
events.on('stream.late-record', (e) => console.warn(`late for ${e.aggregation}: ${e.key} at ${new Date(e.timestamp).toISOString()}`));

const app = new StreamApp({ applicationId: 'order-stats', brokers, guarantee: 'exactly-once', events });
const orders = app.stream(topics['order-events']); // KStream<OrderCancelled | OrderPlaced>

// branch: one stream per predicate, first match wins; a type guard narrows its branch.
const [placed, cancelled] = orders.branch(
  (m): m is OrderPlaced => 'customerId' in m,
  (m): m is OrderCancelled => 'reason' in m,
);
cancelled.peek((c) => console.log(`cancelled ${c.orderId}: ${c.reason}`));

// filter, map and a typed to(): this compiles only because the map produces a ShipmentDispatched.
placed
  .filter((o) => o.channel !== 'store')
  .map((o, ctx) => ({
    shipmentId: randomUUID(),
    orderId: o.orderId,
    carrier: 'dhl' as const,
    trackingNumber: `JD${ctx.partition}-${ctx.offset}`,
    dispatchedAt: new Date(ctx.timestamp).toISOString(),
    address: o.shippingAddress,
    parcels: o.lines.map((line, i) => ({ parcelId: `${o.orderId}-${i}`, weightGrams: 250 * line.quantity })),
  }))
  .to(topics['shipment-events']);

// Windowed aggregations by customer: repartitioned by customerId, state in changelog topics.
const byCustomer = placed.groupBy((o) => o.customerId, { name: 'by-customer' });
const perMinute = byCustomer.windowedBy(tumbling(60_000).grace(10_000)).count({ name: 'orders-per-minute' });
perMinute.to('orders-per-customer'); // JSON {key, windowStart, windowEnd, value}
perMinute.toStream().peek((r) => console.log(`${r.key}: ${r.value} order(s) in the minute from ${new Date(r.windowStart).toISOString()}`));
byCustomer
  .windowedBy(hopping(5 * 60_000, 60_000).grace(10_000))
  .aggregate(() => 0, (spent, o) => spent + o.total.amount, { name: 'spend-5m' })
  .to('spend-per-customer');
byCustomer.windowedBy(session(30 * 60_000)).count({ name: 'visits', emit: 'final' }).to('customer-sessions');

const worker = new Worker([app], { shutdownTimeoutMs: 10_000 }); // stops gracefully on SIGTERM/SIGINT
await worker.start();

const producer = new OrderProducer({ factory });
for (const order of sampleOrders().placed) await producer.publishOrderPlaced(order);
for (const order of sampleOrders().cancelled) await producer.publishOrderCancelled(order);
await producer.close();
setTimeout(() => void worker.stop(), Number(process.env.RUN_MS ?? 8000));
