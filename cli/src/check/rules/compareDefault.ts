import { jsonEqual } from '../../schema/JsonSchema.js';
import type { NormSchema } from '../NormSchema.js';
import type { SchemaFinding } from '../SchemaFinding.js';
import { keywordFinding } from './findings.js';

/** `default` added, removed or changed: compatible both ways (the registry's `DEFAULT_CHANGED`). */
export function compareDefault(previous: NormSchema, next: NormSchema, path: string): SchemaFinding[] {
  const a = previous.annotations;
  const b = next.annotations;
  const pointer = `${path}/default`;
  if (!a.hasDefault && !b.hasDefault) return [];
  if (!a.hasDefault) return [keywordFinding('DEFAULT_ADDED', pointer, `default added (${JSON.stringify(b.default)})`)];
  if (!b.hasDefault) return [keywordFinding('DEFAULT_REMOVED', pointer, `default removed (was ${JSON.stringify(a.default)})`)];
  if (jsonEqual(a.default, b.default)) return [];
  return [keywordFinding('DEFAULT_CHANGED', pointer, `default ${JSON.stringify(a.default)} → ${JSON.stringify(b.default)}`)];
}
