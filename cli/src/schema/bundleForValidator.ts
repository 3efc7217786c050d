import { escapeSegment, parsePointer } from '../util/pointer.js';
import type { Draft } from './draft.js';
import { encodeFragment, rewriteRefs } from './rewriteRefs.js';
import type { SchemaFile, SchemaLocation } from './SchemaFile.js';
import type { SchemaGraph } from './SchemaGraph.js';
import { isSchemaObject } from './walkSchema.js';

/** One self-contained schema per message: what ajv compiles into the message's validator. */
export interface ValidatorBundle {
  schema: unknown;
  draft: Draft;
  /** Maps a pointer into `schema` back to the file and pointer it came from. */
  origin(bundlePointer: string): { file: SchemaFile; pointer: string };
}

/** Prefix of the `$defs` entries that hold other files: `#/$defs/ksdk:schemas~1common.schema.json/...`. */
const EMBED_PREFIX = 'ksdk:';

/**
 * Builds a self-contained schema for the message whose schema is `root`: every
 * other file it references is embedded whole under `$defs["ksdk:<path>"]`, so
 * pointers inside it stay as they were, and every `$ref` is rewritten to a
 * local fragment. `$id`s and `$anchor`s are dropped: all references are
 * already resolved. The result has no paths of this machine in it.
 */
export function bundleForValidator(graph: SchemaGraph, root: SchemaFile): ValidatorBundle {
  const embedded = new Map<string, { file: SchemaFile; key: string; schema?: unknown }>();
  const queue: SchemaFile[] = [];

  const refTo = (target: SchemaLocation): string => {
    if (target.file.id === root.id) return `#${encodeFragment(target.pointer)}`;
    let entry = embedded.get(target.file.id);
    if (!entry) {
      entry = { file: target.file, key: `${EMBED_PREFIX}${target.file.display}` };
      embedded.set(target.file.id, entry);
      queue.push(target.file);
    }
    return `#${encodeFragment(`/$defs/${escapeSegment(entry.key)}${target.pointer}`)}`;
  };
  const transform = (file: SchemaFile, isBundleRoot: boolean): unknown => rewriteRefs(graph, { file, pointer: '' }, refTo, isBundleRoot);

  const schema = transform(root, true);
  for (let file = queue.shift(); file; file = queue.shift()) {
    const entry = embedded.get(file.id);
    if (entry) entry.schema = transform(file, false);
  }
  if (embedded.size > 0 && isSchemaObject(schema)) {
    const defs: Record<string, unknown> = isSchemaObject(schema.$defs) ? { ...schema.$defs } : {};
    for (const entry of [...embedded.values()].sort((a, b) => a.key.localeCompare(b.key))) defs[entry.key] = entry.schema;
    schema.$defs = defs;
  }

  const byKey = new Map([...embedded.values()].map((e) => [e.key, e.file]));
  return {
    schema,
    draft: root.draft,
    origin(bundlePointer) {
      const segments = safeParse(bundlePointer);
      if (segments[0] === '$defs' && segments[1] !== undefined) {
        const file = byKey.get(segments[1]);
        if (file) return { file, pointer: segments.slice(2).map((s) => `/${escapeSegment(s)}`).join('') };
      }
      return { file: root, pointer: bundlePointer };
    },
  };
}

function safeParse(pointer: string): string[] {
  try {
    return parsePointer(pointer);
  } catch {
    return [];
  }
}
