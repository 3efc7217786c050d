// Helpers for integration tests against the real broker that scripts/kafka.sh starts
// (scripts/test.sh exports KSDK_BROKERS). Every helper polls observable state; none sleeps
// a fixed time. One shared kafkajs client and admin per test file (vitest isolates files),
// closed, and the topics made with createTopic() deleted, in an afterAll hook registered
// on import.
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { Kafka, logLevel, type Admin, type IHeaders, type KafkaConfig } from 'kafkajs';

/** Broker addresses from KSDK_BROKERS (comma separated), default 127.0.0.1:9092. */
export function brokers(): string[] {
  const raw = process.env.KSDK_BROKERS ?? '127.0.0.1:9092';
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return list.length > 0 ? list : ['127.0.0.1:9092'];
}

/** kafkajs settings tests should start from: our brokers, silent logs, patient retries. */
export function kafkaConfig(overrides: Partial<KafkaConfig> = {}): KafkaConfig {
  return {
    clientId: 'ksdk-test',
    brokers: brokers(),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    requestTimeout: 30_000,
    retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 2000 },
    ...overrides,
  };
}

let sharedKafka: Kafka | undefined;
let sharedAdmin: Promise<Admin> | undefined;
const createdTopics = new Set<string>();

/** The shared kafkajs client of this test file. */
export function kafka(): Kafka {
  sharedKafka ??= new Kafka(kafkaConfig());
  return sharedKafka;
}

/** The shared, connected admin client of this test file. Do not disconnect it yourself. */
export function admin(): Promise<Admin> {
  if (!sharedAdmin) {
    const a = kafka().admin();
    sharedAdmin = a.connect().then(
      () => a,
      (err: unknown) => {
        sharedAdmin = undefined;
        throw err;
      },
    );
  }
  return sharedAdmin;
}

let topicCounter = 0;

/** A topic name no other test (or earlier run against the same broker) uses. */
export function uniqueTopic(prefix = 'test'): string {
  const clean = prefix.replace(/[^a-zA-Z0-9._-]/g, '-');
  topicCounter += 1;
  return `${clean}-${Date.now().toString(36)}-${process.pid}-${topicCounter}-${randomBytes(3).toString('hex')}`;
}

export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Used in the error thrown on time-out. */
  message?: string;
}

/**
 * Polls `predicate` until it returns a truthy value (which is returned) or the time runs out.
 * A predicate that throws counts as "not yet"; the last error is reported on time-out.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  { timeoutMs = 15_000, intervalMs = 100, message = 'condition' }: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? `: last error: ${lastError.message}` : '';
      throw new Error(`waitFor: timed out after ${timeoutMs} ms waiting for ${message}${cause}`, {
        cause: lastError,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, Math.max(0, deadline - Date.now()))));
  }
}

/**
 * Creates a topic (idempotent) and waits until every partition has a leader in metadata.
 * The topic is deleted when the test file ends. Returns the name.
 */
export async function createTopic(
  name: string,
  partitions = 1,
  configEntries: Record<string, string> = {},
): Promise<string> {
  const a = await admin();
  // Under load kafkajs's waitForLeaders can give up while a fresh topic's metadata still
  // answers UNKNOWN_TOPIC_OR_PARTITION; createTopics is idempotent, so try again.
  await waitFor(
    async () => {
      await a.createTopics({
        topics: [
          {
            topic: name,
            numPartitions: partitions,
            replicationFactor: 1,
            configEntries: Object.entries(configEntries).map(([cname, value]) => ({ name: cname, value })),
          },
        ],
        waitForLeaders: true,
      });
      return true;
    },
    { timeoutMs: 30_000, intervalMs: 200, message: `topic ${name} created` },
  );
  createdTopics.add(name);
  await waitFor(
    async () => {
      const { topics } = await a.fetchTopicMetadata({ topics: [name] });
      const parts = topics[0]?.partitions ?? [];
      return parts.length === partitions && parts.every((p) => p.leader >= 0);
    },
    { message: `leaders for all ${partitions} partitions of ${name}` },
  );
  return name;
}

/** Deletes topics (missing ones are ignored). */
export async function deleteTopics(...names: Array<string | string[]>): Promise<void> {
  const topics = names.flat();
  if (topics.length === 0) return;
  const a = await admin();
  const existing = new Set(await a.listTopics());
  const toDelete = topics.filter((t) => existing.has(t));
  for (const t of topics) createdTopics.delete(t);
  if (toDelete.length > 0) await a.deleteTopics({ topics: toDelete, timeout: 30_000 });
}

export interface ReadRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
  timestamp: string;
}

export interface ReadAllOptions {
  /**
   * How many records to wait for. Without it, reads what the topic holds now
   * (up to the high watermarks taken at the start).
   */
  expected?: number;
  /** Default 15 s. On time-out with `expected` set, throws with the count read. */
  timeoutMs?: number;
  /** After `expected` records arrived, keep reading this long to catch extra records (default 0). */
  settleMs?: number;
}

/**
 * A read of "everything" from a partition whose log start offset is above 0 would
 * silently miss the records the broker removed (time or size retention, deleteRecords):
 * a test would see a short count and blame the code under test. Say what happened.
 */
