// The example app: publishes every message type of the orders domain with the generated
// producers, consumes them with the generated subscriptions under a Worker, shows in-process
// retry, topic chaining and dead-lettering, and prints what happened.
//
//   npm run example                      # against the local broker (scripts/kafka.sh)
//   KSDK_TRANSPORT=memory npm run example # no broker: the in-memory transport
import { randomUUID } from 'node:crypto';
import { DefaultClientFactory, ensureTopics, RuntimeEvents, Worker, type ClientFactory } from '@ksdk/runtime';
import { FulfilmentProducer, OrderProducer, createSubscriptions, topics } from './generated/index.js';
import { handlers, journal } from './handlers.js';
import { sampleOrders } from './samples.js';

const brokers = (process.env.KSDK_BROKERS ?? '127.0.0.1:9092').split(',');
const transport = process.env.KSDK_TRANSPORT === 'memory' ? 'memory' : 'kafka';
const factory: ClientFactory =
  transport === 'memory'
    ? new (await import('@ksdk/runtime/testing')).InMemoryKafka()
    : // kafkajs logs routine rebalances at ERROR; the app reports outcomes itself.
      new DefaultClientFactory({ brokers, clientId: 'ksdk-example', kafka: { logLevel: 0 } });

// Every topic of the manifest, with its declared partitions and configs: created if missing,
// compared (never altered) if it exists. `npx ksdk topics apply` does the same from the manifest.
const provisioned = await ensureTopics(factory, Object.values(topics));
for (const d of provisioned.drift) console.warn(`topic drift: ${d.message}`);

// Count only this run's messages: a broker that ran the example before may redeliver older ones.
const published = new Set<string>();
const ours = (e: { message?: { id: string } }) => e.message !== undefined && published.has(e.message.id);
const events = new RuntimeEvents();
const outcomes = { processed: 0, retried: 0, forwarded: 0, deadLettered: [] as string[] };
events.on('consumer.processed', (e) => ours(e) && outcomes.processed++);
events.on('consumer.failed', (e) => ours(e) && e.willRetry && outcomes.retried++);
events.on('consumer.forwarded', (e) => ours(e) && outcomes.forwarded++);
events.on('consumer.dead-lettered', (e) => ours(e) && outcomes.deadLettered.push(`${e.topic}@${e.offset} → ${e.deadLetterTopic} (${e.reason}: ${e.error.message})`));

const subscriptions = createSubscriptions(
  { factory, events, overrides: { shipmentNotifierRetry: { processingDelayMs: 1500 } } },
  handlers,
);
const worker = new Worker([subscriptions], { signals: [] });
await worker.start();

const orders = new OrderProducer({ factory, defaults: { raisingComponent: 'example-app' } });
const fulfilment = new FulfilmentProducer({ factory, defaults: { raisingComponent: 'example-app' } });
const { placed, cancelled, payments, shipments } = sampleOrders();

// Ids chosen up front: on the in-memory transport a handler may run before publish() returns.
const mine = <T extends object>(message: T): T & { id: string } => {
  const id = randomUUID();
  published.add(id);
  return { ...message, id };
};
for (const order of placed) {
  const r = await orders.publishOrderPlaced(mine(order));
  console.log(`published OrderPlaced ${r.messageId} → ${r.topic}[${r.partition}]@${r.offset}`);
}
const batch = await orders.publishOrderCancelledBatch(cancelled.map(mine));
console.log(`published a batch of ${batch.succeeded.length} OrderCancelled (${batch.failed.length} failed)`);
for (const payment of payments) await fulfilment.publishPaymentReceived(mine(payment));
for (const shipment of shipments) await fulfilment.publishShipmentDispatched(mine(shipment));
console.log(`published ${payments.length} PaymentReceived and ${shipments.length} ShipmentDispatched`);

// Expected: every order message handled; one payment retried then handled, one dead-lettered;
// one shipment fails, waits on the retry topic, then is handled.
const expectedProcessed = placed.length + cancelled.length + payments.length - 1 + shipments.length;
const deadline = Date.now() + 60_000;
while ((outcomes.processed < expectedProcessed || outcomes.deadLettered.length < 1) && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 100));
}

await worker.stop();
await Promise.all([orders.close(), fulfilment.close()]);

console.log('\nwhat the handlers saw:');
for (const line of journal) console.log(`  ${line}`);
console.log(`\nsummary (${transport} transport): ${outcomes.processed} processed, ${outcomes.retried} retries, ${outcomes.forwarded} forwarded to a retry topic, ${outcomes.deadLettered.length} dead-lettered`);
for (const d of outcomes.deadLettered) console.log(`  dead-lettered: ${d}`);
const ok = outcomes.processed === expectedProcessed && outcomes.deadLettered.length === 1;
console.log(ok ? '\nexample finished: every message accounted for' : '\nexample did NOT account for every message');
process.exitCode = ok ? 0 : 1;
