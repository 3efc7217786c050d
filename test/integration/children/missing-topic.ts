// A process that publishes to a topic that does not exist and starts a subscription on one,
// with kafkajs's default logging (WARN and above) left on, reports what happened as one JSON
// line on stdout, closes everything and then simply ends: it never calls process.exit, so it
// exits only if ksdk left no socket or timer behind. missing-topics.test.ts runs it.
import { KsdkProducer, Subscription, type KsdkError, type PublishError } from '@ksdk/runtime';
import { descriptorOn } from '../../fixtures/orderDescriptor.js';

const [topic, boundMs] = process.argv.slice(2) as [string, string];
const brokers = (process.env.KSDK_BROKERS ?? '127.0.0.1:9092').split(',');

// Idempotent: kafkajs retries such a producer's requests without end, the worst case.
const producer = new KsdkProducer({ brokers, name: 'child', idempotent: true, unknownTopicTimeoutMs: Number(boundMs) });
const started = Date.now();
const publish = await producer.publish(descriptorOn(topic), { orderId: 'o-1', amount: 1 }).then(
  () => ({ ok: true as const }),
  (err: PublishError) => ({ ok: false as const, name: err.name, reason: err.reason, topic: err.topic, message: err.message, retriable: err.retriable }),
);
const publishMs = Date.now() - started;
await producer.close();

const subscription = new Subscription(
  { name: 'childSubscription', topic, groupId: `${topic}-g`, messages: [descriptorOn(topic)] },
  { handle: () => true },
  { brokers, unknownTopicTimeoutMs: Number(boundMs) },
);
const subscribed = Date.now();
const start = await subscription.start().then(
  () => ({ ok: true as const }),
  (err: KsdkError & { topics?: string[] }) => ({ ok: false as const, code: err.code, topics: err.topics, message: err.message }),
);
const startMs = Date.now() - subscribed;
await subscription.stop();

process.stdout.write(`${JSON.stringify({ publish, publishMs, start, startMs, state: subscription.status().state })}\n`);
