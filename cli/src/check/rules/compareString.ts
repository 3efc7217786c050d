import type { StringNode } from '../NormSchema.js';
import type { SchemaFinding } from '../SchemaFinding.js';
import { boundFinding, valueFinding } from './findings.js';

/**
 * String keywords (registry: `StringSchemaDiff`): maxLength, minLength, pattern.
 * `format` is a ksdk addition: the registry ignores it, but ksdk's generated
 * validators enforce formats, so a format added breaks readers of old data.
 */
export function compareString(previous: StringNode, next: StringNode, path: string): SchemaFinding[] {
  return [
    boundFinding('MAX_LENGTH', 'maxLength', previous.maxLength, next.maxLength, `${path}/maxLength`),
    boundFinding('MIN_LENGTH', 'minLength', previous.minLength, next.minLength, `${path}/minLength`),
    valueFinding('PATTERN', 'pattern', previous.pattern, next.pattern, `${path}/pattern`),
    valueFinding('FORMAT', 'format', previous.format, next.format, `${path}/format`),
  ].filter((f): f is SchemaFinding => f !== undefined);
}
