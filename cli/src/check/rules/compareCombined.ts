import type { CompareContext } from '../CompareContext.js';
import type { Direction } from '../CompatibilityMode.js';
import { distinct, type CombinedNode, type Criterion } from '../NormSchema.js';
import { compatibleIn, mergeFindings, onlyDirection, verdictOf, type DirectionVerdict, type SchemaFinding } from '../SchemaFinding.js';
import type { SchemaRuleId } from './RuleId.js';
import { finding, verdict } from './findings.js';
import { maximumMatching } from './maximumMatching.js';

type CriteriaChange = 'COMBINED_TYPE_EXTENDED' | 'COMBINED_TYPE_CHANGED' | undefined;

/**
 * The registry's `compareCriteria` for (original, update), sizes counted after
 * collapsing duplicates: any change to `anyOf` widens, and so does one between
 * single-subschema combinations, a single subschema becoming a `oneOf`, and an
 * `allOf` becoming a single-subschema combination (its one subschema must hold
 * for the value either way); any other change is `COMBINED_TYPE_CHANGED`.
 */
function criteriaChange(original: CombinedNode, originalSize: number, update: CombinedNode, updateSize: number): CriteriaChange {
  if (original.criterion === update.criterion) return undefined;
  if (update.criterion === 'anyOf') return 'COMBINED_TYPE_EXTENDED';
  if (originalSize === 1 && updateSize === 1) return 'COMBINED_TYPE_EXTENDED';
  if (originalSize === 1 && update.criterion === 'oneOf') return 'COMBINED_TYPE_EXTENDED';
  if (updateSize === 1 && original.criterion === 'allOf') return 'COMBINED_TYPE_EXTENDED';
  return 'COMBINED_TYPE_CHANGED';
}

/**
 * The registry's size rule for (original, update): more subschemas are named by the
 * update's criterion (`allOf`: product, else sum), fewer by the original's (an
 * `anyOf`/`oneOf` that lost alternatives narrowed; an `allOf` that lost constraints widened).
 */
function sizeChange(original: Criterion, originalSize: number, update: Criterion, updateSize: number): SchemaRuleId | undefined {
  if (originalSize === updateSize) return undefined;
  if (originalSize < updateSize) return update === 'allOf' ? 'PRODUCT_TYPE_EXTENDED' : 'SUM_TYPE_EXTENDED';
  return original === 'allOf' ? 'PRODUCT_TYPE_NARROWED' : 'SUM_TYPE_NARROWED';
}

const COMPATIBLE_SIZE_RULES = new Set<SchemaRuleId>(['SUM_TYPE_EXTENDED', 'PRODUCT_TYPE_NARROWED']);

/**
 * allOf / anyOf / oneOf facing another combination (registry: `CombinedSchemaDiff`):
 * the keyword change, the number of subschemas, and a maximum matching of
 * subschemas that are compatible in the direction checked. When the matching
 * cannot cover the smaller side, `COMBINED_TYPE_SUBSCHEMAS_CHANGED`, with the
 * closest pairing of each unmatched subschema as the explanation.
 */
