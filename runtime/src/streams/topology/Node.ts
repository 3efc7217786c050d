import type { RecordContext } from '../RecordContext.js';
import type { ProcessingContext } from '../processing/ProcessingContext.js';

/**
 * The record context inside the topology: adds `origin`, which seeds the
 * deterministic ids of messages made from this record, so that a record
 * processed twice (at-least-once) yields messages with the same ids.
 */
export interface NodeContext extends RecordContext {
  readonly origin: string;
}

/**
 * A processor in the topology graph. Values are `unknown` here: the typed
 * `KStream` API is what guarantees each node receives what its function expects.
 * A node with several children forwards each value to all of them (a fork).
 */
export abstract class Node {
  readonly children: Node[] = [];

  abstract process(value: unknown, context: NodeContext, pc: ProcessingContext): void;

  add<N extends Node>(child: N): N {
    this.children.push(child);
    return child;
  }

  protected forward(value: unknown, context: NodeContext, pc: ProcessingContext): void {
    for (const child of this.children) child.process(value, context, pc);
  }
}

/** Passes values through unchanged: the head of a branch. */
export class PassNode extends Node {
  process(value: unknown, context: NodeContext, pc: ProcessingContext): void {
    this.forward(value, context, pc);
  }
}
