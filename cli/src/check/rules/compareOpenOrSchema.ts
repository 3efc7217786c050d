import type { CompareContext } from '../CompareContext.js';
import type { OpenOrSchema } from '../NormSchema.js';
import type { SchemaFinding } from '../SchemaFinding.js';
import type { SchemaRuleId } from './RuleId.js';
import { keywordFinding } from './findings.js';

/**
 * additionalProperties / additionalItems / unevaluatedItems (registry: `compareAdditionalProperties`, `compareUnevaluatedItems`):
 * allowed ↔ forbidden is ADDED / REMOVED; any value ↔ a schema is EXTENDED / NARROWED;
 * two schemas are compared.
 */
export function compareOpenOrSchema(
  prefix: 'ADDITIONAL_PROPERTIES' | 'ADDITIONAL_ITEMS' | 'UNEVALUATED_ITEMS',
  keywordName: string,
  previous: OpenOrSchema,
  next: OpenOrSchema,
  pointer: string,
  ctx: CompareContext,
): SchemaFinding[] {
  const permits = (v: OpenOrSchema): boolean => v !== false;
  const show = (v: OpenOrSchema): string => (v === true ? 'allowed' : v === false ? 'false' : 'a schema');
  const message = `${keywordName}: ${show(previous)} → ${show(next)}`;
  if (permits(previous) !== permits(next)) {
    return [keywordFinding(`${prefix}_${permits(next) ? 'ADDED' : 'REMOVED'}` as SchemaRuleId, pointer, message)];
  }
  if (previous === true && typeof next === 'object') return [keywordFinding(`${prefix}_NARROWED` as SchemaRuleId, pointer, message)];
  if (typeof previous === 'object' && next === true) return [keywordFinding(`${prefix}_EXTENDED` as SchemaRuleId, pointer, message)];
  if (typeof previous === 'object' && typeof next === 'object') return ctx.compare(previous.node(), next.node(), pointer);
  return [];
}
