import type { Direction } from './CompatibilityMode.js';
import type { CompareContext } from './CompareContext.js';
import { distinct, type NormSchema } from './NormSchema.js';
import { compatibleIn, mergeFindings, onlyDirection, type SchemaFinding } from './SchemaFinding.js';
import { compareArray } from './rules/compareArray.js';
import { compareAspects } from './rules/compareAspects.js';
import { compareCombined } from './rules/compareCombined.js';
import { compareDefault } from './rules/compareDefault.js';
import { compareConst } from './rules/compareConst.js';
import { compareEnum } from './rules/compareEnum.js';
import { compareNot } from './rules/compareNot.js';
import { compareNumber } from './rules/compareNumber.js';
import { compareObject } from './rules/compareObject.js';
import { compareString } from './rules/compareString.js';
import { compareTypeChange } from './rules/compareTypeChange.js';
import { finding, verdict } from './rules/findings.js';

/**
 * Compares two normalized schemas at `path` and returns every change, each with a
 * verdict per direction. Follows the structure of Confluent's `SchemaDiff.compare`:
 * first the special cases of a combination facing a plain schema (a singleton
 * union, a type added to a union, a constraint dropped from an allOf), which the
 * registry decides per direction, then the comparison of like with like.
 */
export function compareSchemas(previous: NormSchema, next: NormSchema, path: string, ctx: CompareContext): SchemaFinding[] {
  if (previous === next) return [];
  if (!ctx.enter(previous, next)) return [];
  try {
    const backward = specialCase(previous, next, 'backward', path, ctx);
    const forward = specialCase(previous, next, 'forward', path, ctx);
    if (backward !== undefined && forward !== undefined) return mergeFindings([...backward, ...forward]);
    const general = compareGeneral(previous, next, path, ctx);
    if (backward === undefined && forward === undefined) return general;
    return mergeFindings([
      ...(backward ?? onlyDirection(general, 'backward')),
      ...(forward ?? onlyDirection(general, 'forward')),
    ]);
  } finally {
    ctx.leave(previous, next);
  }
}

/**
 * The registry's special cases for one direction. For `backward` the registry's
 * original is the previous schema and its update the next one; for `forward` the
 * other way round. Returns undefined when no special case decides.
 */
function specialCase(
  previous: NormSchema,
  next: NormSchema,
  direction: Direction,
  path: string,
  ctx: CompareContext,
): SchemaFinding[] | undefined {
  const [original, update] = direction === 'backward' ? [previous, next] : [next, previous];
  // The pair in the user's order: (a schema on the previous side, one on the next side).
  const pair = (fromOriginal: NormSchema, fromUpdate: NormSchema): SchemaFinding[] =>
    direction === 'backward'
      ? compareSchemas(fromOriginal, fromUpdate, path, ctx)
      : compareSchemas(fromUpdate, fromOriginal, path, ctx);

  if (original.kind !== 'combined' && update.kind === 'combined') {
    const subschemas = distinct(update);
    if (subschemas.length === 1) return onlyDirection(pair(original, (subschemas[0] as NormSchema)), direction);
    if (update.criterion !== 'allOf') {
      for (const sub of subschemas) {
        const found = pair(original, sub);
        if (compatibleIn(found, direction)) {
          const rule = direction === 'backward' ? 'SUM_TYPE_EXTENDED' : 'SUM_TYPE_NARROWED';
          const message = direction === 'backward' ? 'alternatives added around the schema' : 'union reduced to one of its alternatives';
          return [...onlyDirection(found, direction), oneWay(rule, path, message, direction, 'SUM_TYPE_EXTENDED')];
        }
      }
    }
  } else if (original.kind === 'combined' && update.kind !== 'combined') {
    const subschemas = distinct(original);
    if (subschemas.length === 1) return onlyDirection(pair((subschemas[0] as NormSchema), update), direction);
    if (original.criterion === 'allOf') {
      for (const sub of subschemas) {
        const found = pair(sub, update);
        if (compatibleIn(found, direction)) {
          const rule = direction === 'backward' ? 'PRODUCT_TYPE_NARROWED' : 'PRODUCT_TYPE_EXTENDED';
          const message = direction === 'backward' ? 'allOf reduced to one of its parts' : 'schema wrapped in an allOf with more constraints';
          return [...onlyDirection(found, direction), oneWay(rule, path, message, direction, 'PRODUCT_TYPE_NARROWED')];
        }
      }
    }
  }
  return undefined;
}

function oneWay(
  rule: SchemaFinding['rule'],
  pointer: string,
  message: string,
  direction: Direction,
  registryRule: string,
): SchemaFinding {
  const v = verdict(true, registryRule);
  return direction === 'backward' ? finding(rule, pointer, message, v, undefined) : finding(rule, pointer, message, undefined, v);
}

function compareGeneral(previous: NormSchema, next: NormSchema, path: string, ctx: CompareContext): SchemaFinding[] {
  if (previous.kind === 'false' && next.kind === 'false') return [];
  if (previous.kind === 'empty' && next.kind === 'empty') return compareDefault(previous, next, path);
  if (
    previous.kind === 'empty' ||
    next.kind === 'empty' ||
    previous.kind === 'false' ||
    next.kind === 'false'
  ) {
    return compareTypeChange(previous, next, path);
  }
  if (previous.kind === 'aspects' || next.kind === 'aspects') return compareAspects(previous, next, path, ctx);
  if (previous.kind !== next.kind) return compareTypeChange(previous, next, path);

  const found = compareDefault(previous, next, path);
  switch (previous.kind) {
    case 'string':
      return [...found, ...compareString(previous, next as typeof previous, path)];
    case 'number':
      return [...found, ...compareNumber(previous, next as typeof previous, path)];
    case 'boolean':
    case 'null':
      return found;
    case 'enum':
      return [...found, ...compareEnum(previous, next as typeof previous, path)];
    case 'const':
      return [...found, ...compareConst(previous, next as typeof previous, path)];
    case 'not':
      return [...found, ...compareNot(previous, next as typeof previous, path, ctx)];
    case 'combined':
      return [...found, ...compareCombined(previous, next as typeof previous, path, ctx)];
    case 'object':
      return [...found, ...compareObject(previous, next as typeof previous, path, ctx)];
    case 'array':
      return [...found, ...compareArray(previous, next as typeof previous, path, ctx)];
  }
}
