import { canonicalJson } from '../../schema/JsonSchema.js';
import type { ConstNode } from '../NormSchema.js';
import type { SchemaFinding } from '../SchemaFinding.js';
import { keywordFinding } from './findings.js';

/** const changed (registry: `ConstSchemaDiff`, reported as `ENUM_ARRAY_CHANGED`). */
export function compareConst(previous: ConstNode, next: ConstNode, path: string): SchemaFinding[] {
  if (canonicalJson(previous.value) === canonicalJson(next.value)) return [];
  return [keywordFinding('CONST_CHANGED', `${path}/const`, `const ${JSON.stringify(previous.value)} → ${JSON.stringify(next.value)}`)];
}
