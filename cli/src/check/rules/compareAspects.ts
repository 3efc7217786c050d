import type { CompareContext } from '../CompareContext.js';
import { aspectsOf, type AspectKey, type NormSchema } from '../NormSchema.js';
import type { SchemaFinding } from '../SchemaFinding.js';
import type { SchemaRuleId } from './RuleId.js';
import { compareDefault } from './compareDefault.js';
import { keywordFinding } from './findings.js';

const NO_ANNOTATIONS = { hasDefault: false } as const;

/** The rule prefix and keyword of each aspect. */
function aspectName(key: AspectKey): { prefix: string; keyword: string } {
  switch (key) {
    case 'enum':
      return { prefix: 'ENUM', keyword: 'enum' };
    case 'const':
      return { prefix: 'CONST', keyword: 'const' };
    case 'not':
      return { prefix: 'NOT', keyword: 'not' };
    case 'allOf':
    case 'ref':
      return { prefix: 'ALL_OF', keyword: key === 'ref' ? '$ref' : 'allOf' };
    case 'anyOf':
      return { prefix: 'ANY_OF', keyword: 'anyOf' };
    case 'oneOf':
      return { prefix: 'ONE_OF', keyword: 'oneOf' };
    default:
      return { prefix: 'TYPE', keyword: 'type' };
  }
}

/**
 * Schemas with several aspects (`type` with `enum`, `const`, `not`, `allOf`...),
 * which the registry reads as a synthetic allOf. Aspects are paired by keyword; an
 * aspect only the next schema has is a constraint added (narrows: breaks readers
 * of old data), one only the previous schema had is a constraint removed.
 * Pairing by keyword finds at most the matches the registry's bipartite matching
 * finds, so ksdk is never more lenient than the registry here.
 */
export function compareAspects(previous: NormSchema, next: NormSchema, path: string, ctx: CompareContext): SchemaFinding[] {
  const found = compareDefault(previous, next, path);
  const before = aspectsOf(previous);
  const after = aspectsOf(next);
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  for (const key of keys) {
    const a = before.get(key);
    const b = after.get(key);
    const { prefix, keyword } = aspectName(key);
    if (a !== undefined && b !== undefined) {
      found.push(...ctx.compare(stripAnnotations(a), stripAnnotations(b), path));
    } else if (b !== undefined) {
      found.push(keywordFinding(`${prefix}_ADDED` as SchemaRuleId, `${path}/${keyword}`, `${keyword} added next to the existing keywords`));
    } else {
      found.push(keywordFinding(`${prefix}_REMOVED` as SchemaRuleId, `${path}/${keyword}`, `${keyword} removed`));
    }
  }
  return found;
}

function stripAnnotations(node: NormSchema): NormSchema {
  return node.annotations.hasDefault ? ({ ...node, annotations: NO_ANNOTATIONS } as NormSchema) : node;
}
