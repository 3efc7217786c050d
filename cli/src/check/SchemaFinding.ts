import type { Direction } from './CompatibilityMode.js';
import type { SchemaRuleId } from './rules/RuleId.js';

/** The verdict of one change for one direction. */
export interface DirectionVerdict {
  readonly compatible: boolean;
  /** The Confluent `Difference.Type` the registry reports for this direction, where it has one. */
  readonly registryRule?: string;
  /** True when `--lenient` turned an incompatible registry verdict into a compatible one. */
  readonly lenient?: boolean;
}

/**
 * One change between two schemas, as the engine reports it before a mode is
 * applied. `backward` / `forward` is absent when that direction does not see the
 * change (it is then compatible for that direction).
 */
export interface SchemaFinding {
  /** JSON pointer of the change inside the schema, e.g. `/properties/total/maximum`. */
  readonly pointer: string;
  readonly rule: SchemaRuleId;
  /** What changed, with the values: `maxLength 20 → 10`. */
  readonly message: string;
  readonly backward?: DirectionVerdict;
  readonly forward?: DirectionVerdict;
}

export function verdictOf(finding: SchemaFinding, direction: Direction): DirectionVerdict | undefined {
  return direction === 'backward' ? finding.backward : finding.forward;
}

/** True when no finding is incompatible in `direction`. */
export function compatibleIn(findings: readonly SchemaFinding[], direction: Direction): boolean {
  return findings.every((f) => verdictOf(f, direction)?.compatible !== false);
}

/** Keeps only the verdicts of one direction (dropping findings left without any). */
export function onlyDirection(findings: readonly SchemaFinding[], direction: Direction): SchemaFinding[] {
  const out: SchemaFinding[] = [];
  for (const f of findings) {
    const verdict = verdictOf(f, direction);
    if (verdict === undefined) continue;
    out.push({ pointer: f.pointer, rule: f.rule, message: f.message, [direction]: verdict });
  }
  return out;
}

/**
 * Merges findings that describe the same change (same pointer and rule) seen from
 * the two directions into one; when both carry a verdict for a direction, the
 * incompatible one wins.
 */
export function mergeFindings(findings: readonly SchemaFinding[]): SchemaFinding[] {
  const byKey = new Map<string, SchemaFinding>();
  for (const f of findings) {
    const key = `${f.pointer}\u0000${f.rule}`;
    const seen = byKey.get(key);
    if (seen === undefined) {
      byKey.set(key, f);
      continue;
    }
    byKey.set(key, {
      pointer: f.pointer,
      rule: f.rule,
      message: seen.message,
      ...pick('backward', seen.backward, f.backward),
      ...pick('forward', seen.forward, f.forward),
    });
  }
  return [...byKey.values()];
}

function pick(
  direction: Direction,
  a: DirectionVerdict | undefined,
  b: DirectionVerdict | undefined,
): Partial<Record<Direction, DirectionVerdict>> {
  const chosen = a === undefined ? b : b === undefined ? a : a.compatible ? b : a;
  return chosen === undefined ? {} : { [direction]: chosen };
}
