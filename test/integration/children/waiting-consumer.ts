// A consumer process for the stop-while-waiting test. Its partitions wait on what a graceful
// stop must abandon cleanly: a dead-letter write that keeps failing (the DLT is missing), a
// retry backoff, and (on `<topic>.delayed`) a processing delay; both last `backoffMs`.
// Each handler call appends `attempt <id> <partition> <n>` to `out`, each success `done <id>`
// (synchronously, so a line is real before any signal). On stdout: `send <topic>` or
// `list-topics` when a write starts (see AnnouncingFactory), `dead-letter write failed`
// for each new failure of the DLT write, `delay held` once the delayed record waits. On SIGTERM it runs worker.stop() and prints
// `stopped <ok>`; then nothing ends the process but an empty event loop: a timer firing
// after the stop would crash it, a socket left open would keep it alive.
//   args: topic groupId deadLetterTopic out backoffMs
import { appendFileSync } from 'node:fs';
import type { ProducerConfig } from 'kafkajs';
import { DefaultClientFactory, Subscription, Worker, type MessageContext } from '@ksdk/runtime';
import { descriptorOn, type TestOrder } from '../../fixtures/orderDescriptor.js';

const [topic, groupId, deadLetterTopic, out, backoffMs] = process.argv.slice(2) as [string, string, string, string, string];
const connection = {
  brokers: (process.env.KSDK_BROKERS ?? '127.0.0.1:9092').split(','),
  clientId: `waiting-${process.pid}`,
  kafka: { logLevel: 0, retry: { retries: 3, initialRetryTime: 200 } },
};

/**
 * The real kafkajs clients, with each write announced on stdout (`send <topic>`, and
 * `list-topics` for the look ksdk takes before writing to a topic it has not seen) and
 * slowed by 300 ms, as on a busy cluster, so that the test can stop mid-write.
 */
class AnnouncingFactory extends DefaultClientFactory {
  override createProducer(config: ProducerConfig & { clientId?: string }) {
    const producer = super.createProducer(config);
    const send = producer.send.bind(producer);
    producer.send = async (record) => {
      process.stdout.write(`send ${record.topic}\n`);
      await slow();
      return send(record);
    };
    return producer;
  }

  override createAdmin() {
    const admin = super.createAdmin();
    const listTopics = admin.listTopics.bind(admin);
    admin.listTopics = async () => {
      process.stdout.write('list-topics\n');
      await slow();
      return listTopics();
    };
    return admin;
  }
}
const slow = () => new Promise((resolve) => setTimeout(resolve, 300));

const handler = {
  handle: (m: TestOrder, ctx: MessageContext) => {
    appendFileSync(out, `attempt ${m.id} ${ctx.partition} ${ctx.attempt}\n`);
    if (m.orderId.startsWith('poison')) throw Object.assign(new Error(`cannot handle ${m.id}`), { retriable: false });
    if (m.orderId.startsWith('flaky') && ctx.attempt === 1) return false;
    appendFileSync(out, `done ${m.id}\n`);
    return true;
  },
};
const options = {
  ...connection,
  factory: new AnnouncingFactory(connection),
  heartbeatIntervalMs: 300,
  sessionTimeoutMs: 6000,
  maxWaitTimeMs: 100,
  deadLetterRetryMs: 300,
  // The warning that the DLT is missing goes to stdout: stderr must stay empty.
  logger: { warn: (message: string) => process.stdout.write(`${message}\n`) },
};
const sub = new Subscription(
  {
    name: 'waiting',
    topic,
    groupId,
    messages: [descriptorOn(topic)],
    concurrency: 2,
    deadLetterTopic,
    retry: { mode: 'in-process', maxAttempts: 3, initialBackoffMs: Number(backoffMs) },
  },
  handler,
  options,
);
// A retry-topic style subscription on `<topic>.delayed`: each record waits out the delay.
const delayedTopic = `${topic}.delayed`;
const delayed = new Subscription(
  { name: 'delayed', topic: delayedTopic, groupId: `${groupId}-delayed`, messages: [descriptorOn(delayedTopic)], processingDelayMs: Number(backoffMs) },
  handler,
  options,
);
const worker = new Worker([sub, delayed], { shutdownTimeoutMs: 20000, signals: [] });
await worker.start();
let seen: Error | undefined;
let held = false;
const poll = setInterval(() => {
  const error = sub.status().lastError;
  if (error !== seen && error?.message.includes(deadLetterTopic)) process.stdout.write('dead-letter write failed\n');
  seen = error;
  if (!held && delayed.status().consumers.some((c) => c.paused.length > 0)) {
    held = true;
    process.stdout.write('delay held\n');
  }
}, 10);
process.once('SIGTERM', () => {
  clearInterval(poll);
  void worker.stop().then((ok) => process.stdout.write(`stopped ${ok}\n`));
});
process.stdout.write('started\n');
