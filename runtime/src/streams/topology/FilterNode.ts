import type { RecordContext } from '../RecordContext.js';
import type { ProcessingContext } from '../processing/ProcessingContext.js';
import { Node, type NodeContext } from './Node.js';

/** Forwards the values `predicate` accepts. */
export class FilterNode extends Node {
  readonly #predicate: (value: unknown, context: RecordContext) => boolean;

  constructor(predicate: (value: unknown, context: RecordContext) => boolean) {
    super();
    this.#predicate = predicate;
  }

  process(value: unknown, context: NodeContext, pc: ProcessingContext): void {
    if (this.#predicate(value, context)) this.forward(value, context, pc);
  }
}
