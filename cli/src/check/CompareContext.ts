import type { NormSchema } from './NormSchema.js';
import type { SchemaFinding } from './SchemaFinding.js';

/** Compares two normalized schemas at a JSON pointer: `compareSchemas`. */
export type CompareSchemas = (previous: NormSchema, next: NormSchema, path: string, ctx: CompareContext) => SchemaFinding[];

export interface CompareOptions {
  /**
   * Treat a property added to an open content model as compatible when old data
   * cannot lack it (it is optional, or has a default). Off by default: Schema
   * Registry reports `OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL` (and
   * `REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL`) as incompatible,
   * because data written with an open schema may already carry that property
   * with any value. Safe when producers never send undeclared properties.
   */
  readonly lenient: boolean;
}

/**
 * State shared by one comparison: options, the pairs in progress (recursive
 * schemas), and the comparison itself, which the rules call for subschemas
 * (`ctx.compare`) instead of importing `compareSchemas`, which imports them.
 */
export class CompareContext {
  private readonly inProgress = new Map<NormSchema, Set<NormSchema>>();

  constructor(
    readonly options: CompareOptions,
    private readonly compareSchemas: CompareSchemas,
  ) {}

  /** Every change between two subschemas at `path`. */
  compare(previous: NormSchema, next: NormSchema, path: string): SchemaFinding[] {
    return this.compareSchemas(previous, next, path, this);
  }

  /** Marks a pair as being compared; false when it already is (a cycle, which counts as compatible). */
  enter(previous: NormSchema, next: NormSchema): boolean {
    let set = this.inProgress.get(previous);
    if (set === undefined) {
      set = new Set();
      this.inProgress.set(previous, set);
    }
    if (set.has(next)) return false;
    set.add(next);
    return true;
  }

  leave(previous: NormSchema, next: NormSchema): void {
    this.inProgress.get(previous)?.delete(next);
  }
}
