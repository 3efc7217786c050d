import type { GroupKey } from '../GroupKey.js';
import type { BranchedStreams, GroupByKeyOptions, GroupByOptions, GroupedStream, KStream, StreamPredicate } from '../KStream.js';
import type { RecordContext } from '../RecordContext.js';
import type { TopicAccepts, TopicDescriptor } from '../TopicDescriptor.js';
import { BranchNode } from '../topology/BranchNode.js';
import { FilterNode } from '../topology/FilterNode.js';
import { FlatMapNode } from '../topology/FlatMapNode.js';
import { KeyGroupNode } from '../topology/KeyGroupNode.js';
import { MapNode } from '../topology/MapNode.js';
import type { Node } from '../topology/Node.js';
import { PeekNode } from '../topology/PeekNode.js';
import { RepartitionSinkNode } from '../topology/RepartitionSinkNode.js';
import type { RootNode } from '../topology/RootNode.js';
import { TopicSinkNode } from '../topology/TopicSinkNode.js';
import type { Topology } from '../topology/Topology.js';
import type { DslContext } from './DslContext.js';
import { GroupedStreamImpl } from './GroupedStreamImpl.js';

/** The DSL context of an app's topology: streams made through it are `KStreamImpl`s. */
export function dslContext(topology: Topology): DslContext {
  const context: DslContext = {
    topology,
    stream: <V>(root: RootNode, node: Node): KStream<V> => new KStreamImpl<V>(context, root, node),
  };
  return context;
}

/** The one implementation of `KStream`: typed values over untyped topology nodes. */
export class KStreamImpl<V> implements KStream<V> {
  readonly #context: DslContext;
  readonly #root: RootNode;
  readonly #node: Node;

  constructor(context: DslContext, root: RootNode, node: Node) {
    this.#context = context;
    this.#root = root;
    this.#node = node;
  }

  #then<R>(node: Node): KStream<R> {
    return new KStreamImpl<R>(this.#context, this.#root, this.#node.add(node));
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
    return node.branches.map((branch) => new KStreamImpl<unknown>(this.#context, this.#root, branch)) as unknown as BranchedStreams<V, P>;
  }

  groupBy<K extends GroupKey>(selector: (value: V, context: RecordContext) => K, options: GroupByOptions = {}): GroupedStream<K, V> {
    const topology = this.#context.topology;
    const group = topology.repartition(this.#root, options.name, options.partitions);
    this.#node.add(new RepartitionSinkNode(group.topic, selector as (value: unknown, context: RecordContext) => K));
    return new GroupedStreamImpl<K, V>(this.#context, topology.grouping(group));
  }

  groupByKey(options: GroupByKeyOptions = {}): GroupedStream<string, V> {
    const node = this.#node.add(new KeyGroupNode());
    return new GroupedStreamImpl<string, V>(this.#context, this.#context.topology.keyGrouping(this.#root, node, options.name));
  }

  to<Top extends TopicDescriptor>(topic: Top & TopicAccepts<V, Top>): void {
    this.#node.add(new TopicSinkNode(topic, this.#context.topology.sinkId(topic.name)));
  }
}
