import path from 'node:path';
import { getAtPointer } from '../util/pointer.js';
import { locationKey, type SchemaFile, type SchemaLocation } from './SchemaFile.js';

/**
 * Every schema document reachable from the messages' schemas, every `$ref`
 * resolved to a file and pointer, and every titled subschema: what both the
 * validator bundler and the type generator work from. Building it fails with
 * a located error on a missing file, a syntax error, an unresolvable or a
 * refused remote `$ref`.
 */
export class SchemaGraph {
  /** Loaded documents by id (absolute path or URL), in load order. */
  readonly files = new Map<string, SchemaFile>();
  /** `$ref` sites (`locationKey` of the schema object holding `$ref`) → target location key. */
  readonly refs = new Map<string, string>();
  /** Every `$ref` target by location key, in discovery order. */
  readonly targets = new Map<string, SchemaLocation>();
  /** Subschemas with a `title` (not the root of a message's schema), in discovery order. */
  readonly titled = new Map<string, SchemaLocation>();
  /** Message name → its schema file. */
  readonly roots = new Map<string, SchemaFile>();

  /** True when `file` is the schema of a message. */
  isMessageRoot(file: SchemaFile): boolean {
    // Rebuilt when a message was added since: `roots` is filled before the files are walked.
    if (this.#rootIds?.messages !== this.roots.size) this.#rootIds = { messages: this.roots.size, ids: new Set([...this.roots.values()].map((root) => root.id)) };
    return this.#rootIds.ids.has(file.id);
  }

  #rootIds: { messages: number; ids: Set<string> } | undefined;

  /** The node at a location. */
  node(location: SchemaLocation): unknown {
    const found = getAtPointer(location.file.doc.value, location.pointer);
    return found.found ? found.value : undefined;
  }

  /** The target of the `$ref` held by the schema object at (file, pointer). */
  refTarget(fileId: string, pointer: string): SchemaLocation {
    const key = this.refs.get(locationKey(fileId, pointer));
    const target = key === undefined ? undefined : this.targets.get(key);
    if (!target) throw new Error(`internal: unresolved $ref at ${fileId}#${pointer}`);
    return target;
  }
}

/** The file stem used to name a schema file's types: `schemas/order-placed.schema.json` → `order-placed`. */
export function fileStem(file: SchemaFile): string {
  const base = file.remote ? path.posix.basename(new URL(file.id).pathname) : path.basename(file.id);
  return base.replace(/(\.schema)?\.(json|ya?ml)$/i, '');
}
