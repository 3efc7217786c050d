import type { RecordContext } from '../RecordContext.js';
import type { ProcessingContext } from '../processing/ProcessingContext.js';
import { Node, PassNode, type NodeContext } from './Node.js';

/**
 * Routes each value to the first branch whose predicate accepts it, as Kafka
 * Streams' `branch`/`split`: a value goes to one branch at most, and a value no
 * predicate accepts is dropped (add a last `() => true` branch for "the rest").
 */
export class BranchNode extends Node {
  readonly #predicates: ReadonlyArray<(value: unknown, context: RecordContext) => boolean>;
  readonly branches: readonly PassNode[];

  constructor(predicates: ReadonlyArray<(value: unknown, context: RecordContext) => boolean>) {
    super();
    this.#predicates = predicates;
    this.branches = predicates.map(() => new PassNode());
    // Children too, so that walks over the graph see the branches; routing goes through `branches`.
    for (const branch of this.branches) this.children.push(branch);
  }

  process(value: unknown, context: NodeContext, pc: ProcessingContext): void {
    for (let i = 0; i < this.#predicates.length; i++) {
      if (this.#predicates[i]!(value, context)) {
        this.branches[i]!.process(value, context, pc);
        return;
      }
    }
  }
}
