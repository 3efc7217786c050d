import { KsdkError } from '../errors/KsdkError.js';
import type { ClientFactory } from '../transport/ClientFactory.js';
import type { TopicCreation, TransportAdmin } from '../transport/TransportAdmin.js';
import { compareTopics, type TopicDrift } from './compareTopics.js';
import type { TopicSpec } from './TopicSpec.js';

/** What became of one declared topic. */
export interface TopicOutcome {
  topic: string;
  /**
   * `created`: it did not exist and was created (in a dry run: `missing`, would be).
   * `exists`: it exists as declared. `drift`: it exists and differs (see `drift`).
   */
  status: 'created' | 'missing' | 'exists' | 'drift';
  drift: TopicDrift[];
}

export interface EnsureTopicsReport {
  dryRun: boolean;
  /** One per declared topic, in the order given. */
  topics: TopicOutcome[];
  /** Topics created now (dry run: none). */
  created: string[];
  /** Topics missing from the cluster (dry run: what would be created; otherwise none). */
  missing: string[];
  /** Every difference of an existing topic from its declaration. */
  drift: TopicDrift[];
}

export interface EnsureTopicsOptions {
  /** Compare only: report what is missing and what differs, create nothing. */
  dryRun?: boolean;
  /** How long the broker gets to create the topics and elect their leaders, in ms. Default 30000. */
  timeoutMs?: number;
  /** Told about each topic once its outcome is known (progress output). */
  onTopic?: (outcome: TopicOutcome) => void;
}

/**
 * Makes the cluster have the declared topics, idempotently and without
 * destroying anything: creates the ones that do not exist (with their
 * partitions, replication factor and configs, and waits for their leaders),
 * and compares the ones that do with their declaration. A difference — fewer or
 * more partitions, another replication factor, a declared config with another
 * value — is reported as drift, never altered: adding partitions moves keys to
 * other partitions, and configs may have been tuned on purpose.
 *
 * ksdk producers and subscriptions never auto-create topics (a typo would
 * otherwise become a topic); call this at deploy or start-up, or run
 * `ksdk topics apply`, which calls it with the manifest's topics:
 *
 *   const report = await ensureTopics(factory, Object.values(topics));   // generated registry
 *   for (const d of report.drift) logger.warn(d.message);
 *
 * Another process creating the same topics at the same moment is fine: a topic
 * that appeared meanwhile is compared like any existing one.
 */
