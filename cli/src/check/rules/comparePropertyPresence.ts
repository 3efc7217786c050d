import type { CompareContext } from '../CompareContext.js';
import type { ChildRef, NormSchema, ObjectNode } from '../NormSchema.js';
import { compatibleIn, type DirectionVerdict, type SchemaFinding } from '../SchemaFinding.js';
import type { SchemaRuleId } from './RuleId.js';
import { objectContentModel } from './contentModel.js';
import { finding, verdict } from './findings.js';

/**
 * The registry's check of a property that one side declares and the other does
 * not, when the declaring side is the *update*: it depends on the other side's
 * content model and on whether the update requires the property.
 * Returns the verdict and the registry rule that decided it, plus the findings of
 * the coverage comparison (partially open models).
 */
interface Judgement {
  readonly verdict: DirectionVerdict;
  readonly rule: SchemaRuleId;
}

function requiredness(required: boolean, node: NormSchema): Judgement {
  if (!required) return { verdict: verdict(true, 'OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL'), rule: 'OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL' };
  if (node.annotations.hasDefault) {
    return {
      verdict: verdict(true, 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL'),
      rule: 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL',
    };
  }
  return { verdict: verdict(false, 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL'), rule: 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL' };
}

/**
 * Registry, property present only in the update: `lacking` is the side without the
 * property (the registry's original), `declared` its schema in the update.
 * `coverage` is the comparison (lacking's partial schema → declared), in the user's
 * order, and `coverageDirection` the direction whose verdicts answer "covered?".
 */
function judgeAdded(
  lacking: ObjectNode,
  name: string,
  declared: NormSchema,
  required: boolean,
  coverage: readonly SchemaFinding[] | undefined,
  coverageDirection: 'backward' | 'forward',
  ctx: CompareContext,
): Judgement {
  const model = objectContentModel(lacking, name);
  if (model.kind === 'open') {
    if (declared.kind === 'empty') {
      return {
        verdict: verdict(true, 'PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL'),
        rule: 'PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL',
      };
    }
    // Registry 8.x names the case by requiredness; all three are incompatible, and lenient mode
    // accepts the two where old data cannot lack the property (optional, or required with a default).
    const rule: SchemaRuleId = !required
      ? 'OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'
      : declared.annotations.hasDefault
        ? 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL'
        : 'REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL';
    const lenient = ctx.options.lenient === true && rule !== 'REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL';
    return { verdict: verdict(lenient, rule, lenient), rule };
  }
  const needed = requiredness(required, declared);
  if (model.kind === 'partial') {
    const covered = compatibleIn(coverage ?? [], coverageDirection);
    if (!covered) {
      return {
        verdict: verdict(false, 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'),
        rule: 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
      };
    }
    if (!needed.verdict.compatible) return needed;
    return {
      verdict: verdict(true, 'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'),
      rule: 'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    };
  }
  return needed;
}

/**
 * Registry, property present only in the original: `update` is the side without
 * it, `declared` the original's schema of the property.
 */
function judgeRemoved(
  update: ObjectNode,
  name: string,
  declared: NormSchema,
  coverage: readonly SchemaFinding[] | undefined,
  coverageDirection: 'backward' | 'forward',
): Judgement {
  const model = objectContentModel(update, name);
  if (model.kind === 'open') {
    return { verdict: verdict(true, 'PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL'), rule: 'PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL' };
  }
  if (model.kind === 'partial') {
    const covered = compatibleIn(coverage ?? [], coverageDirection);
    const rule = covered ? 'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL';
    return { verdict: verdict(covered, rule), rule };
  }
  if (declared.kind === 'false') {
    return {
      verdict: verdict(true, 'PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL'),
      rule: 'PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL',
    };
  }
  return { verdict: verdict(false, 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL'), rule: 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL' };
}

/** A property the next schema declares and the previous one did not. */
export function comparePropertyAdded(
  previous: ObjectNode,
  next: ObjectNode,
  name: string,
  ref: ChildRef,
  pointer: string,
  ctx: CompareContext,
): SchemaFinding[] {
  const declared = ref.node();
  const model = objectContentModel(previous, name);
  // Coverage: the schema that covered the name before → the new property schema.
  const coverage = model.kind === 'partial' ? ctx.compare(model.schema.node(), declared, pointer) : undefined;
  const backward = judgeAdded(previous, name, declared, next.required.has(name), coverage, 'backward', ctx);
  const forward = judgeRemoved(previous, name, declared, coverage, 'forward');
  const where = model.kind === 'partial' ? `, covered before by ${model.via}` : model.kind === 'open' ? ' to an open content model' : ' to a closed content model';
  const required = next.required.has(name) ? 'required' : 'optional';
  return [
    finding(backward.rule, pointer, `${required} property "${name}" added${where}`, backward.verdict, forward.verdict),
    ...(coverage ?? []),
  ];
}

/** A property the previous schema declared and the next one does not. */
export function comparePropertyRemoved(
  previous: ObjectNode,
  next: ObjectNode,
  name: string,
  ref: ChildRef,
  pointer: string,
  ctx: CompareContext,
): SchemaFinding[] {
  const declared = ref.node();
  const model = objectContentModel(next, name);
  // Coverage: the old property schema → the schema that now covers the name.
  const coverage = model.kind === 'partial' ? ctx.compare(declared, model.schema.node(), pointer) : undefined;
  const backward = judgeRemoved(next, name, declared, coverage, 'backward');
  const forward = judgeAdded(next, name, declared, previous.required.has(name), coverage, 'forward', ctx);
  const where = model.kind === 'partial' ? `, now covered by ${model.via}` : model.kind === 'open' ? '; the new content model is open' : ' from a closed content model';
  return [finding(backward.rule, pointer, `property "${name}" removed${where}`, backward.verdict, forward.verdict), ...(coverage ?? [])];
}
