import { joinPointer } from '../../util/pointer.js';
import type { ObjectNode } from '../NormSchema.js';
import type { SchemaFinding } from '../SchemaFinding.js';
import { finding, verdict } from './findings.js';

/**
 * `required` changes of properties both schemas declare (registry: `compareRequired`).
 * Making a property required breaks readers of old data unless it has a default;
 * making it optional breaks old readers (forward) unless the old schema gave it one.
 */
export function compareRequired(previous: ObjectNode, next: ObjectNode, path: string): SchemaFinding[] {
  const found: SchemaFinding[] = [];
  for (const name of previous.properties.keys()) {
    const after = next.properties.get(name);
    const before = previous.properties.get(name);
    if (after === undefined || before === undefined) continue;
    const wasRequired = previous.required.has(name);
    const isRequired = next.required.has(name);
    if (wasRequired === isRequired) continue;
    const pointer = joinPointer(path, 'required', name);
    if (isRequired) {
      const withDefault = after.node().annotations.hasDefault;
      const rule = withDefault ? 'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED' : 'REQUIRED_ATTRIBUTE_ADDED';
      found.push(finding(rule, pointer, `property "${name}" is now required${withDefault ? ' (it has a default)' : ''}`, verdict(withDefault, rule), verdict(true, 'REQUIRED_ATTRIBUTE_REMOVED')));
    } else {
      const hadDefault = before.node().annotations.hasDefault;
      found.push(
        finding(
          'REQUIRED_ATTRIBUTE_REMOVED',
          pointer,
          `property "${name}" is no longer required`,
          verdict(true, 'REQUIRED_ATTRIBUTE_REMOVED'),
          verdict(hadDefault, hadDefault ? 'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED' : 'REQUIRED_ATTRIBUTE_ADDED'),
        ),
      );
    }
  }
  return found;
}

