import type { RecordContext } from '../RecordContext.js';
import type { ProcessingContext } from '../processing/ProcessingContext.js';
import { Node, type NodeContext } from './Node.js';

/** Forwards `mapper(value)`. */
export class MapNode extends Node {
  readonly #mapper: (value: unknown, context: RecordContext) => unknown;

  constructor(mapper: (value: unknown, context: RecordContext) => unknown) {
    super();
    this.#mapper = mapper;
  }

  process(value: unknown, context: NodeContext, pc: ProcessingContext): void {
    this.forward(this.#mapper(value, context), context, pc);
  }
}
