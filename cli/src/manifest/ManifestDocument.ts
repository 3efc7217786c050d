/**
 * The manifest (`ksdk.yaml`) as written, after it passed
 * `schemas/ksdk-manifest.schema.json`. Durations are still strings here;
 * `normalizeManifest` turns this into a `ProjectModel`.
 */

export type Duration = string | number;
export type WireMode = 'structured' | 'binary' | 'plain';
export type CompatibilityMode =
  | 'backward'
  | 'backward-transitive'
  | 'forward'
  | 'forward-transitive'
  | 'full'
  | 'full-transitive'
  | 'none';

export interface ManifestCompatibility {
  mode?: CompatibilityMode;
  lenient?: boolean;
}

export type PartitionStrategyName =
  | 'message-id'
  | 'unique-key'
  | 'round-robin'
  | 'sticky'
  | 'time-window'
  | 'property'
  | 'murmur3'
  | 'custom';

export interface ManifestPartitionKey {
  strategy: PartitionStrategyName;
  property?: string;
  duration?: Duration;
  window?: Duration;
  module?: string;
  export?: string;
}

export interface ManifestMessage {
  schema: string;
  topic: string;
  type?: string;
  subject?: string;
  description?: string;
  partitionKey?: ManifestPartitionKey;
  compatibility?: ManifestCompatibility;
}

export interface ManifestProducer {
  messages: string[];
  description?: string;
  clientId?: string;
  source?: string;
  acks?: -1 | 0 | 1 | 'all' | 'leader' | 'none';
  idempotent?: boolean;
  compression?: 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
  lingerMs?: number;
  batchSize?: number;
  maxInFlight?: number;
  retries?: number;
  timeout?: Duration;
}

export interface ManifestRetry {
  mode: 'in-process' | 'topic-chain' | 'none';
  maxAttempts?: number;
  initialBackoff?: Duration;
  exponential?: boolean;
  maxBackoff?: Duration;
  jitter?: number;
  nextTopic?: string;
}

export interface ManifestSubscription {
  name: string;
  topic?: string;
  message?: string;
  messages?: string[];
  groupId: string;
  description?: string;
  consumers?: number;
  retry?: ManifestRetry;
  deadLetterTopic?: string;
  processingDelay?: Duration;
  onExhausted?: 'stop' | 'skip';
  concurrency?: number;
  fromBeginning?: boolean;
}

export type TopicConfigValue = string | number | boolean;

export interface ManifestTopicSettings {
  partitions?: number;
  replicationFactor?: number;
  config?: Record<string, TopicConfigValue>;
}

export interface ManifestTopic extends ManifestTopicSettings {
  description?: string;
  deadLetter?: boolean;
}

export interface ManifestDocument {
  $schema?: string;
  version?: 1;
  source: string;
  output?: string;
  cloudEvents?: { mode?: WireMode; enabled?: boolean };
  typePrefix?: string;
  schemaRoots?: string[];
  compatibility?: ManifestCompatibility;
  messages: Record<string, ManifestMessage>;
  producers?: Record<string, ManifestProducer>;
  subscriptions?: ManifestSubscription[];
  topics?: Record<string, ManifestTopic>;
  topicDefaults?: ManifestTopicSettings;
}
