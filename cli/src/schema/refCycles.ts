import { KsdkCliError } from '../errors/KsdkCliError.js';
import { joinPointer } from '../util/pointer.js';
import { locationKey, type SchemaLocation } from './SchemaFile.js';
import type { SchemaGraph } from './SchemaGraph.js';
import { isSchemaObject } from './walkSchema.js';

/** Keywords whose subschemas apply to the same value as the schema holding them (JSON Schema 2020-12 core §10.2). */
const SAME_VALUE_ARRAYS = ['allOf', 'anyOf', 'oneOf'] as const;
const SAME_VALUE_SINGLE = ['not', 'if', 'then', 'else'] as const;
const SAME_VALUE_MAPS = ['dependentSchemas', 'dependencies'] as const;

interface Edge {
  to: SchemaLocation;
  /** The `$ref` site, when the edge is a `$ref`. */
  ref?: SchemaLocation;
}

/**
 * Refuses `$ref` cycles that never step into a property or an item: `A` is
 * `$ref: B` and `B` is `$ref: A`, or `A` is `anyOf: [..., { $ref: A }]`. Such a
 * schema defines a value as itself: validating it recurses without end (a
 * stack overflow at run time) and its type is circular (`type A = B; type B = A`).
 * Recursion through `properties`, `items` and the like is fine (a tree): each
 * step is a smaller value. Fails with `KSDK_REF_CYCLE` at the first `$ref` of the
 * cycle, naming every schema on it. Iterative: any depth of `$ref` chain is safe.
 */
export function checkRefCycles(graph: SchemaGraph): void {
  const state = new Map<string, 'open' | 'done'>();
  const starts: SchemaLocation[] = [...[...graph.roots.values()].map((file) => ({ file, pointer: '' })), ...graph.targets.values()];
  for (const start of starts) {
    if (state.has(key(start))) continue;
    // Depth first, with an explicit stack: the chain of schemas being followed and the edges left at each.
    const path: Array<{ at: SchemaLocation; edges: Edge[]; via?: Edge }> = [{ at: start, edges: edges(graph, start) }];
    state.set(key(start), 'open');
    while (path.length > 0) {
      const top = path[path.length - 1] as (typeof path)[number];
      const edge = top.edges.shift();
      if (edge === undefined) {
        state.set(key(top.at), 'done');
        path.pop();
        continue;
      }
      const seen = state.get(key(edge.to));
      if (seen === 'done') continue;
      if (seen === 'open') fail(path, edge);
      state.set(key(edge.to), 'open');
      path.push({ at: edge.to, edges: edges(graph, edge.to), via: edge });
    }
  }
}

function key(at: SchemaLocation): string {
  return locationKey(at.file.id, at.pointer);
}

function edges(graph: SchemaGraph, at: SchemaLocation): Edge[] {
  const node = graph.node(at);
  if (!isSchemaObject(node)) return [];
  const out: Edge[] = [];
  if (typeof node.$ref === 'string' && graph.refs.has(key(at))) out.push({ to: graph.refTarget(at.file.id, at.pointer), ref: at });
  for (const keyword of SAME_VALUE_ARRAYS) {
    const list = node[keyword];
    if (Array.isArray(list)) list.forEach((_, i) => out.push({ to: { file: at.file, pointer: joinPointer(at.pointer, keyword, i) } }));
  }
  for (const keyword of SAME_VALUE_SINGLE) {
    if (isSchemaObject(node[keyword])) out.push({ to: { file: at.file, pointer: joinPointer(at.pointer, keyword) } });
  }
  for (const keyword of SAME_VALUE_MAPS) {
    const map = node[keyword];
    if (!isSchemaObject(map)) continue;
    for (const [name, value] of Object.entries(map)) {
      if (isSchemaObject(value)) out.push({ to: { file: at.file, pointer: joinPointer(at.pointer, keyword, name) } });
    }
  }
  return out;
}

function fail(path: ReadonlyArray<{ at: SchemaLocation; via?: Edge }>, closing: Edge): never {
  const from = path.findIndex((p) => key(p.at) === key(closing.to));
  const cycle = [...path.slice(from).map((p) => p.at), closing.to];
  const refs = [...path.slice(from + 1).map((p) => p.via), closing].flatMap((e) => (e?.ref ? [e.ref] : []));
  const site = refs[0] ?? closing.to;
  const chain = cycle.map((at) => `${at.file.display}#${at.pointer}`).join(' → ');
  throw new KsdkCliError(
    'KSDK_REF_CYCLE',
    site.file.doc.issue(
      joinPointer(site.pointer, '$ref'),
      `$ref cycle that never reaches a property or an item: ${chain}; such a schema defines a value as itself (validating it would never end). Recurse through "properties" or "items" instead`,
    ),
  );
}
