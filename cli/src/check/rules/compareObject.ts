import { joinPointer } from '../../util/pointer.js';
import type { CompareContext } from '../CompareContext.js';
import type { ObjectNode } from '../NormSchema.js';
import type { SchemaFinding } from '../SchemaFinding.js';
import { compareOpenOrSchema } from './compareOpenOrSchema.js';
import { comparePropertyAdded, comparePropertyRemoved } from './comparePropertyPresence.js';
import { compareRequired } from './compareRequired.js';
import { boundFinding, keywordFinding } from './findings.js';

/**
 * Objects (registry: `ObjectSchemaDiff`): required, properties (with open, closed
 * and partially open content models), dependencies, additionalProperties,
 * min/maxProperties; plus patternProperties entries (a ksdk addition: the registry
 * uses them only to decide content models).
 */
export function compareObject(previous: ObjectNode, next: ObjectNode, path: string, ctx: CompareContext): SchemaFinding[] {
  const found: SchemaFinding[] = [...compareRequired(previous, next, path)];

  const names = [...new Set([...previous.properties.keys(), ...next.properties.keys()])];
  for (const name of names) {
    const pointer = joinPointer(path, 'properties', name);
    const before = previous.properties.get(name);
    const after = next.properties.get(name);
    if (before !== undefined && after !== undefined) found.push(...ctx.compare(before.node(), after.node(), pointer));
    else if (after !== undefined) found.push(...comparePropertyAdded(previous, next, name, after, pointer, ctx));
    else if (before !== undefined) found.push(...comparePropertyRemoved(previous, next, name, before, pointer, ctx));
  }

  found.push(...compareDependencies(previous, next, path, ctx));
  found.push(...compareOpenOrSchema('ADDITIONAL_PROPERTIES', 'additionalProperties', previous.additionalProperties, next.additionalProperties, joinPointer(path, 'additionalProperties'), ctx));

  const patterns = [...new Set([...previous.patternProperties.keys(), ...next.patternProperties.keys()])];
  for (const pattern of patterns) {
    const pointer = joinPointer(path, 'patternProperties', pattern);
    const before = previous.patternProperties.get(pattern);
    const after = next.patternProperties.get(pattern);
    if (before !== undefined && after !== undefined) found.push(...ctx.compare(before.node(), after.node(), pointer));
    else if (after !== undefined) found.push(keywordFinding('PATTERN_PROPERTY_ADDED', pointer, `patternProperties ${JSON.stringify(pattern)} added`));
    else found.push(keywordFinding('PATTERN_PROPERTY_REMOVED', pointer, `patternProperties ${JSON.stringify(pattern)} removed`));
  }

  for (const f of [
    boundFinding('MAX_PROPERTIES', 'maxProperties', previous.maxProperties, next.maxProperties, `${path}/maxProperties`),
    boundFinding('MIN_PROPERTIES', 'minProperties', previous.minProperties, next.minProperties, `${path}/minProperties`),
  ]) {
    if (f !== undefined) found.push(f);
  }
  return found;
}

function compareDependencies(previous: ObjectNode, next: ObjectNode, path: string, ctx: CompareContext): SchemaFinding[] {
  const found: SchemaFinding[] = [];
  const names = [...new Set([...previous.dependentRequired.keys(), ...next.dependentRequired.keys()])];
  for (const name of names) {
    const pointer = joinPointer(path, next.dependentRequired.has(name) ? next.dependentRequiredKeyword : previous.dependentRequiredKeyword, name);
    const before = previous.dependentRequired.get(name);
    const after = next.dependentRequired.get(name);
    if (after === undefined) {
      found.push(keywordFinding('DEPENDENCY_ARRAY_REMOVED', pointer, `"${name}" no longer requires ${JSON.stringify(before)}`));
    } else if (before === undefined) {
      found.push(keywordFinding('DEPENDENCY_ARRAY_ADDED', pointer, `"${name}" now requires ${JSON.stringify(after)}`));
    } else {
      const a = new Set(before);
      const b = new Set(after);
      if (a.size === b.size && [...a].every((x) => b.has(x))) continue;
      const message = `"${name}" requires ${JSON.stringify(before)} → ${JSON.stringify(after)}`;
      if ([...a].every((x) => b.has(x))) found.push(keywordFinding('DEPENDENCY_ARRAY_EXTENDED', pointer, message));
      else if ([...b].every((x) => a.has(x))) found.push(keywordFinding('DEPENDENCY_ARRAY_NARROWED', pointer, message));
      else found.push(keywordFinding('DEPENDENCY_ARRAY_CHANGED', pointer, message));
    }
  }
  const schemaNames = [...new Set([...previous.dependentSchemas.keys(), ...next.dependentSchemas.keys()])];
  for (const name of schemaNames) {
    const pointer = joinPointer(path, next.dependentSchemas.has(name) ? next.dependentSchemasKeyword : previous.dependentSchemasKeyword, name);
    const before = previous.dependentSchemas.get(name);
    const after = next.dependentSchemas.get(name);
    if (after === undefined) found.push(keywordFinding('DEPENDENCY_SCHEMA_REMOVED', pointer, `dependent schema of "${name}" removed`));
    else if (before === undefined) found.push(keywordFinding('DEPENDENCY_SCHEMA_ADDED', pointer, `dependent schema of "${name}" added`));
    else found.push(...ctx.compare(before.node(), after.node(), pointer));
  }
  return found;
}
