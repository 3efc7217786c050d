import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Message, type Producer } from 'kafkajs';

/** The broker the project's scripts start (scripts/kafka.sh); `KSDK_BROKERS` overrides. */
export const brokers = (process.env.KSDK_BROKERS ?? '127.0.0.1:9092').split(',');

/** kafkajs logging off on both sides: a benchmark must not measure console output. */
export const quiet = { logLevel: logLevel.NOTHING };

/** Partitions of every bench topic: enough for kafkajs to fetch several at once, few enough for 2 cores. */
export const PARTITIONS = 3;

/** The plain kafkajs client of the baselines (same settings ksdk passes: no auto-created topics). */
export function baselineKafka(clientId = 'bench-baseline'): Kafka {
  return new Kafka({ clientId, brokers, ...quiet });
}

/** Topics and groups a scenario created; removed again at the end, whatever happened. */
export class BenchCluster {
  readonly admin: Admin;
  readonly #topics = new Set<string>();
  readonly #groups = new Set<string>();
  readonly suffix = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

  constructor() {
    this.admin = baselineKafka('bench-admin').admin();
  }

  async connect(): Promise<void> {
    await this.admin.connect();
  }

  /** A fresh topic (unique name) with `PARTITIONS` partitions, its leaders elected. */
  async topic(name: string, partitions = PARTITIONS): Promise<string> {
    const topic = `bench-${name}-${this.suffix}`;
    await this.admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
    this.#topics.add(topic);
    return topic;
  }

  /** A fresh consumer group id, deleted at the end. */
  group(name: string): string {
    const id = `bench-${name}-${this.suffix}-${this.#groups.size}`;
    this.#groups.add(id);
    return id;
  }

  async close(): Promise<void> {
    if (this.#groups.size > 0) await this.admin.deleteGroups([...this.#groups]).catch(() => undefined);
    if (this.#topics.size > 0) await this.admin.deleteTopics({ topics: [...this.#topics], timeout: 30_000 }).catch(() => undefined);
    await this.admin.disconnect();
  }
}

/**
 * Writes records (already encoded) to a topic with plain kafkajs, `parallel`
 * requests of `chunk` records in flight: the fastest way to pre-fill a backlog.
 */
export async function fill(producer: Producer, topic: string, count: number, record: (i: number) => Message, chunk = 1000, parallel = 4): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const start = next;
      next = Math.min(count, next + chunk);
      const messages: Message[] = [];
      for (let i = start; i < next; i++) messages.push(record(i));
      await producer.send({ topic, acks: -1, messages });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** Sum of the high watermarks of a topic: how many records it holds (the topics are never compacted). */
export async function recordCount(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
}
