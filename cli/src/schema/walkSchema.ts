import { joinPointer } from '../util/pointer.js';

/**
 * Keywords whose values are schemas, by shape. Everything else (`enum`,
 * `const`, `default`, `examples`, ...) is data and is never searched for `$ref`s.
 * JSON Schema draft-07 §6-§9, 2019-09 and 2020-12 core §10 (applicators).
 */
const SINGLE = [
  'additionalItems',
  'additionalProperties',
  'contains',
  'contentSchema',
  'else',
  'if',
  'items',
  'not',
  'propertyNames',
  'then',
  'unevaluatedItems',
  'unevaluatedProperties',
] as const;
const ARRAY = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'] as const;
const MAP = ['$defs', 'definitions', 'dependentSchemas', 'patternProperties', 'properties', 'dependencies'] as const;

/** A schema (object or boolean) found inside another. */
export interface Subschema {
  node: unknown;
  pointer: string;
  /** The keyword it sits under, e.g. `properties`, `items`, `allOf`. */
  keyword: string;
}

export function isSchemaObject(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** The direct subschemas of `node`, in document order of their keywords. */
export function subschemas(node: unknown, pointer: string): Subschema[] {
  if (!isSchemaObject(node)) return [];
  const out: Subschema[] = [];
  for (const [keyword, value] of Object.entries(node)) {
    if ((SINGLE as readonly string[]).includes(keyword) && !Array.isArray(value)) {
      if (isSchemaObject(value) || typeof value === 'boolean') out.push({ node: value, pointer: joinPointer(pointer, keyword), keyword });
    } else if ((ARRAY as readonly string[]).includes(keyword) && Array.isArray(value)) {
      value.forEach((item, i) => out.push({ node: item, pointer: joinPointer(pointer, keyword, i), keyword }));
    } else if ((MAP as readonly string[]).includes(keyword) && isSchemaObject(value)) {
      for (const [name, item] of Object.entries(value)) {
        // draft-07 `dependencies` mixes schemas and arrays of property names.
        if (isSchemaObject(item) || typeof item === 'boolean') out.push({ node: item, pointer: joinPointer(pointer, keyword, name), keyword });
      }
    }
  }
  return out;
}

/** Calls `visit` for `node` and every schema inside it, depth first, in document order. */
export function walkSchema(node: unknown, pointer: string, visit: (node: unknown, pointer: string, keyword: string | undefined) => void): void {
  const go = (n: unknown, p: string, keyword: string | undefined): void => {
    visit(n, p, keyword);
    for (const child of subschemas(n, p)) go(child.node, child.pointer, child.keyword);
  };
  go(node, pointer, undefined);
}

/** Rebuilds a schema, letting `map` replace any subschema; data keywords are copied as they are. */
export function mapSchema(
  node: unknown,
  pointer: string,
  map: (node: Record<string, unknown>, pointer: string, recurse: (child: unknown, childPointer: string) => unknown) => unknown,
): unknown {
  const recurse = (child: unknown, childPointer: string): unknown => {
    if (!isSchemaObject(child)) return child;
    return map(child, childPointer, recurse);
  };
  return recurse(node, pointer);
}

/** A copy of `node` with every direct subschema replaced by `recurse(child)`. */
export function mapSubschemas(node: Record<string, unknown>, pointer: string, recurse: (child: unknown, childPointer: string) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(node)) {
    const at = joinPointer(pointer, keyword);
    if ((SINGLE as readonly string[]).includes(keyword) && !Array.isArray(value)) {
      out[keyword] = recurse(value, at);
    } else if ((ARRAY as readonly string[]).includes(keyword) && Array.isArray(value)) {
      out[keyword] = value.map((item, i) => recurse(item, joinPointer(at, i)));
    } else if ((MAP as readonly string[]).includes(keyword) && isSchemaObject(value)) {
      const map: Record<string, unknown> = {};
      for (const [name, item] of Object.entries(value)) map[name] = Array.isArray(item) ? item : recurse(item, joinPointer(at, name));
      out[keyword] = map;
    } else {
      out[keyword] = value;
    }
  }
  return out;
}
