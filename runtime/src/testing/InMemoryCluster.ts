import type { AssignmentStrategy } from './assignPartitions.js';
import { ChangeSignal } from './ChangeSignal.js';
import { InMemoryGroup } from './InMemoryGroup.js';
import { KafkaProtocolError } from './KafkaProtocolError.js';
import { TopicLog } from './TopicLog.js';

export interface ClusterSettings {
  readonly now: () => number;
  readonly autoCreateTopics: boolean;
  readonly defaultPartitions: number;
  readonly assignment: AssignmentStrategy;
  readonly maxBatchSize: number;
  readonly maxMessageBytes: number;
  readonly crashRestartMs: number;
}

/**
 * The state of the in-memory broker that every client of one `InMemoryKafka`
 * shares: topics, consumer groups and the change signal fetch loops wait on.
 */
export class InMemoryCluster {
  readonly settings: ClusterSettings;
  readonly signal = new ChangeSignal();
  readonly #topics = new Map<string, TopicLog>();
  readonly #groups = new Map<string, InMemoryGroup>();
  #members = 0;

  constructor(settings: ClusterSettings) {
    this.settings = settings;
  }

  now(): number {
    return this.settings.now();
  }

  /** Creates a topic; false if it exists already (its partition count and configs are left as they are). */
  createTopic(name: string, partitions: number = this.settings.defaultPartitions, config: Readonly<Record<string, string>> = {}): boolean {
    if (!Number.isInteger(partitions) || partitions < 1) throw new KafkaProtocolError('INVALID_PARTITIONS', `${name}: ${partitions}`);
    if (this.#topics.has(name)) return false;
    this.#topics.set(name, new TopicLog(name, partitions, config));
    this.signal.notify();
    return true;
  }

  deleteTopic(name: string): boolean {
    const existed = this.#topics.delete(name);
    for (const group of this.#groups.values()) group.forgetTopic(name);
    if (existed) this.signal.notify();
    return existed;
  }

  /** Grows a topic to `count` partitions and lets the groups reading it rebalance. */
  growTopic(name: string, count: number): void {
    const topic = this.requireTopic(name, false);
    if (!Number.isInteger(count) || count <= topic.partitionCount) {
      throw new KafkaProtocolError('INVALID_PARTITIONS', `${name} has ${topic.partitionCount} partition(s); asked for ${count}`);
    }
    topic.growTo(count);
    for (const group of this.#groups.values()) group.topicGrew(name);
    this.signal.notify();
  }

  topic(name: string): TopicLog | undefined {
    return this.#topics.get(name);
  }

  /**
   * The topic, created on first use when the broker auto-creates topics;
   * otherwise a missing topic fails as on a broker (UNKNOWN_TOPIC_OR_PARTITION).
   */
  requireTopic(name: string, mayCreate = true): TopicLog {
    let topic = this.#topics.get(name);
    if (!topic && mayCreate && this.settings.autoCreateTopics) {
      this.createTopic(name);
      topic = this.#topics.get(name);
    }
    if (!topic) throw new KafkaProtocolError('UNKNOWN_TOPIC_OR_PARTITION', name);
    return topic;
  }

  topicNames(): string[] {
    return [...this.#topics.keys()].sort();
  }

  partitionCount(topic: string): number {
    return this.#topics.get(topic)?.partitionCount ?? 0;
  }

  group(groupId: string): InMemoryGroup {
    let group = this.#groups.get(groupId);
    if (!group) {
      group = new InMemoryGroup(groupId, this.settings.assignment, (topic) => this.partitionCount(topic), () => this.now());
      this.#groups.set(groupId, group);
    }
    return group;
  }

  existingGroup(groupId: string): InMemoryGroup | undefined {
    return this.#groups.get(groupId);
  }

  groupIds(): string[] {
    return [...this.#groups.keys()].sort();
  }

  deleteGroup(groupId: string): boolean {
    const group = this.#groups.get(groupId);
    if (!group || group.members.length > 0) return false;
    return this.#groups.delete(groupId);
  }

  /** Member ids in join order: deterministic, unlike kafkajs's random ones. */
  nextMemberId(clientId: string): string {
    this.#members++;
    return `${clientId}-${this.#members}`;
  }
}
