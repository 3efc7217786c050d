import type { RecordContext } from '../RecordContext.js';
import type { ProcessingContext } from '../processing/ProcessingContext.js';
import { Node, type NodeContext } from './Node.js';

/** Forwards every value `mapper(value)` yields, in order; an empty result drops the record. */
export class FlatMapNode extends Node {
  readonly #mapper: (value: unknown, context: RecordContext) => Iterable<unknown>;

  constructor(mapper: (value: unknown, context: RecordContext) => Iterable<unknown>) {
    super();
    this.#mapper = mapper;
  }

  process(value: unknown, context: NodeContext, pc: ProcessingContext): void {
    for (const out of this.#mapper(value, context)) this.forward(out, context, pc);
  }
}
