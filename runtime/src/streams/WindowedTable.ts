import { KStreamImpl, type KStream } from './KStream.js';
import { JsonSinkNode } from './topology/JsonSinkNode.js';
import type { RootNode } from './topology/RootNode.js';
import type { Topology } from './topology/Topology.js';
import type { WindowAggregateNode } from './topology/WindowAggregateNode.js';

/**
 * The results of a windowed aggregation (Kafka Streams' windowed `KTable`):
 * one result per key and window, updated as records arrive (or final only,
 * with `emit: 'final'`).
 */
export interface WindowedTable<R> {
  /** The results as a stream, to transform and write to a typed topic: `toStream().map(...).to(topic)`. */
  toStream(): KStream<R>;
  /**
   * Writes the results as plain JSON records `{key, windowStart, windowEnd, value}`
   * keyed by the group key. Readers keep the last result per key and window.
   */
  to(topicName: string): void;
}

/** @internal */
export class WindowedTableImpl<R> implements WindowedTable<R> {
  readonly #topology: Topology;
  readonly #root: RootNode;
  readonly #node: WindowAggregateNode;

  constructor(topology: Topology, root: RootNode, node: WindowAggregateNode) {
    this.#topology = topology;
    this.#root = root;
    this.#node = node;
  }

  toStream(): KStream<R> {
    return new KStreamImpl<R>(this.#topology, this.#root, this.#node);
  }

  to(topicName: string): void {
    this.#topology.sinkId(topicName);
    this.#node.add(new JsonSinkNode(topicName));
  }
}
