import type { CompareContext } from '../CompareContext.js';
import type { NotNode } from '../NormSchema.js';
import { compatibleIn, type SchemaFinding } from '../SchemaFinding.js';
import { finding, verdict } from './findings.js';

/**
 * `not` (registry: `NotSchemaDiff`): the excluded schemas are compared the other
 * way round. The new reader accepts all old data when the old exclusion covers
 * the new one, i.e. when the new `not` schema, as a writer, is readable by the old.
 */
export function compareNot(previous: NotNode, next: NotNode, path: string, ctx: CompareContext): SchemaFinding[] {
  const pointer = `${path}/not`;
  const inner = ctx.compare(previous.schema.node(), next.schema.node(), pointer);
  if (inner.length === 0) return [];
  const backward = compatibleIn(inner, 'forward');
  const forward = compatibleIn(inner, 'backward');
  if (backward && forward) return [];
  const rule = backward ? 'NOT_TYPE_NARROWED' : forward ? 'NOT_TYPE_EXTENDED' : 'NOT_TYPE_CHANGED';
  const reasons = [...new Set(inner.map((f) => f.rule))].join(', ');
  return [
    finding(
      rule,
      pointer,
      `the excluded schema changed (${reasons})`,
      verdict(backward, backward ? 'NOT_TYPE_NARROWED' : 'NOT_TYPE_EXTENDED'),
      verdict(forward, forward ? 'NOT_TYPE_NARROWED' : 'NOT_TYPE_EXTENDED'),
    ),
  ];
}
