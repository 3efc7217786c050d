import type { CompatibilityMode, WireMode } from './ManifestDocument.js';

/**
 * The manifest after validation and normalization: defaults applied, durations
 * in milliseconds, paths absolute, lists sorted. Everything downstream (the
 * generator, `ksdk check`) reads this, never the raw document.
 */
export interface ProjectModel {
  /** Absolute directory of the manifest: every relative path is resolved against it. */
  projectDir: string;
  /** Absolute path of the manifest. */
  manifestFile: string;
  /** Manifest path relative to `projectDir` (what generated headers and messages show). */
  manifestDisplay: string;
  /** Absolute output directory. */
  outputDir: string;
  /** Output directory relative to `projectDir`. */
  outputDisplay: string;
  /** CloudEvents `source`. */
  source: string;
  wireFormat: WireMode;
  typePrefix: string | undefined;
  compatibility: CompatibilityModel | undefined;
  /** Sorted by name. */
  messages: MessageModel[];
  /** Sorted by name. */
  producers: ProducerModel[];
  /** Sorted by name. */
  subscriptions: SubscriptionModel[];
  /** Every topic the manifest declares or uses, sorted by name. */
  topics: TopicModel[];
}

/** How the application uses a topic. */
export type TopicUse = 'published' | 'consumed' | 'retry' | 'dead-letter';

/** A topic with the settings it is created with: the manifest's `topics` entry over `topicDefaults`. */
export interface TopicModel {
  name: string;
  description: string | undefined;
  /** Undefined: the broker's default. */
  partitions: number | undefined;
  replicationFactor: number | undefined;
  /** Topic configs, values as text, sorted by name. */
  config: Record<string, string>;
  /** A dead-letter topic: declared `deadLetter: true`, or some subscription's `deadLetterTopic`. */
  deadLetter: boolean;
  /** How the application uses it, sorted; empty for a topic only declared (e.g. a stream's output). */
  uses: TopicUse[];
  /** Pointer of its `topics` entry, e.g. `/topics/order-events`; undefined when only a message names it. */
  pointer: string | undefined;
}

export interface CompatibilityModel {
  mode: CompatibilityMode | undefined;
  lenient: boolean | undefined;
}

export interface MessageModel {
  name: string;
  /** Absolute path of the message's JSON Schema. */
  schemaFile: string;
  /** Schema path relative to `projectDir`. */
  schemaDisplay: string;
  topic: string;
  /** CloudEvents `type`. */
  type: string;
  subject: string | undefined;
  description: string | undefined;
  partitionKey: PartitionKeyModel | undefined;
  compatibility: CompatibilityModel | undefined;
  /** Pointer of this message in the manifest, e.g. `/messages/OrderPlaced`. */
  pointer: string;
}

export type PartitionKeyModel =
  | { strategy: 'message-id' }
  | { strategy: 'unique-key' }
  | { strategy: 'round-robin' }
  | { strategy: 'sticky'; durationMs: number }
  | { strategy: 'time-window'; windowMs: number }
  | { strategy: 'property'; property: string }
  | { strategy: 'murmur3'; property: string }
  | { strategy: 'custom'; module: string; exportName: string };

export interface ProducerModel {
  name: string;
  description: string | undefined;
  /** In manifest order, without duplicates. */
  messages: string[];
  clientId: string | undefined;
  /** CloudEvents `source` of this producer; the manifest's `source` when absent. */
  source: string;
  acks: -1 | 0 | 1 | undefined;
  idempotent: boolean | undefined;
  compression: 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd' | undefined;
  lingerMs: number | undefined;
  batchSize: number | undefined;
  maxInFlight: number | undefined;
  retries: number | undefined;
  timeoutMs: number | undefined;
  pointer: string;
}

export type RetryModel =
  | {
      mode: 'in-process';
      maxAttempts: number | undefined;
      initialBackoffMs: number | undefined;
      exponential: boolean | undefined;
      maxBackoffMs: number | undefined;
      jitter: number | undefined;
    }
  | { mode: 'topic-chain'; nextTopic: string }
  | { mode: 'none' };

export interface SubscriptionModel {
  name: string;
  description: string | undefined;
  topic: string;
  /** Message names, in manifest order, without duplicates. */
  messages: string[];
  groupId: string;
  consumers: number | undefined;
  retry: RetryModel | undefined;
  deadLetterTopic: string | undefined;
  processingDelayMs: number | undefined;
  onExhausted: 'stop' | 'skip' | undefined;
  concurrency: number | undefined;
  fromBeginning: boolean | undefined;
  pointer: string;
}
