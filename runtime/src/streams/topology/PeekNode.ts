import type { RecordContext } from '../RecordContext.js';
import type { ProcessingContext } from '../processing/ProcessingContext.js';
import { Node, type NodeContext } from './Node.js';

/**
 * Calls `action` and forwards the value unchanged. The action runs when the
 * record is processed, before its chunk commits: after a crash it may run again
 * for the same record (also in exactly-once mode, which covers Kafka writes only).
 */
export class PeekNode extends Node {
  readonly #action: (value: unknown, context: RecordContext) => void;

  constructor(action: (value: unknown, context: RecordContext) => void) {
    super();
    this.#action = action;
  }

  process(value: unknown, context: NodeContext, pc: ProcessingContext): void {
    this.#action(value, context);
    this.forward(value, context, pc);
  }
}
