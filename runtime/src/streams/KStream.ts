import { GroupedStreamImpl, type GroupedStream } from './GroupedStream.js';
import type { GroupKey } from './GroupKey.js';
import type { RecordContext } from './RecordContext.js';
import type { TopicAccepts, TopicDescriptor } from './TopicDescriptor.js';
import { BranchNode } from './topology/BranchNode.js';
import { FilterNode } from './topology/FilterNode.js';
import { FlatMapNode } from './topology/FlatMapNode.js';
import { KeyGroupNode } from './topology/KeyGroupNode.js';
import { MapNode } from './topology/MapNode.js';
import type { Node } from './topology/Node.js';
import { PeekNode } from './topology/PeekNode.js';
import { RepartitionSinkNode } from './topology/RepartitionSinkNode.js';
import type { RootNode } from './topology/RootNode.js';
import { TopicSinkNode } from './topology/TopicSinkNode.js';
import type { Topology } from './topology/Topology.js';

/** A predicate of `filter` and `branch`. */
export type StreamPredicate<V> = (value: V, context: RecordContext) => boolean;

/** What a branch predicate lets through: the guarded type for a type guard, else the stream's type. */
export type BranchValue<V, P> = P extends (value: V, context: RecordContext) => value is (infer S extends V) ? S : V;

/** The streams `branch` returns, one per predicate, in order. */
export type BranchedStreams<V, P extends readonly unknown[]> = { -readonly [I in keyof P]: KStream<BranchValue<V, P[I]>> };

export interface GroupByOptions {
  /**
   * Names the repartition topic `<applicationId>-<name>-repartition`. Defaults to
   * `group-<n>` in declaration order; name it so the topic survives topology changes.
   */
  name?: string;
  /** Partitions of the repartition topic (and of its aggregations' changelogs). Default: those of the upstream topic. */
  partitions?: number;
}

export interface GroupByKeyOptions {
  /** Prefix of the names of its unnamed aggregations (`<name>-count`...). Default `bykey-<n>` in declaration order. */
  name?: string;
}

/**
 * A stream of values of type `V`, read from a topic and transformed record by
 * record. Operators return new streams; calling several operators on one stream
 * forks it (each gets every value). Nothing runs until the app starts.
 *
 * Operator functions run synchronously, once per record, in partition order.
 */
export interface KStream<V> {
  /** Keeps the values `predicate` accepts; a type guard narrows the stream's type. */
  filter<S extends V>(predicate: (value: V, context: RecordContext) => value is S): KStream<S>;
  filter(predicate: StreamPredicate<V>): KStream<V>;
  /** Transforms each value into one new value. */
  map<R>(mapper: (value: V, context: RecordContext) => R): KStream<R>;
  /** Transforms each value into zero or more values. */
  flatMap<R>(mapper: (value: V, context: RecordContext) => Iterable<R>): KStream<R>;
  /** Runs a side effect (logging, metrics) and passes the value on unchanged. */
  peek(action: (value: V, context: RecordContext) => void): KStream<V>;
  /**
   * Routes each value to the stream of the first predicate that accepts it (a
   * value matching none is dropped), e.g. to send each kind to its own topic:
   * `const [large, rest] = s.branch((o) => o.amount > 100, () => true)`.
   */
  branch<P extends readonly StreamPredicate<V>[]>(...predicates: P): BranchedStreams<V, P>;
  /**
   * Groups values by a key for windowed aggregation. Values are repartitioned
   * through an internal topic keyed by the group key, so each key is aggregated
   * in one place however many instances run. Values cross that topic as JSON.
   */
  groupBy<K extends GroupKey>(selector: (value: V, context: RecordContext) => K, options?: GroupByOptions): GroupedStream<K, V>;
  /**
   * Groups values by their record key (UTF-8 text) for windowed aggregation, in
   * place: no repartition topic, as Kafka Streams' `groupByKey` after operators
   * that keep the key (all of ksdk's do). The input must be partitioned by that key,
   * as a ksdk or Java producer keying by it does. Records without a key are dropped.
   */
  groupByKey(options?: GroupByKeyOptions): GroupedStream<string, V>;
  /**
   * Writes each value to `topic` as one of its messages. Compiles only when the
   * stream's values are the topic's message type (with or without `id` and
   * `timeStamp`, which are filled in).
   */
  to<Top extends TopicDescriptor>(topic: Top & TopicAccepts<V, Top>): void;
}

/** @internal The one implementation of `KStream`; typed values over untyped nodes. */
export class KStreamImpl<V> implements KStream<V> {
  readonly #topology: Topology;
  readonly #root: RootNode;
  readonly #node: Node;

  constructor(topology: Topology, root: RootNode, node: Node) {
    this.#topology = topology;
    this.#root = root;
    this.#node = node;
  }

  #then<R>(node: Node): KStream<R> {
    return new KStreamImpl<R>(this.#topology, this.#root, this.#node.add(node));
  }

  filter<S extends V>(predicate: (value: V, context: RecordContext) => value is S): KStream<S>;
  filter(predicate: StreamPredicate<V>): KStream<V>;
  filter(predicate: StreamPredicate<V>): KStream<V> {
    return this.#then<V>(new FilterNode(predicate as StreamPredicate<unknown>));
  }

  map<R>(mapper: (value: V, context: RecordContext) => R): KStream<R> {
    return this.#then<R>(new MapNode(mapper as (value: unknown, context: RecordContext) => unknown));
  }

  flatMap<R>(mapper: (value: V, context: RecordContext) => Iterable<R>): KStream<R> {
    return this.#then<R>(new FlatMapNode(mapper as (value: unknown, context: RecordContext) => Iterable<unknown>));
  }

  peek(action: (value: V, context: RecordContext) => void): KStream<V> {
    return this.#then<V>(new PeekNode(action as (value: unknown, context: RecordContext) => void));
  }

  branch<P extends readonly StreamPredicate<V>[]>(...predicates: P): BranchedStreams<V, P> {
    const node = this.#node.add(new BranchNode(predicates as readonly StreamPredicate<unknown>[]));
    return node.branches.map((branch) => new KStreamImpl<unknown>(this.#topology, this.#root, branch)) as unknown as BranchedStreams<V, P>;
  }

  groupBy<K extends GroupKey>(selector: (value: V, context: RecordContext) => K, options: GroupByOptions = {}): GroupedStream<K, V> {
    const group = this.#topology.repartition(this.#root, options.name, options.partitions);
    this.#node.add(new RepartitionSinkNode(group.topic, selector as (value: unknown, context: RecordContext) => K));
    return new GroupedStreamImpl<K, V>(this.#topology, this.#topology.grouping(group));
  }

  groupByKey(options: GroupByKeyOptions = {}): GroupedStream<string, V> {
    const node = this.#node.add(new KeyGroupNode());
    return new GroupedStreamImpl<string, V>(this.#topology, this.#topology.keyGrouping(this.#root, node, options.name));
  }

  to<Top extends TopicDescriptor>(topic: Top & TopicAccepts<V, Top>): void {
    this.#node.add(new TopicSinkNode(topic, this.#topology.sinkId(topic.name)));
  }
}
