import type { CompareContext } from '../CompareContext.js';
import type { ArrayNode } from '../NormSchema.js';
import type { SchemaFinding } from '../SchemaFinding.js';
import { compareOpenOrSchema } from './compareOpenOrSchema.js';
import { compareTupleItems } from './compareTupleItems.js';
import { boundFinding, keywordFinding } from './findings.js';

/**
 * Arrays (registry: `ArraySchemaDiff`): the schema of all items, tuple items,
 * additional and unevaluated items, min/maxItems, uniqueItems, min/maxContains.
 */
export function compareArray(previous: ArrayNode, next: ArrayNode, path: string, ctx: CompareContext): SchemaFinding[] {
  const found: SchemaFinding[] = [];
  const itemsPointer = `${path}/items`;
  if (previous.items === undefined && next.items !== undefined) {
    found.push(keywordFinding('SCHEMA_ADDED', itemsPointer, 'items schema added'));
  } else if (previous.items !== undefined && next.items === undefined) {
    found.push(keywordFinding('SCHEMA_REMOVED', itemsPointer, 'items schema removed'));
  } else if (previous.items !== undefined && next.items !== undefined) {
    found.push(...ctx.compare(previous.items.node(), next.items.node(), itemsPointer));
  }

  found.push(...compareTupleItems(previous, next, path, ctx));
  const additionalKeyword = next.tuple.length > 0 ? next.additionalItemsKeyword : previous.additionalItemsKeyword;
  found.push(...compareOpenOrSchema('ADDITIONAL_ITEMS', additionalKeyword, previous.additionalItems, next.additionalItems, `${path}/${additionalKeyword}`, ctx));
  if (previous.unevaluatedItems !== undefined || next.unevaluatedItems !== undefined) {
    const unevaluated = (v: ArrayNode['unevaluatedItems']): NonNullable<ArrayNode['unevaluatedItems']> => v ?? true;
    found.push(...compareOpenOrSchema('UNEVALUATED_ITEMS', 'unevaluatedItems', unevaluated(previous.unevaluatedItems), unevaluated(next.unevaluatedItems), `${path}/unevaluatedItems`, ctx));
  }

  for (const f of [
    boundFinding('MAX_ITEMS', 'maxItems', previous.maxItems, next.maxItems, `${path}/maxItems`),
    boundFinding('MIN_ITEMS', 'minItems', previous.minItems, next.minItems, `${path}/minItems`),
    boundFinding('MAX_CONTAINS', 'maxContains', previous.maxContains, next.maxContains, `${path}/maxContains`),
    boundFinding('MIN_CONTAINS', 'minContains', previous.minContains, next.minContains, `${path}/minContains`),
  ]) {
    if (f !== undefined) found.push(f);
  }
  if (previous.uniqueItems !== next.uniqueItems) {
    found.push(
      next.uniqueItems
        ? keywordFinding('UNIQUE_ITEMS_ADDED', `${path}/uniqueItems`, 'uniqueItems added')
        : keywordFinding('UNIQUE_ITEMS_REMOVED', `${path}/uniqueItems`, 'uniqueItems removed'),
    );
  }
  return found;
}
