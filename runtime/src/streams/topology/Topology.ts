import { KsdkError } from '../../errors/KsdkError.js';
import type { TimestampExtractor } from '../TimestampExtractor.js';
import type { TopicDescriptor } from '../TopicDescriptor.js';
import { InternalTopic } from './InternalTopic.js';
import type { Grouping } from './Grouping.js';
import type { Node } from './Node.js';
import { RepartitionSourceNode } from './RepartitionSourceNode.js';
import type { RootNode } from './RootNode.js';
import { SourceNode } from './SourceNode.js';
import { WindowAggregateNode } from './WindowAggregateNode.js';

const NAME = /^[a-zA-Z0-9._-]+$/;

/**
 * The processor graph a stream app builds: one root per consumed topic (user
 * topics and internal repartition topics), the internal topics, and the names
 * that make internal topic names. Built in code, frozen at `start()`.
 *
 * Internal topics are named as in Kafka Streams: `<applicationId>-<name>-repartition`
 * and `<applicationId>-<name>-changelog`.
 */
export class Topology {
  readonly applicationId: string;
  readonly roots = new Map<string, RootNode>();
  readonly internalTopics: InternalTopic[] = [];
  /** Topics `to()` writes to (checked to exist at start), by name. */
  readonly outputTopics = new Set<string>();
  readonly #names = new Set<string>();
  #groups = 0;
  #keyGroups = 0;
  #sinks = 0;
  #frozen = false;

  constructor(applicationId: string) {
    if (!NAME.test(applicationId)) throw new KsdkError('KSDK_CONFIG', `applicationId "${applicationId}" may only contain letters, digits, '.', '_' and '-'`);
    this.applicationId = applicationId;
  }

  #assertOpen(): void {
    if (this.#frozen) throw new KsdkError('KSDK_CONFIG', `stream app ${this.applicationId} has started: its topology can no longer change`);
  }

  freeze(): void {
    this.#frozen = true;
  }

  source(topic: TopicDescriptor, extractor: TimestampExtractor<unknown> | undefined): SourceNode {
    this.#assertOpen();
    const existing = this.roots.get(topic.name);
    if (existing instanceof SourceNode) {
      if (extractor !== undefined && existing.extractor !== extractor) {
        throw new KsdkError('KSDK_CONFIG', `stream app ${this.applicationId}: topic ${topic.name} is already streamed with another timestamp extractor; a topic has one event time`);
      }
      return existing;
    }
    if (existing) throw new KsdkError('KSDK_CONFIG', `topic ${topic.name} is an internal topic of this app`);
    const node = new SourceNode(topic, extractor);
    this.roots.set(topic.name, node);
    return node;
  }

  #claim(name: string, what: string): string {
    if (!NAME.test(name)) throw new KsdkError('KSDK_CONFIG', `${what} name "${name}" may only contain letters, digits, '.', '_' and '-'`);
    if (this.#names.has(name)) throw new KsdkError('KSDK_CONFIG', `stream app ${this.applicationId}: the name "${name}" is used twice; names make internal topic names and must be unique`);
    this.#names.add(name);
    return name;
  }

  /** The repartition topic of a `groupBy` and the root that reads it back. */
  repartition(upstream: RootNode, name: string | undefined, partitions: number | undefined): RepartitionSourceNode {
    this.#assertOpen();
    this.#groups++;
    const groupName = this.#claim(name ?? `group-${this.#groups}`, 'groupBy');
    if (partitions !== undefined && (!Number.isInteger(partitions) || partitions < 1)) {
      throw new KsdkError('KSDK_CONFIG', `groupBy ${groupName}: partitions must be a positive integer, got ${partitions}`);
    }
    const topic = new InternalTopic(`${this.applicationId}-${groupName}-repartition`, 'repartition', partitionSource(upstream), partitions);
    this.internalTopics.push(topic);
    const root = new RepartitionSourceNode(topic);
    this.roots.set(topic.name, root);
    return root;
  }

  /** The grouping of a `groupBy`: its repartition topic's reader. */
  grouping(group: RepartitionSourceNode): Grouping {
    const name = group.topic.name.slice(this.applicationId.length + 1, -'-repartition'.length);
    return { root: group, node: group, name, partitionsFrom: group.topic };
  }

  /** The grouping of a `groupByKey` at `node`, in the sub-topology of `root`. */
  keyGrouping(root: RootNode, node: Node, name: string | undefined): Grouping {
    this.#assertOpen();
    this.#keyGroups++;
    const groupName = name ?? `bykey-${this.#keyGroups}`;
    if (!NAME.test(groupName)) throw new KsdkError('KSDK_CONFIG', `groupByKey name "${groupName}" may only contain letters, digits, '.', '_' and '-'`);
    return { root, node, name: groupName, partitionsFrom: partitionSource(root) };
  }

  /** The changelog of an aggregation; co-partitioned with the topic whose partitions are its tasks. */
  changelog(grouping: Grouping, operation: string, name: string | undefined): { name: string; topic: InternalTopic } {
    this.#assertOpen();
    const groupName = grouping.name;
    let aggregationName = name;
    if (aggregationName === undefined) {
      aggregationName = `${groupName}-${operation}`;
      for (let i = 2; this.#names.has(aggregationName); i++) aggregationName = `${groupName}-${operation}-${i}`;
    }
    this.#claim(aggregationName, 'aggregation');
    const topic = new InternalTopic(`${this.applicationId}-${aggregationName}-changelog`, 'changelog', grouping.partitionsFrom);
    this.internalTopics.push(topic);
    return { name: aggregationName, topic };
  }

  /** A stable id per sink, part of the seed of the message ids it derives. */
  sinkId(topic: string): string {
    this.#assertOpen();
    this.#sinks++;
    this.outputTopics.add(topic);
    return `${this.#sinks}:${topic}`;
  }

  /** The aggregations a root's records reach (a sub-topology never crosses a repartition topic). */
  aggregationsOf(root: RootNode): WindowAggregateNode[] {
    const found: WindowAggregateNode[] = [];
    const visit = (node: Node) => {
      if (node instanceof WindowAggregateNode) found.push(node);
      for (const child of node.children) visit(child);
    };
    visit(root);
    return found;
  }
}

/** The topic whose partitions are the tasks of the sub-topology starting at `root`. */
function partitionSource(root: RootNode): string | InternalTopic {
  return root instanceof RepartitionSourceNode ? root.topic : root.topicName;
}
