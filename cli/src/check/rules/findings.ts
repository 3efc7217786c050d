import type { DirectionVerdict, SchemaFinding } from '../SchemaFinding.js';
import type { SchemaRuleId } from './RuleId.js';
import { registryNameOf, ruleInfo } from './ruleCatalog.js';

/** A verdict, naming the registry's `Difference.Type` for that direction when it has one (`null`: none). */
export function verdict(compatible: boolean, registryRule: string | null | undefined, lenient = false): DirectionVerdict {
  return {
    compatible,
    ...(registryRule === undefined || registryRule === null ? {} : { registryRule }),
    ...(lenient ? { lenient: true } : {}),
  };
}

export function finding(
  rule: SchemaRuleId,
  pointer: string,
  message: string,
  backward: DirectionVerdict | undefined,
  forward: DirectionVerdict | undefined,
): SchemaFinding {
  return {
    pointer,
    rule,
    message,
    ...(backward === undefined ? {} : { backward }),
    ...(forward === undefined ? {} : { forward }),
  };
}

/**
 * A finding for a keyword rule: the backward verdict is the registry's verdict for
 * the rule, the forward verdict the registry's verdict for its inverse.
 */
export function keywordFinding(rule: SchemaRuleId, pointer: string, message: string): SchemaFinding {
  const info = ruleInfo(rule);
  if (info.keyword === undefined) throw new Error(`internal: ${rule} is not a keyword rule`);
  const inverse = info.keyword.inverse;
  const inverseInfo = ruleInfo(inverse);
  return finding(
    rule,
    pointer,
    message,
    verdict(info.keyword.compatible, registryNameOf(rule)),
    verdict(inverseInfo.keyword?.compatible ?? false, registryNameOf(inverse)),
  );
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * Compares one numeric or textual keyword. `order` is `upper` for bounds where a
 * larger value accepts more (maxLength), `lower` for bounds where it accepts less
 * (minLength); the rule names come from `prefix` (`MAX_LENGTH` → `MAX_LENGTH_INCREASED`).
 */
export function boundFinding(
  prefix: string,
  keywordName: string,
  previous: number | undefined,
  next: number | undefined,
  pointer: string,
): SchemaFinding | undefined {
  if (previous === next) return undefined;
  if (previous === undefined) return keywordFinding(`${prefix}_ADDED` as SchemaRuleId, pointer, `${keywordName} added (${show(next)})`);
  if (next === undefined) return keywordFinding(`${prefix}_REMOVED` as SchemaRuleId, pointer, `${keywordName} removed (was ${show(previous)})`);
  const rule = `${prefix}_${next > previous ? 'INCREASED' : 'DECREASED'}` as SchemaRuleId;
  return keywordFinding(rule, pointer, `${keywordName} ${show(previous)} → ${show(next)}`);
}

/** Added / removed / changed for a keyword compared by equality (pattern, format). */
export function valueFinding(
  prefix: string,
  keywordName: string,
  previous: string | undefined,
  next: string | undefined,
  pointer: string,
): SchemaFinding | undefined {
  if (previous === next) return undefined;
  if (previous === undefined) return keywordFinding(`${prefix}_ADDED` as SchemaRuleId, pointer, `${keywordName} added (${show(next)})`);
  if (next === undefined) return keywordFinding(`${prefix}_REMOVED` as SchemaRuleId, pointer, `${keywordName} removed (was ${show(previous)})`);
  return keywordFinding(`${prefix}_CHANGED` as SchemaRuleId, pointer, `${keywordName} ${show(previous)} → ${show(next)}`);
}
