import type { TransportAdmin } from '../transport/TransportAdmin.js';
import type { TopicSpec } from './TopicSpec.js';

/** A way an existing topic differs from its declaration. ksdk reports it and changes nothing. */
export interface TopicDrift {
  topic: string;
  /** `config` names the config in `config`. */
  setting: 'partitions' | 'replicationFactor' | 'config';
  /** The config's name, for `setting: 'config'`. */
  config?: string;
  declared: string;
  /** What the cluster has; undefined when the broker does not know the config. */
  actual: string | undefined;
  /** One line for people, naming the topic, both values and what to do. */
  message: string;
}

/** The drift of each existing topic from its declaration: partitions, replication factor, declared configs. */
export async function compareTopics(admin: TransportAdmin, existing: readonly TopicSpec[]): Promise<TopicDrift[]> {
  if (existing.length === 0) return [];
  const drift: TopicDrift[] = [];
  const { topics } = await admin.fetchTopicMetadata({ topics: existing.map((t) => t.name) });
  for (const spec of existing) {
    const meta = topics.find((t) => t.name === spec.name);
    if (!meta) continue;
    const partitions = meta.partitions.length;
    if (spec.partitions !== undefined && partitions !== spec.partitions) {
      drift.push({
        topic: spec.name,
        setting: 'partitions',
        declared: String(spec.partitions),
        actual: String(partitions),
        message:
          partitions < spec.partitions
            ? `topic "${spec.name}" has ${partitions} partition(s), the manifest declares ${spec.partitions}. Not changed: adding partitions moves keys to other partitions; add them yourself (kafka-topics.sh --alter --partitions ${spec.partitions}) if that is intended`
            : `topic "${spec.name}" has ${partitions} partitions, the manifest declares ${spec.partitions}. Kafka cannot remove partitions: declare ${partitions}, or recreate the topic`,
      });
    }
    const replicas = Math.max(0, ...meta.partitions.map((p) => p.replicas.length));
    if (spec.replicationFactor !== undefined && replicas !== spec.replicationFactor) {
      drift.push({
        topic: spec.name,
        setting: 'replicationFactor',
        declared: String(spec.replicationFactor),
        actual: String(replicas),
        message: `topic "${spec.name}" has replication factor ${replicas}, the manifest declares ${spec.replicationFactor}. Not changed: reassign its replicas (kafka-reassign-partitions.sh) if that is intended`,
      });
    }
  }
  drift.push(...(await compareConfigs(admin, existing)));
  return drift;
}

const TOPIC_RESOURCE = 2;

async function compareConfigs(admin: TransportAdmin, existing: readonly TopicSpec[]): Promise<TopicDrift[]> {
  const withConfig = existing.filter((t) => Object.keys(t.config ?? {}).length > 0);
  if (withConfig.length === 0) return [];
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: withConfig.map((t) => ({ type: TOPIC_RESOURCE, name: t.name, configNames: Object.keys(t.config ?? {}) })),
  });
  const drift: TopicDrift[] = [];
  for (const spec of withConfig) {
    const entries = resources.find((r) => r.resourceName === spec.name)?.configEntries ?? [];
    for (const [name, declared] of Object.entries(spec.config ?? {})) {
      const actual = entries.find((e) => e.configName === name)?.configValue ?? undefined;
      if (actual === declared) continue;
      drift.push({
        topic: spec.name,
        setting: 'config',
        config: name,
        declared,
        actual,
        message:
          actual === undefined
            ? `topic "${spec.name}": the broker knows no config "${name}" (declared ${declared}); check its name`
            : `topic "${spec.name}" has ${name}=${actual}, the manifest declares ${declared}. Not changed: alter it yourself (kafka-configs.sh --alter --add-config ${name}=${declared}) if that is intended`,
      });
    }
  }
  return drift;
}
