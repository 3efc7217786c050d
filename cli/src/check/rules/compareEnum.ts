import { canonicalJson } from '../../schema/JsonSchema.js';
import type { EnumNode } from '../NormSchema.js';
import type { SchemaFinding } from '../SchemaFinding.js';
import { keywordFinding } from './findings.js';

/** enum values added, removed or both (registry: `EnumSchemaDiff`, compared as sets). */
export function compareEnum(previous: EnumNode, next: EnumNode, path: string): SchemaFinding[] {
  const before = new Set(previous.values.map(canonicalJson));
  const after = new Set(next.values.map(canonicalJson));
  const added = [...after].filter((v) => !before.has(v));
  const removed = [...before].filter((v) => !after.has(v));
  if (added.length === 0 && removed.length === 0) return [];
  const detail = [added.length > 0 ? `added ${added.join(', ')}` : '', removed.length > 0 ? `removed ${removed.join(', ')}` : '']
    .filter(Boolean)
    .join('; ');
  const rule = removed.length === 0 ? 'ENUM_ARRAY_EXTENDED' : added.length === 0 ? 'ENUM_ARRAY_NARROWED' : 'ENUM_ARRAY_CHANGED';
  return [keywordFinding(rule, `${path}/enum`, `enum values ${detail}`)];
}
