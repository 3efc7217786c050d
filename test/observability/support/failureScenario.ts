// One real-broker run with successes, a retry that succeeds, a record retried until
// it is dead-lettered and a poison record, shared by the monitor and metrics tests so
// both check their numbers against the same, fully known run.
import { Subscription, type ConsumerOptions, type RuntimeEvents } from '@ksdk/runtime';
import { descriptorOn, type TestOrder } from '../../fixtures/orderDescriptor.js';
import { orderRecord, sendRaw } from '../../fixtures/rawRecords.js';
import { brokers, committedOffsets, createTopic, readAll, uniqueTopic, waitFor } from '../../helpers/kafka.js';

/** Where the broker put a record, keyed by record key. */
export interface BrokerRecord {
  partition: number;
  offset: string;
  timestamp: number;
}

export interface ScenarioRun {
  topic: string;
  dlt: string;
  groupId: string;
  subscription: string;
  /** By record key: `id-ok-a`, `id-flaky`, `id-ok-b`, `id-doomed`, `poison`. */
  records: Map<string, BrokerRecord>;
  stop(): Promise<void>;
}

export const MAX_ATTEMPTS = 3;

/**
 * Partition 0: ok-a, flaky (throws a TypeError on attempt 1, succeeds on 2).
 * Partition 1: ok-b, doomed (returns false on all 3 attempts → DLT), poison (not JSON → DLT).
 * Resolves once the DLT holds both copies and both partitions are committed.
 */
export async function runFailureScenario(events: RuntimeEvents, options: Partial<ConsumerOptions> = {}): Promise<ScenarioRun> {
  const topic = uniqueTopic('obs');
  const dlt = `${topic}.dlt`;
  const groupId = `${topic}-g`;
  const subscription = 'observed';
  await createTopic(topic, 2);
  await createTopic(dlt, 1);
  await sendRaw(topic, [
    orderRecord({ orderId: 'ok-a' }, { partition: 0 }),
    orderRecord({ orderId: 'flaky' }, { partition: 0 }),
    orderRecord({ orderId: 'ok-b' }, { partition: 1 }),
    orderRecord({ orderId: 'doomed' }, { partition: 1 }),
    { key: 'poison', value: '{not json', partition: 1 },
  ]);
  const records = new Map<string, BrokerRecord>();
  for (const r of await readAll(topic, { expected: 5 })) {
    records.set(r.key?.toString() ?? '', { partition: r.partition, offset: r.offset, timestamp: Number(r.timestamp) });
  }

  const sub = new Subscription<TestOrder>(
    {
      name: subscription,
      topic,
      groupId,
      messages: [descriptorOn(topic)],
      deadLetterTopic: dlt,
      concurrency: 2,
      retry: { mode: 'in-process', maxAttempts: MAX_ATTEMPTS, initialBackoffMs: 50, exponential: false },
    },
    {
      handle: async (m, ctx) => {
        // A real await, so every processing duration is measurably above zero.
        await new Promise((resolve) => setTimeout(resolve, 2));
        if (m.orderId === 'flaky' && ctx.attempt === 1) throw new TypeError('flaky failure');
        return m.orderId !== 'doomed';
      },
    },
    { brokers: brokers(), heartbeatIntervalMs: 500, maxWaitTimeMs: 100, events, ...options },
  );
  await sub.start();
  await readAll(dlt, { expected: 2, timeoutMs: 30_000 });
  await waitFor(
    async () => {
      const committed = await committedOffsets(groupId, topic);
      return committed[0] === '2' && committed[1] === '3';
    },
    { timeoutMs: 30_000, message: 'both partitions committed' },
  );
  return { topic, dlt, groupId, subscription, records, stop: () => sub.stop() };
}
