import type { NumberNode } from '../NormSchema.js';
import type { SchemaFinding } from '../SchemaFinding.js';
import { boundFinding, keywordFinding } from './findings.js';

/** Numeric keywords (registry: `NumberSchemaDiff`): bounds, multipleOf, and integer ⊂ number. */
export function compareNumber(previous: NumberNode, next: NumberNode, path: string): SchemaFinding[] {
  const found = [
    boundFinding('MAXIMUM', 'maximum', previous.maximum, next.maximum, `${path}/maximum`),
    boundFinding('MINIMUM', 'minimum', previous.minimum, next.minimum, `${path}/minimum`),
    boundFinding('EXCLUSIVE_MAXIMUM', 'exclusiveMaximum', previous.exclusiveMaximum, next.exclusiveMaximum, `${path}/exclusiveMaximum`),
    boundFinding('EXCLUSIVE_MINIMUM', 'exclusiveMinimum', previous.exclusiveMinimum, next.exclusiveMinimum, `${path}/exclusiveMinimum`),
    multipleOf(previous.multipleOf, next.multipleOf, `${path}/multipleOf`),
  ].filter((f): f is SchemaFinding => f !== undefined);
  if (previous.integer !== next.integer) {
    found.push(
      previous.integer
        ? keywordFinding('TYPE_EXTENDED', `${path}/type`, 'type integer → number')
        : keywordFinding('TYPE_NARROWED', `${path}/type`, 'type number → integer'),
    );
  }
  return found;
}

function isWholeMultiple(value: number, of: number): boolean {
  const ratio = value / of;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

function multipleOf(previous: number | undefined, next: number | undefined, pointer: string): SchemaFinding | undefined {
  if (previous === next) return undefined;
  if (previous === undefined) return keywordFinding('MULTIPLE_OF_ADDED', pointer, `multipleOf added (${next})`);
  if (next === undefined) return keywordFinding('MULTIPLE_OF_REMOVED', pointer, `multipleOf removed (was ${previous})`);
  const message = `multipleOf ${previous} → ${next}`;
  if (isWholeMultiple(next, previous)) return keywordFinding('MULTIPLE_OF_EXPANDED', pointer, message);
  if (isWholeMultiple(previous, next)) return keywordFinding('MULTIPLE_OF_REDUCED', pointer, message);
  return keywordFinding('MULTIPLE_OF_CHANGED', pointer, message);
}