function refuseRemovedRecords(topic: string, offsets: ReadonlyArray<{ partition: number; low: string; high: string }>): void {
  const removed = offsets.filter((o) => BigInt(o.low) > 0n);
  if (removed.length === 0) return;
  const where = removed.map((o) => `partition ${o.partition} starts at ${o.low} (high ${o.high})`).join(', ');
  throw new Error(`readAll(${topic}): the broker removed records from the start of the topic (${where}); the read would be incomplete. Retention by time goes by record timestamps: does the broker or topic delete old-timestamped records?`);
}

/**
 * Reads a topic from the beginning with a throwaway consumer group; returns records
 * ordered by partition, then offset. Without `expected`, it refuses (throws) when the
 * broker removed records from the start of a partition, before or during the read.
 */
export async function readAll(topic: string, options: ReadAllOptions = {}): Promise<ReadRecord[]> {
  const { expected, timeoutMs = 15_000, settleMs = 0 } = options;
  const a = await admin();
  // Without `expected`, stop at the high watermarks of now.
  let targets: Map<number, bigint> | undefined;
  if (expected === undefined) {
    const offsets = await a.fetchTopicOffsets(topic);
    targets = new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
    refuseRemovedRecords(topic, offsets);
    if ([...targets].every(([p, high]) => high <= 0n)) return [];
  }
  const groupId = `ksdk-test-readall-${randomBytes(6).toString('hex')}`;
  const consumer = kafka().consumer({ groupId, maxWaitTimeInMs: 100, sessionTimeout: 10_000, heartbeatInterval: 1000 });
  const records: ReadRecord[] = [];
  const nextOffset = new Map<number, bigint>();
  const done = (): boolean => {
    if (expected !== undefined) return records.length >= expected;
    for (const [p, high] of targets ?? []) if ((nextOffset.get(p) ?? 0n) < high) return false;
    return true;
  };
  // Batches of only transaction markers or aborted records reach no eachMessage call, but
  // still move the position: follow it, so a read up to the high watermark ends.
  const crashes: string[] = [];
  consumer.on(consumer.events.CRASH, ({ payload }) => crashes.push(`${payload.error.message}${payload.restart ? ' (restarting)' : ''}`));
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    const next = BigInt(payload.lastOffset) + 1n;
    if (next > (nextOffset.get(payload.partition) ?? 0n)) nextOffset.set(payload.partition, next);
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        records.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key,
          value: message.value,
          headers: message.headers ?? {},
          timestamp: message.timestamp,
        });
        const next = BigInt(message.offset) + 1n;
        if (next > (nextOffset.get(partition) ?? 0n)) nextOffset.set(partition, next);
      },
    });
    try {
      await waitFor(done, { timeoutMs, intervalMs: 50, message: `records of ${topic}` });
    } catch {
      const want = expected !== undefined ? `${expected}` : 'all';
      // What the broker holds says whether records never came or were removed (a log start offset above 0).
      const held = await a
        .fetchTopicOffsets(topic)
        .then((offsets) => offsets.map((o) => `${o.partition}: ${o.low}..${o.high}`).join(', '))
        .catch((err: unknown) => `unknown (${(err as Error).message})`);
      const crashed = crashes.length > 0 ? `; the consumer crashed: ${crashes.join('; ')}` : '';
      throw new Error(`readAll(${topic}): got ${records.length} of ${want} records within ${timeoutMs} ms; the topic holds offsets ${held}${crashed}`);
    }
    if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
    // Records removed while we read would be missing from the result, not reported.
    if (expected === undefined) refuseRemovedRecords(topic, await a.fetchTopicOffsets(topic));
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await a.deleteGroups([groupId]).catch(() => undefined);
  }
  return records.sort((x, y) =>
    x.partition !== y.partition ? x.partition - y.partition : Number(BigInt(x.offset) - BigInt(y.offset)),
  );
}

/**
 * Committed offsets of a group on a topic, by partition ("-1": nothing committed).
 * E.g. `{ 0: '3', 1: '-1' }` — the offset is the next one the group will read.
 */
export async function committedOffsets(groupId: string, topic: string): Promise<Record<number, string>> {
  const a = await admin();
  const result = await a.fetchOffsets({ groupId, topics: [topic] });
  const out: Record<number, string> = {};
  for (const p of result.find((t) => t.topic === topic)?.partitions ?? []) out[p.partition] = p.offset;
  return out;
}

/** Deletes the topics made with createTopic() and closes the shared admin. Registered as afterAll. */
export async function cleanup(): Promise<void> {
  const pending = sharedAdmin;
  sharedAdmin = undefined;
  if (!pending) {
    createdTopics.clear();
    return;
  }
  const a = await pending.catch(() => undefined);
  if (!a) return;
  const topics = [...createdTopics];
  createdTopics.clear();
  if (topics.length > 0) await a.deleteTopics({ topics, timeout: 10_000 }).catch(() => undefined);
  await a.disconnect().catch(() => undefined);
}

afterAll(cleanup);
