import type { PartitionMetadata } from './TransportProducer.js';

export interface TopicCreation {
  topic: string;
  /** -1 or absent: the broker's default. */
  numPartitions?: number;
  /** -1 or absent: the broker's default. */
  replicationFactor?: number;
  configEntries?: Array<{ name: string; value: string }>;
}

export interface TopicMetadata {
  name: string;
  partitions: PartitionMetadata[];
}

/**
 * The admin side of ksdk's transport port: topics and consumer-group offsets.
 * A question about a topic that does not exist fails with kafkajs's error
 * shape (`type: 'UNKNOWN_TOPIC_OR_PARTITION'`); `listTopics` never does.
 */
export interface TransportAdmin {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  listTopics(): Promise<string[]>;
  /**
   * Resolves true when every topic was created, false when one existed
   * already; rejects with `errors: [{ topic, type, message }]` naming each topic refused.
   */
  createTopics(options: { topics: TopicCreation[]; waitForLeaders?: boolean; timeout?: number }): Promise<boolean>;
  fetchTopicMetadata(options: { topics: string[] }): Promise<{ topics: TopicMetadata[] }>;
  /** Per partition: `low` the log start offset, `high` the high watermark. */
  fetchTopicOffsets(topic: string): Promise<Array<{ partition: number; low: string; high: string }>>;
  /**
   * Kafka's DeleteRecords (kafkajs's name): deletes each partition's records
   * below `offset` (`'-1'`: the high watermark), so its log start offset (`low`)
   * moves up to it; an offset at or below the log start changes nothing, one
   * above the high watermark fails (OFFSET_OUT_OF_RANGE). A consumer whose
   * position falls below the log start resets as if it had no committed offset.
   * kafkajs finds partition leaders in the metadata it holds: ask
   * `fetchTopicMetadata` about the topic first.
   */
  deleteTopicRecords(options: { topic: string; partitions: Array<{ partition: number; offset: string }> }): Promise<void>;
  /** A group's committed offsets for every partition of each topic; `'-1'` where nothing is committed. */
  fetchOffsets(options: { groupId: string; topics: string[] }): Promise<Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>>;
  /** Topic configs as the broker holds them; a config name it does not know is left out. */
  describeConfigs(query: {
    /** `type` is Kafka's config resource type: 2 for a topic. */
    resources: Array<{ type: number; name: string; configNames?: string[] }>;
    includeSynonyms: boolean;
  }): Promise<{ resources: Array<{ resourceName: string; configEntries: Array<{ configName: string; configValue: string | null }> }> }>;
  /** Deletes groups without members; a group that has members or does not exist is reported, not thrown. */
  deleteGroups(groupIds: string[]): Promise<Array<{ groupId: string; errorCode?: number }>>;
}
