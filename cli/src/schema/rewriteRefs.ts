import { locationKey, type SchemaLocation } from './SchemaFile.js';
import type { SchemaGraph } from './SchemaGraph.js';
import { mapSchema, mapSubschemas } from './walkSchema.js';

/**
 * A copy of the schema at `at` (a whole file, or a subschema) for ajv: every
 * `$ref` the graph resolved becomes `refTo(target)`; `$id`s and `$anchor`s
 * are dropped (every reference is already resolved), and so is `$schema`
 * unless `keepDraft`. A `$ref` the graph never reached sits in an
 * unreferenced definition: ajv never compiles it, so it stays as it is.
 */
export function rewriteRefs(graph: SchemaGraph, at: SchemaLocation, refTo: (target: SchemaLocation) => string, keepDraft: boolean): unknown {
  const file = at.file;
  return mapSchema(graph.node(at), at.pointer, (node, pointer, recurse) => {
    const out = mapSubschemas(node, pointer, recurse);
    delete out.$id;
    delete out.$anchor;
    if (!(keepDraft && pointer === '')) delete out.$schema;
    if (typeof node.$ref === 'string') {
      const targetKey = graph.refs.get(locationKey(file.id, pointer));
      const target = targetKey === undefined ? undefined : graph.targets.get(targetKey);
      if (target) out.$ref = refTo(target);
    }
    return out;
  });
}

/** Percent-encodes what a URI fragment may not hold; `/`, `~`, `$` and friends stay readable. */
export function encodeFragment(pointer: string): string {
  return pointer.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/g, (c) => encodeURIComponent(c));
}
