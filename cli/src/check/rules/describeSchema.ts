import type { NormSchema } from '../NormSchema.js';

/** A short name of what a schema accepts, for messages: `string`, `integer`, `anyOf(2)`, `enum [a, b]`. */
export function describeSchema(node: NormSchema): string {
  switch (node.kind) {
    case 'empty':
      return 'any value';
    case 'false':
      return 'no value (false)';
    case 'number':
      return node.integer ? 'integer' : 'number';
    case 'enum':
      return `enum ${JSON.stringify(node.values)}`;
    case 'const':
      return `const ${JSON.stringify(node.value)}`;
    case 'not':
      return 'not(...)';
    case 'combined':
      return node.fromTypeList ? `type list (${node.subschemas.length})` : `${node.criterion}(${node.subschemas.length})`;
    case 'aspects':
      return [...node.parts.values()].map(describeSchema).join(' & ');
    default:
      return node.kind;
  }
}
