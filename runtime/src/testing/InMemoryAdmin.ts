import type { InstrumentationEvent, ITopicPartitionConfig, SeekEntry } from 'kafkajs';
import type { TopicCreation, TopicMetadata, TransportAdmin } from '../transport/TransportAdmin.js';
import type { InMemoryCluster } from './InMemoryCluster.js';
import { ADMIN_EVENTS, InstrumentationEmitter, type AdminEventPayloads } from './instrumentation.js';
import { KafkaDeleteRecordsError, type DeleteRecordsFailure } from './KafkaDeleteRecordsError.js';
import { KafkaClientError, KafkaProtocolError } from './KafkaProtocolError.js';

/**
 * The transport port's admin (`TransportAdmin`) on the in-memory broker, and
 * kafkajs's `deleteTopics`, `createPartitions`, `setOffsets`, `resetOffsets`
 * and `listGroups` besides, for tests: topics (create, delete, grow, metadata,
 * configs, offsets, deleting records) and consumer-group offsets (fetch, set,
 * reset), with kafkajs's result shapes.
 */
export class InMemoryAdmin implements TransportAdmin {
  readonly events = ADMIN_EVENTS;
  readonly #cluster: InMemoryCluster;
  readonly #emitter: InstrumentationEmitter<AdminEventPayloads>;

  constructor(cluster: InMemoryCluster) {
    this.#cluster = cluster;
    this.#emitter = new InstrumentationEmitter(() => cluster.now());
  }

  on<K extends keyof AdminEventPayloads & string>(eventName: K, listener: (event: InstrumentationEvent<AdminEventPayloads[K]>) => void): () => void {
    return this.#emitter.on(eventName, listener);
  }

  async connect(): Promise<void> {
    this.#emitter.emit(ADMIN_EVENTS.CONNECT, () => null);
  }

  async disconnect(): Promise<void> {
    this.#emitter.emit(ADMIN_EVENTS.DISCONNECT, () => null);
  }

  async listTopics(): Promise<string[]> {
    return this.#cluster.topicNames();
  }

