import type { ClientFactory } from '../transport/ClientFactory.js';
import type { TransportConsumerConfig } from '../transport/TransportConsumer.js';
import type { TransportProducerConfig } from '../transport/TransportProducer.js';
import type { AssignmentStrategy } from './assignPartitions.js';
import { InMemoryAdmin } from './InMemoryAdmin.js';
import { InMemoryCluster } from './InMemoryCluster.js';
import { InMemoryConsumer } from './InMemoryConsumer.js';
import { InMemoryProducer } from './InMemoryProducer.js';
import type { InMemoryRecord } from './TopicLog.js';

export interface InMemoryKafkaOptions {
  /** Topics to create up front: name → partition count. */
  topics?: Readonly<Record<string, number>>;
  /**
   * Create a topic the first time a producer, consumer or admin names it, with
   * `defaultPartitions` partitions. Default false: as on a broker with
   * `auto.create.topics.enable=false`, an unknown topic fails with
   * UNKNOWN_TOPIC_OR_PARTITION. (ksdk's clients ask for no auto-creation, so
   * this switch is the in-memory broker's, not the client's.)
   */
  autoCreateTopics?: boolean;
  /** Partitions of auto-created topics and of `createTopic` without a count. Default 1. */
  defaultPartitions?: number;
  /** How groups share partitions. Default `round-robin` (kafkajs's default assigner). */
  assignment?: AssignmentStrategy;
  /** Clock for record timestamps and commit intervals, in ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Most records handed to one `eachBatch` call. Default 500. */
  maxBatchSize?: number;
  /** Largest record (key + value + headers) a producer may write; larger fails with MESSAGE_TOO_LARGE. Default 1048588 (Kafka's). */
  maxMessageBytes?: number;
  /** Pause after an `eachBatch` that threw before the consumer goes on. Default 100 ms. */
  crashRestartMs?: number;
}

/**
 * A Kafka broker in memory, as ksdk's transport (a `ClientFactory`): pass it as
 * `factory` in `ConsumerOptions`/`ProducerOptions` and the runtime runs
 * unchanged, with no broker and no network.
 *
 * Why a transport rather than mocks: handlers, retries, dead-lettering and
 * commits are the runtime's code paths; only the clients underneath change. The
 * in-memory clients keep Kafka's semantics where ksdk depends on them
 * (partitions, Java-compatible key placement, consumer groups with rebalances,
 * committed offsets, pause/resume/seek, batch delivery), and one behavioural
 * contract suite (`test/contract/`) holds them and the real broker to the same
 * cases. Not modelled: transactions, retention, compaction, replication, quotas.
 *
 * Its clients implement the transport port (`TransportProducer`,
 * `TransportConsumer`, `TransportAdmin`) and, for tests of the broker itself,
 * some more of kafkajs's API with kafkajs's shapes (`eachMessage`,
 * `commitOffsets`, instrumentation events, `setOffsets`...).
 *
 * Loading this module never loads kafkajs: kafkajs appears in type positions only.
 */
export class InMemoryKafka implements ClientFactory {
  readonly #cluster: InMemoryCluster;
  /** From `autoCreateTopics`: ksdk's producers and subscriptions skip their topic-existence check then. */
  readonly autoCreatesTopics: boolean;

  constructor(options: InMemoryKafkaOptions = {}) {
    this.autoCreatesTopics = options.autoCreateTopics ?? false;
    this.#cluster = new InMemoryCluster({
      now: options.now ?? Date.now,
      autoCreateTopics: options.autoCreateTopics ?? false,
      defaultPartitions: options.defaultPartitions ?? 1,
      assignment: options.assignment ?? 'round-robin',
      maxBatchSize: options.maxBatchSize ?? 500,
      maxMessageBytes: options.maxMessageBytes ?? 1_048_588,
      crashRestartMs: options.crashRestartMs ?? 100,
    });
    for (const [topic, partitions] of Object.entries(options.topics ?? {})) this.#cluster.createTopic(topic, partitions);
  }

  createProducer(config: TransportProducerConfig = {}): InMemoryProducer {
    return new InMemoryProducer(this.#cluster, config);
  }

  createConsumer(config: TransportConsumerConfig): InMemoryConsumer {
    return new InMemoryConsumer(this.#cluster, config);
  }

  createAdmin(): InMemoryAdmin {
    return new InMemoryAdmin(this.#cluster);
  }

  /** Creates a topic; false if it exists already. */
  createTopic(name: string, partitions?: number): boolean {
    return this.#cluster.createTopic(name, partitions);
  }

  /** Partition count of a topic, or undefined if it does not exist. */
  partitionCount(topic: string): number | undefined {
    return this.#cluster.topic(topic)?.partitionCount;
  }

  topics(): string[] {
    return this.#cluster.topicNames();
  }

  /** Every record of a topic, by partition then offset (e.g. what reached a dead-letter topic). */
  records(topic: string): InMemoryRecord[] {
    return this.#cluster.topic(topic)?.all() ?? [];
  }

  /**
   * Committed offsets of a group on a topic, by partition: the next offset the
   * group will read, `'-1'` where nothing is committed.
   */
  committedOffsets(groupId: string, topic: string): Record<number, string> {
    const group = this.#cluster.existingGroup(groupId);
    const out: Record<number, string> = {};
    for (let p = 0; p < this.#cluster.partitionCount(topic); p++) out[p] = group?.committedOffset(topic, p) ?? '-1';
    return out;
  }
}