export async function ensureTopics(factory: ClientFactory, topics: readonly TopicSpec[], options: EnsureTopicsOptions = {}): Promise<EnsureTopicsReport> {
  const specs = distinct(topics);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const admin = factory.createAdmin();
  await admin.connect();
  try {
    const before = new Set(await admin.listTopics());
    const missing = specs.filter((t) => !before.has(t.name));
    let created: string[] = [];
    let raced: string[] = [];
    if (!options.dryRun && missing.length > 0) {
      ({ created, raced } = await create(admin, missing, timeoutMs));
    }
    const existing = specs.filter((t) => before.has(t.name) || raced.includes(t.name));
    const drift = await compareTopics(admin, existing);

    const outcomes = specs.map((t): TopicOutcome => {
      if (created.includes(t.name)) return { topic: t.name, status: 'created', drift: [] };
      if (!before.has(t.name) && !raced.includes(t.name)) return { topic: t.name, status: 'missing', drift: [] };
      const own = drift.filter((d) => d.topic === t.name);
      return { topic: t.name, status: own.length > 0 ? 'drift' : 'exists', drift: own };
    });
    for (const outcome of outcomes) options.onTopic?.(outcome);
    return {
      dryRun: options.dryRun === true,
      topics: outcomes,
      created,
      missing: outcomes.filter((o) => o.status === 'missing').map((o) => o.topic),
      drift,
    };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** One spec per name; the same name declared twice with different settings is an error. */
function distinct(topics: readonly TopicSpec[]): TopicSpec[] {
  const byName = new Map<string, TopicSpec>();
  for (const t of topics) {
    for (const [what, value] of [['partitions', t.partitions], ['replicationFactor', t.replicationFactor]] as const) {
      if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
        throw new KsdkError('KSDK_CONFIG', `topic "${t.name}": ${what} must be a positive integer, got ${value}`);
      }
    }
    const other = byName.get(t.name);
    if (other && settings(other) !== settings(t)) {
      throw new KsdkError('KSDK_CONFIG', `topic "${t.name}" is declared twice with different settings: ${settings(other)} and ${settings(t)}`);
    }
    byName.set(t.name, t);
  }
  return [...byName.values()];
}

function settings(t: TopicSpec): string {
  const config = Object.entries(t.config ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify({ partitions: t.partitions, replicationFactor: t.replicationFactor, config });
}

/**
 * Creates `missing` and waits until each shows in the topic list with a leader
 * for every partition. Returns what it created, and what someone else created
 * meanwhile (`raced`). A topic the broker refuses (a replication factor above
 * the number of brokers, an invalid config) fails the call, naming it.
 */
async function create(admin: TransportAdmin, missing: readonly TopicSpec[], timeoutMs: number): Promise<{ created: string[]; raced: string[] }> {
  const requests: TopicCreation[] = missing.map((t) => ({
    topic: t.name,
    // -1: the broker's num.partitions / default.replication.factor (CreateTopics v4+, Kafka 2.4+).
    numPartitions: t.partitions ?? -1,
    replicationFactor: t.replicationFactor ?? -1,
    configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
  }));
  const raced: string[] = [];
  try {
    // Leaders are awaited below: kafkajs's own wait gives up when a fresh topic's metadata is not there yet.
    const allNew = await admin.createTopics({ topics: requests, waitForLeaders: false, timeout: timeoutMs });
    // false: some already existed (another process was faster) and kafkajs does not say which;
    // compare them all, rather than claim to have created a topic someone else did.
    if (!allNew) raced.push(...missing.map((t) => t.name));
  } catch (err) {
    const errors = (err as { errors?: Array<{ topic?: string; type?: string; message?: string }> }).errors;
    if (!Array.isArray(errors)) throw new KsdkError('KSDK_CONFIG', `could not create topics ${missing.map((t) => `"${t.name}"`).join(', ')}: ${(err as Error).message}`, { cause: err });
    const refused = errors.filter((e) => e.type !== 'TOPIC_ALREADY_EXISTS');
    raced.push(...errors.filter((e) => e.type === 'TOPIC_ALREADY_EXISTS').flatMap((e) => (e.topic === undefined ? [] : [e.topic])));
    if (refused.length > 0) {
      const lines = refused.map((e) => {
        const spec = missing.find((t) => t.name === e.topic);
        return `"${e.topic}" (${e.type}: ${e.message}; declared ${spec ? describe(spec) : 'settings unknown'})`;
      });
      throw new KsdkError('KSDK_CONFIG', `the broker refused to create ${lines.join(', ')}`, { cause: err });
    }
  }
  const created = missing.map((t) => t.name).filter((name) => !raced.includes(name));
  await waitForLeaders(admin, missing.map((t) => t.name), timeoutMs);
  return { created, raced };
}

function describe(t: TopicSpec): string {
  const parts = [`partitions ${t.partitions ?? 'broker default'}`, `replicationFactor ${t.replicationFactor ?? 'broker default'}`];
  for (const [name, value] of Object.entries(t.config ?? {})) parts.push(`${name}=${value}`);
  return parts.join(', ');
}

/** Polls the topic list (answered without errors for topics not there yet), then the leaders. */
async function waitForLeaders(admin: TransportAdmin, names: readonly string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const listed = new Set(await admin.listTopics());
    if (names.every((n) => listed.has(n))) {
      const { topics } = await admin.fetchTopicMetadata({ topics: [...names] });
      if (topics.length === names.length && topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    }
    if (Date.now() >= deadline) {
      throw new KsdkError('KSDK_TIMEOUT', `topics ${names.map((n) => `"${n}"`).join(', ')} were created but have no leader for every partition after ${timeoutMs} ms`, { retriable: true });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
