import type { NormSchema } from '../NormSchema.js';
import type { SchemaFinding } from '../SchemaFinding.js';
import { describeSchema } from './describeSchema.js';
import { finding, verdict } from './findings.js';

/**
 * Two schemas of different kinds, once the special cases have had their say. As
 * in the registry, `false` as the writer and an empty schema (`{}`/`true`) as the
 * reader are always compatible; anything else is `TYPE_CHANGED`. The rule is named
 * after the shape of the change so both directions merge into one finding.
 */
export function compareTypeChange(previous: NormSchema, next: NormSchema, path: string): SchemaFinding[] {
  const what = `${describeSchema(previous)} → ${describeSchema(next)}`;
  if (next.kind === 'empty' || previous.kind === 'false') {
    return [finding('TYPE_EXTENDED', path, `schema widened: ${what}`, verdict(true, null), verdict(false, 'TYPE_CHANGED'))];
  }
  if (previous.kind === 'empty' || next.kind === 'false') {
    return [finding('TYPE_NARROWED', path, `schema narrowed: ${what}`, verdict(false, 'TYPE_CHANGED'), verdict(true, null))];
  }
  const incompatible = verdict(false, 'TYPE_CHANGED');
  const rule =
    previous.kind !== 'combined' && next.kind === 'combined'
      ? next.criterion === 'allOf'
        ? 'PRODUCT_TYPE_EXTENDED'
        : 'SUM_TYPE_EXTENDED'
      : previous.kind === 'combined' && next.kind !== 'combined'
        ? previous.criterion === 'allOf'
          ? 'PRODUCT_TYPE_NARROWED'
          : 'SUM_TYPE_NARROWED'
        : 'TYPE_CHANGED';
  return [finding(rule, path, `type changed: ${what}`, incompatible, incompatible)];
}
