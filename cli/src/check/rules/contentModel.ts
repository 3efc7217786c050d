import type { ArrayNode, ChildRef, ObjectNode } from '../NormSchema.js';

/**
 * What an object says about a property name it does not declare, or an array about
 * an item position past its tuple (registry: `isOpenContentModel`,
 * `schemaFromPartiallyOpenContentModel`):
 * - `open`: anything is allowed (no patternProperties, additionalProperties absent or true);
 * - `partial`: a patternProperties entry matching the name, or the additionalProperties schema, applies;
 * - `closed`: nothing applies (additionalProperties false, or patternProperties that do not match).
 */
export type ContentModel = { kind: 'open' } | { kind: 'partial'; schema: ChildRef; via: string } | { kind: 'closed' };

export function objectContentModel(node: ObjectNode, propertyName: string): ContentModel {
  if (node.patternProperties.size === 0 && node.additionalProperties === true) return { kind: 'open' };
  for (const [pattern, schema] of node.patternProperties) {
    if (matches(pattern, propertyName)) return { kind: 'partial', schema, via: `patternProperties ${JSON.stringify(pattern)}` };
  }
  if (typeof node.additionalProperties === 'object') return { kind: 'partial', schema: node.additionalProperties, via: 'additionalProperties' };
  return { kind: 'closed' };
}

/**
 * Items past the tuple (registry 8.x `ArraySchemaDiff.isOpenContentModel` and
 * `schemaFromPartiallyOpenContentModel`): a schema of additional items is partial,
 * `false` closed; without them, `unevaluatedItems` decides: absent or empty is
 * open, `false` closed, a schema partial.
 */
export function arrayContentModel(node: ArrayNode): ContentModel {
  if (node.additionalItems === false) return { kind: 'closed' };
  if (node.additionalItems !== true) return { kind: 'partial', schema: node.additionalItems, via: node.additionalItemsKeyword };
  const unevaluated = node.unevaluatedItems;
  if (unevaluated === undefined || unevaluated === true) return { kind: 'open' };
  if (unevaluated === false) return { kind: 'closed' };
  if (unevaluated.node().kind === 'empty') return { kind: 'open' };
  return { kind: 'partial', schema: unevaluated, via: 'unevaluatedItems' };
}

function matches(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(name);
  } catch {
    return false;
  }
}
