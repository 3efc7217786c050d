import type { CompareContext } from '../CompareContext.js';
import type { ArrayNode, NormSchema } from '../NormSchema.js';
import { compatibleIn, type DirectionVerdict, type SchemaFinding } from '../SchemaFinding.js';
import type { SchemaRuleId } from './RuleId.js';
import { arrayContentModel } from './contentModel.js';
import { finding, verdict } from './findings.js';

interface Judgement {
  readonly verdict: DirectionVerdict;
  readonly rule: SchemaRuleId;
}

function judge(compatible: boolean, rule: SchemaRuleId): Judgement {
  return { verdict: verdict(compatible, rule), rule };
}

/** Registry: a tuple item only the update has; `lacking` is the original (its content model decides). */
function judgeAdded(lacking: ArrayNode, declared: NormSchema, covered: boolean): Judgement {
  const model = arrayContentModel(lacking);
  if (model.kind === 'open') {
    return declared.kind === 'empty'
      ? judge(true, 'ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL')
      : judge(false, 'ITEM_ADDED_TO_OPEN_CONTENT_MODEL');
  }
  if (model.kind === 'partial') {
    return covered
      ? judge(true, 'ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL')
      : judge(false, 'ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL');
  }
  return judge(true, 'ITEM_ADDED_TO_CLOSED_CONTENT_MODEL');
}

/** Registry: a tuple item only the original has; `update` is the side without it. */
function judgeRemoved(update: ArrayNode, declared: NormSchema, covered: boolean): Judgement {
  const model = arrayContentModel(update);
  if (model.kind === 'open') return judge(true, 'ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL');
  if (model.kind === 'partial') {
    return covered
      ? judge(true, 'ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL')
      : judge(false, 'ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL');
  }
  return declared.kind === 'false'
    ? judge(true, 'ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL')
    : judge(false, 'ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL');
}

/**
 * Positional items (`prefixItems`, or draft-07 `items: [...]`), registry:
 * `compareItemSchemaArray`. Items in both are compared; an item only one side has is
 * judged against the other side's content model (additionalItems / `items` after
 * prefixItems), the way properties are.
 */
export function compareTupleItems(previous: ArrayNode, next: ArrayNode, path: string, ctx: CompareContext): SchemaFinding[] {
  const found: SchemaFinding[] = [];
  const keyword = next.tuple.length > 0 ? next.tupleKeyword : previous.tupleKeyword;
  const length = Math.max(previous.tuple.length, next.tuple.length);
  for (let i = 0; i < length; i++) {
    const pointer = `${path}/${keyword}/${i}`;
    const before = previous.tuple[i];
    const after = next.tuple[i];
    if (before !== undefined && after !== undefined) {
      found.push(...ctx.compare(before.node(), after.node(), pointer));
    } else if (after !== undefined) {
      const declared = after.node();
      const model = arrayContentModel(previous);
      const coverage = model.kind === 'partial' ? ctx.compare(model.schema.node(), declared, pointer) : [];
      const backward = judgeAdded(previous, declared, compatibleIn(coverage, 'backward'));
      const forward = judgeRemoved(previous, declared, compatibleIn(coverage, 'forward'));
      found.push(finding(backward.rule, pointer, `tuple item ${i} added`, backward.verdict, forward.verdict), ...coverage);
    } else if (before !== undefined) {
      const declared = before.node();
      const model = arrayContentModel(next);
      const coverage = model.kind === 'partial' ? ctx.compare(declared, model.schema.node(), pointer) : [];
      const backward = judgeRemoved(next, declared, compatibleIn(coverage, 'backward'));
      const forward = judgeAdded(next, declared, compatibleIn(coverage, 'forward'));
      found.push(finding(backward.rule, pointer, `tuple item ${i} removed`, backward.verdict, forward.verdict), ...coverage);
    }
  }
  return found;
}
