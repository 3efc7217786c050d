import { KsdkError } from '../../errors/KsdkError.js';
import type { TransportAdmin } from '../../transport/TransportAdmin.js';
import type { Topology } from '../topology/Topology.js';

export interface EnsureStreamTopicsOptions {
  /** Replication factor of internal topics; default: the broker's default. */
  replicationFactor?: number;
}

/** A changelog keeps the latest value per key: compaction, never time retention. */
const CHANGELOG_CONFIG = [{ name: 'cleanup.policy', value: 'compact' }];

/**
 * No time retention on a repartition topic, as Kafka Streams sets it: the broker
 * deletes a segment once its newest record timestamp is older than the
 * retention (rolling the active segment to do so), and repartition records
 * carry the event time of their input. Input from further back than the
 * retention (a replay, a backfill, a task that lags) would be deleted before the
 * repartition task read it, and the aggregates would silently miss it.
 */
const REPARTITION_CONFIG = [{ name: 'retention.ms', value: '-1' }];

/**
 * Checks that every topic the app reads and writes exists, settles the
 * partition counts of internal topics and creates the missing ones: a
 * repartition topic gets the partitions of the topic upstream of its `groupBy`
 * (unless configured), a changelog those of the repartition topic it mirrors,
 * so task N's state lives in changelog partition N.
 *
 * An existing internal topic with another partition count is an error rather
 * than adopted: keys would move to other partitions and state would be split.
 */
export async function ensureStreamTopics(admin: TransportAdmin, topology: Topology, options: EnsureStreamTopicsOptions = {}): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const internal = new Set(topology.internalTopics.map((t) => t.name));
  const external = [...topology.roots.keys(), ...topology.outputTopics].filter((t) => !internal.has(t));
  const missing = [...new Set(external)].filter((t) => !existing.has(t));
  if (missing.length > 0) {
    throw new KsdkError('KSDK_CONFIG', `stream app ${topology.applicationId}: topic(s) ${missing.join(', ')} do not exist; create them first (streams never auto-create user topics)`);
  }

  const known = [...new Set([...external, ...topology.internalTopics.filter((t) => existing.has(t.name)).map((t) => t.name)])];
  const partitions = new Map<string, number>();
  if (known.length > 0) {
    const { topics } = await admin.fetchTopicMetadata({ topics: known });
    for (const t of topics) partitions.set(t.name, t.partitions.length);
  }

  const toCreate: Array<{ topic: string; numPartitions: number; replicationFactor?: number; configEntries: Array<{ name: string; value: string }> }> = [];
  for (const topic of topology.internalTopics) {
    const from = topic.partitionsFrom;
    const wanted = topic.configuredPartitions ?? (typeof from === 'string' ? partitions.get(from) : from.partitions);
    if (wanted === undefined) throw new KsdkError('KSDK_CONFIG', `cannot tell the partition count of ${topic.name}`);
    const actual = partitions.get(topic.name);
    if (actual !== undefined && actual !== wanted) {
      throw new KsdkError(
        'KSDK_CONFIG',
        `internal topic ${topic.name} has ${actual} partitions but the topology needs ${wanted}; ` +
          `keys would be aggregated in the wrong place. Delete it (and the app's other internal topics) to reset, or configure groupBy partitions to match`,
      );
    }
    topic.resolve(wanted);
    if (actual === undefined) {
      toCreate.push({
        topic: topic.name,
        numPartitions: wanted,
        ...(options.replicationFactor === undefined ? {} : { replicationFactor: options.replicationFactor }),
        configEntries: topic.kind === 'changelog' ? CHANGELOG_CONFIG : REPARTITION_CONFIG,
      });
    }
  }
  if (toCreate.length === 0) return;
  // Leaders are waited for here, not by kafkajs: its wait gives up when a fresh topic's
  // metadata still answers UNKNOWN_TOPIC_OR_PARTITION (common on a loaded broker), and it
  // skips the wait when another instance created the same topics at the same moment.
  await admin.createTopics({ topics: toCreate, waitForLeaders: false });
  const names = toCreate.map((t) => t.topic);
  for (let attempt = 0; ; attempt++) {
    const { topics } = await admin.fetchTopicMetadata({ topics: names }).catch(() => ({ topics: [] as Array<{ name: string; partitions: Array<{ leader: number }> }> }));
    const ready = names.every((name) => {
      const t = topics.find((x) => x.name === name);
      const want = toCreate.find((x) => x.topic === name)!.numPartitions;
      return t !== undefined && t.partitions.length === want && t.partitions.every((p) => p.leader >= 0);
    });
    if (ready) return;
    if (attempt >= 100) throw new KsdkError('KSDK_TIMEOUT', `internal topics ${names.join(', ')} have no leaders after creation`, { retriable: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