  /** True when every topic was created; false when one existed already (as kafkajs). */
  async createTopics({ topics, validateOnly }: { topics: TopicCreation[]; validateOnly?: boolean }): Promise<boolean> {
    let allNew = true;
    for (const { topic, numPartitions, configEntries } of topics) {
      const partitions = numPartitions === undefined || numPartitions === -1 ? this.#cluster.settings.defaultPartitions : numPartitions;
      if (validateOnly) {
        if (this.#cluster.topic(topic)) allNew = false;
        continue;
      }
      const config = Object.fromEntries((configEntries ?? []).map(({ name, value }) => [name, value]));
      if (!this.#cluster.createTopic(topic, partitions, config)) allNew = false;
    }
    return allNew;
  }

  async deleteTopics({ topics }: { topics: string[] }): Promise<void> {
    for (const topic of topics) {
      if (!this.#cluster.deleteTopic(topic)) throw new KafkaProtocolError('UNKNOWN_TOPIC_OR_PARTITION', topic);
    }
  }

  async createPartitions({ topicPartitions }: { topicPartitions: ITopicPartitionConfig[] }): Promise<boolean> {
    for (const { topic, count } of topicPartitions) this.#cluster.growTopic(topic, count);
    return true;
  }

  async fetchTopicMetadata(options?: { topics: string[] }): Promise<{ topics: TopicMetadata[] }> {
    const names = options?.topics ?? this.#cluster.topicNames();
    return {
      topics: names.map((name) => {
        const topic = this.#cluster.requireTopic(name, false);
        return {
          name,
          partitions: Array.from({ length: topic.partitionCount }, (_, partitionId) => ({
            partitionErrorCode: 0,
            partitionId,
            leader: 0,
            replicas: [0],
            isr: [0],
            offlineReplicas: [],
          })),
        };
      }),
    };
  }

  /** Per partition: `offset` and `high` are the high watermark, `low` the log start (0 until records are deleted). */
  async fetchTopicOffsets(name: string): Promise<Array<SeekEntry & { high: string; low: string }>> {
    const topic = this.#cluster.requireTopic(name, false);
    return Array.from({ length: topic.partitionCount }, (_, partition) => {
      const high = String(topic.highWatermark(partition));
      return { partition, offset: high, high, low: String(topic.logStartOffset(partition)) };
    });
  }

  /**
   * Kafka's DeleteRecords: each partition's log start offset moves up to
   * `offset` (`-1`: the high watermark) and the records below it are gone; an
   * offset at or below the log start changes nothing. A partition the topic
   * lacks, or an offset above the high watermark, fails the call (as kafkajs's
   * `KafkaJSDeleteTopicRecordsError`) before any partition moves.
   */
  async deleteTopicRecords({ topic: name, partitions }: { topic: string; partitions: SeekEntry[] }): Promise<void> {
    if (partitions.length === 0) throw new KafkaClientError('Invalid partitions');
    const topic = this.#cluster.requireTopic(name, false);
    const failures: DeleteRecordsFailure[] = [];
    const moves: Array<{ partition: number; offset: number }> = [];
    for (const { partition, offset } of partitions) {
      if (!Number.isInteger(partition) || partition < 0 || partition >= topic.partitionCount) {
        failures.push({ partition, offset, error: new KafkaClientError('Could not find the leader for the partition') });
        continue;
      }
      const high = topic.highWatermark(partition);
      const target = Number(offset) === -1 ? high : Number(offset);
      if (!Number.isInteger(target) || target < 0 || target > high) {
        failures.push({ partition, offset, error: new KafkaProtocolError('OFFSET_OUT_OF_RANGE', `${name}/${partition}: ${offset} (high watermark ${high})`) });
        continue;
      }
      moves.push({ partition, offset: target });
    }
    if (failures.length > 0) throw new KafkaDeleteRecordsError(failures);
    for (const { partition, offset } of moves) topic.deleteBefore(partition, offset);
  }

  /**
   * The configs a topic was created with (`createTopics`' `configEntries`);
   * the broker's defaults are not modelled, so a config never set is reported
   * as one the broker does not know.
   */
  async describeConfigs({ resources }: { resources: Array<{ type: number; name: string; configNames?: string[] }>; includeSynonyms: boolean }): Promise<{
    resources: Array<{ resourceName: string; resourceType: number; errorCode: number; configEntries: Array<{ configName: string; configValue: string }> }>;
  }> {
    return {
      resources: resources.map(({ type, name, configNames }) => {
        if (type !== 2) throw new KafkaProtocolError('INVALID_REQUEST', `the in-memory broker describes topic configs only (resource type 2), not type ${type}`);
        const config = this.#cluster.requireTopic(name, false).config;
        const names = configNames ?? Object.keys(config);
        return {
          resourceName: name,
          resourceType: type,
          errorCode: 0,
          configEntries: names.flatMap((configName) => (configName in config ? [{ configName, configValue: config[configName]! }] : [])),
        };
      }),
    };
  }

  /** Committed offsets of a group, every partition of each topic ("-1": nothing committed). */
  async fetchOffsets({ groupId, topics }: { groupId: string; topics?: string[] }): Promise<Array<{ topic: string; partitions: Array<{ partition: number; offset: string; metadata: string | null }> }>> {
    const group = this.#cluster.existingGroup(groupId);
    return (topics ?? this.#cluster.topicNames()).map((name) => {
      const topic = this.#cluster.requireTopic(name, false);
      return {
        topic: name,
        partitions: Array.from({ length: topic.partitionCount }, (_, partition) => ({
          partition,
          offset: group?.committedOffset(name, partition) ?? '-1',
          metadata: null,
        })),
      };
    });
  }

  async setOffsets({ groupId, topic, partitions }: { groupId: string; topic: string; partitions: SeekEntry[] }): Promise<void> {
    this.#cluster.requireTopic(topic, false);
    this.#cluster.group(groupId).setOffsets(partitions.map(({ partition, offset }) => ({ topic, partition, offset })));
  }

  async resetOffsets({ groupId, topic, earliest = false }: { groupId: string; topic: string; earliest?: boolean }): Promise<void> {
    const log = this.#cluster.requireTopic(topic, false);
    const offsets = Array.from({ length: log.partitionCount }, (_, partition) => ({
      topic,
      partition,
      offset: String(earliest ? log.logStartOffset(partition) : log.highWatermark(partition)),
    }));
    this.#cluster.group(groupId).setOffsets(offsets);
  }

  async listGroups(): Promise<{ groups: Array<{ groupId: string; protocolType: string }> }> {
    return { groups: this.#cluster.groupIds().map((groupId) => ({ groupId, protocolType: 'consumer' })) };
  }

  /** Deletes groups without members; reports GROUP_NOT_EMPTY (68) or GROUP_ID_NOT_FOUND (69) per group. */
  async deleteGroups(groupIds: string[]): Promise<Array<{ groupId: string; errorCode: number }>> {
    return groupIds.map((groupId) => {
      if (!this.#cluster.existingGroup(groupId)) return { groupId, errorCode: 69 };
      return { groupId, errorCode: this.#cluster.deleteGroup(groupId) ? 0 : 68 };
    });
  }
}
