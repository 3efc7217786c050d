import type { KStream, WindowedTable } from '../KStream.js';
import { JsonSinkNode } from '../topology/JsonSinkNode.js';
import type { RootNode } from '../topology/RootNode.js';
import type { WindowAggregateNode } from '../topology/WindowAggregateNode.js';
import type { DslContext } from './DslContext.js';

/** The results of one windowed aggregation node. */
export class WindowedTableImpl<R> implements WindowedTable<R> {
  readonly #context: DslContext;
  readonly #root: RootNode;
  readonly #node: WindowAggregateNode;

  constructor(context: DslContext, root: RootNode, node: WindowAggregateNode) {
    this.#context = context;
    this.#root = root;
    this.#node = node;
  }

  toStream(): KStream<R> {
    return this.#context.stream<R>(this.#root, this.#node);
  }

  to(topicName: string): void {
    this.#context.topology.sinkId(topicName);
    this.#node.add(new JsonSinkNode(topicName));
  }
}
