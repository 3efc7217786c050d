import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { InMemoryConsumer, InMemoryKafka } from '@ksdk/runtime/testing';

export interface Received {
  memberId: string;
  topic: string;
  partition: number;
  offset: string;
  value: string;
}

export interface TestConsumer {
  consumer: InMemoryConsumer;
  received: Received[];
  stop(): Promise<void>;
}

/**
 * A kafkajs-style consumer on the in-memory broker for semantics tests; by
 * default it resolves every record it sees (`handle` can take over).
 */
export async function startConsumer(
  kafka: InMemoryKafka,
  options: {
    groupId: string;
    topic: string;
    fromBeginning?: boolean;
    clientId?: string;
    autoCommit?: boolean;
    concurrency?: number;
    handle?: (payload: EachBatchPayload, message: KafkaMessage) => Promise<boolean | void> | boolean | void;
    sink?: Received[];
    /** Runs before `run()`, e.g. to listen to events from the start. */
    setup?: (consumer: InMemoryConsumer) => void;
  },
): Promise<TestConsumer> {
  const consumer = kafka.createConsumer({ groupId: options.groupId, clientId: options.clientId ?? 'test' });
  const received = options.sink ?? [];
  let memberId = '';
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    memberId = e.payload.memberId;
  });
  options.setup?.(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: options.fromBeginning ?? true });
  await consumer.run({
    autoCommit: options.autoCommit ?? true,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.concurrency ?? 1,
    eachBatch: async (payload) => {
      for (const message of payload.batch.messages) {
        if (!payload.isRunning() || payload.isStale()) return;
        received.push({ memberId, topic: payload.batch.topic, partition: payload.batch.partition, offset: message.offset, value: message.value?.toString() ?? '' });
        const verdict = options.handle ? await options.handle(payload, message) : true;
        if (verdict === false) return;
        payload.resolveOffset(message.offset);
        await payload.heartbeat();
      }
    },
  });
  return { consumer, received, stop: () => consumer.disconnect() };
}

/** Polls until `check` holds (the in-memory broker settles within a few macrotasks). */
export async function until(check: () => boolean, what = 'condition', timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