export function compareCombined(previous: CombinedNode, next: CombinedNode, path: string, ctx: CompareContext): SchemaFinding[] {
  const before = distinct(previous);
  const after = distinct(next);
  const found: SchemaFinding[] = [];

  const backwardCriteria = criteriaChange(previous, before.length, next, after.length);
  const forwardCriteria = criteriaChange(next, after.length, previous, before.length);
  if (previous.criterion !== next.criterion) {
    const b = backwardCriteria === 'COMBINED_TYPE_EXTENDED';
    const f = forwardCriteria === 'COMBINED_TYPE_EXTENDED';
    const rule = b ? 'COMBINED_TYPE_EXTENDED' : f ? 'COMBINED_TYPE_NARROWED' : 'COMBINED_TYPE_CHANGED';
    found.push(
      finding(rule, `${path}/${next.criterion}`, `${previous.criterion} → ${next.criterion}`, verdict(b, backwardCriteria), verdict(f, forwardCriteria)),
    );
  }

  // Every pair once, in the user's order; each direction reads the verdicts it needs.
  const segmentsOf = (j: number): string => {
    const segments = next.subschemas.find((s) => s.node() === after[j])?.segments ?? [];
    return segments.map((s) => `/${s}`).join('');
  };
  const pairs = before.map((a) => after.map((b, j) => ctx.compare(a, b, `${path}${segmentsOf(j)}`)));

  const directions: Direction[] = [];
  if (backwardCriteria !== 'COMBINED_TYPE_CHANGED') directions.push('backward');
  if (forwardCriteria !== 'COMBINED_TYPE_CHANGED') directions.push('forward');

  // Sizes: one finding named previous → next, verdicts per direction.
  const sizeRule = sizeChange(previous.criterion, before.length, next.criterion, after.length);
  if (sizeRule !== undefined) {
    const forwardRule = sizeChange(next.criterion, after.length, previous.criterion, before.length) as SchemaRuleId;
    const verdicts: Partial<Record<Direction, DirectionVerdict>> = {};
    if (directions.includes('backward')) verdicts.backward = verdict(COMPATIBLE_SIZE_RULES.has(sizeRule), sizeRule);
    if (directions.includes('forward')) verdicts.forward = verdict(COMPATIBLE_SIZE_RULES.has(forwardRule), forwardRule);
    const pointer = `${path}/${next.fromTypeList ? 'type' : next.criterion}`;
    found.push(finding(sizeRule, pointer, `${before.length} → ${after.length} subschemas`, verdicts.backward, verdicts.forward));
  }

  for (const direction of directions) {
    // The registry matches its original's subschemas (rows) to its update's (columns).
    const [rows, columns] = direction === 'backward' ? [before.length, after.length] : [after.length, before.length];
    const compatibleAt = (row: number, column: number): boolean => {
      const [i, j] = direction === 'backward' ? [row, column] : [column, row];
      return compatibleIn(pairs[i]?.[j] ?? [], direction);
    };
    const edges = Array.from({ length: rows }, (_, row) =>
      Array.from({ length: columns }, (_, column) => column).filter((column) => compatibleAt(row, column)),
    );
    const match = maximumMatching(edges, columns);
    const matched = match.filter((m) => m !== -1).length;
    match.forEach((column, row) => {
      if (column === -1) return;
      const [i, j] = direction === 'backward' ? [row, column] : [column, row];
      found.push(...onlyDirection(pairs[i]?.[j] ?? [], direction));
    });
    if (matched < Math.min(rows, columns)) {
      const unmatched = match.map((m, row) => (m === -1 ? row : -1)).filter((row) => row !== -1);
      const side = direction === 'backward' ? 'previous' : 'next';
      const message = `no compatible counterpart for ${side} subschema(s) ${unmatched.join(', ')} of ${direction === 'backward' ? previous.criterion : next.criterion}`;
      found.push(
        direction === 'backward'
          ? finding('COMBINED_TYPE_SUBSCHEMAS_CHANGED', path, message, verdict(false, 'COMBINED_TYPE_SUBSCHEMAS_CHANGED'), undefined)
          : finding('COMBINED_TYPE_SUBSCHEMAS_CHANGED', path, message, undefined, verdict(false, 'COMBINED_TYPE_SUBSCHEMAS_CHANGED')),
      );
      for (const row of unmatched) found.push(...closestExplanation(row, columns, direction, pairs));
    }
  }
  return mergeFindings(found);
}

/** The incompatible findings of the pairing of `row` with the fewest of them, for that direction. */
function closestExplanation(
  row: number,
  columns: number,
  direction: Direction,
  pairs: readonly (readonly SchemaFinding[][])[],
): SchemaFinding[] {
  let best: SchemaFinding[] | undefined;
  for (let column = 0; column < columns; column++) {
    const [i, j] = direction === 'backward' ? [row, column] : [column, row];
    const failing = onlyDirection(pairs[i]?.[j] ?? [], direction).filter((f) => verdictOf(f, direction)?.compatible === false);
    if (best === undefined || failing.length < best.length) best = failing;
  }
  return best ?? [];
}
