import type { JsonSchema } from '../../cli/src/schema/JsonSchema.js';
import type { SchemaRuleId } from '../../cli/src/check/rules/RuleId.js';

export interface Want {
  BACKWARD: boolean;
  FORWARD: boolean;
  FULL: boolean;
}

export interface Case {
  previous: JsonSchema;
  next: JsonSchema;
  want: Want;
  /** A rule that must be among the findings. */
  rule?: SchemaRuleId;
  /** Its pointer, when it matters. */
  pointer?: string;
  lenient?: boolean;
  /** Other documents `$ref`s point to, for each side. */
  previousDocs?: Record<string, JsonSchema>;
  nextDocs?: Record<string, JsonSchema>;
}

/** true = compatible in that mode. */
export const COMPATIBLE: Want = { BACKWARD: true, FORWARD: true, FULL: true };
/** New readers read old data; old readers break on new data. */
export const BACKWARD_ONLY: Want = { BACKWARD: true, FORWARD: false, FULL: false };
/** Old readers read new data; new readers break on old data. */
export const FORWARD_ONLY: Want = { BACKWARD: false, FORWARD: true, FULL: false };
export const BREAKING: Want = { BACKWARD: false, FORWARD: false, FULL: false };

const str = (extra: Record<string, unknown> = {}): JsonSchema => ({ type: 'string', ...extra }) as JsonSchema;
const num = (extra: Record<string, unknown> = {}): JsonSchema => ({ type: 'number', ...extra }) as JsonSchema;
const arr = (extra: Record<string, unknown> = {}): JsonSchema => ({ type: 'array', ...extra }) as JsonSchema;
const obj = (properties: Record<string, JsonSchema>, extra: Record<string, unknown> = {}): JsonSchema =>
  ({ type: 'object', properties, ...extra }) as JsonSchema;
const closed = (properties: Record<string, JsonSchema>, extra: Record<string, unknown> = {}): JsonSchema =>
  obj(properties, { additionalProperties: false, ...extra });

export const cases: [string, Case][] = [
  // ---- strings
  ['maxLength decreased', { previous: str({ maxLength: 20 }), next: str({ maxLength: 10 }), want: FORWARD_ONLY, rule: 'MAX_LENGTH_DECREASED', pointer: '/maxLength' }],
  ['maxLength increased', { previous: str({ maxLength: 10 }), next: str({ maxLength: 20 }), want: BACKWARD_ONLY, rule: 'MAX_LENGTH_INCREASED' }],
  ['maxLength added', { previous: str(), next: str({ maxLength: 10 }), want: FORWARD_ONLY, rule: 'MAX_LENGTH_ADDED' }],
  ['maxLength removed', { previous: str({ maxLength: 10 }), next: str(), want: BACKWARD_ONLY, rule: 'MAX_LENGTH_REMOVED' }],
  ['minLength increased', { previous: str({ minLength: 1 }), next: str({ minLength: 3 }), want: FORWARD_ONLY, rule: 'MIN_LENGTH_INCREASED' }],
  ['minLength decreased', { previous: str({ minLength: 3 }), next: str({ minLength: 1 }), want: BACKWARD_ONLY, rule: 'MIN_LENGTH_DECREASED' }],
  ['minLength added', { previous: str(), next: str({ minLength: 1 }), want: FORWARD_ONLY, rule: 'MIN_LENGTH_ADDED' }],
  ['minLength removed', { previous: str({ minLength: 1 }), next: str(), want: BACKWARD_ONLY, rule: 'MIN_LENGTH_REMOVED' }],
  ['pattern added', { previous: str(), next: str({ pattern: '^[A-Z]+$' }), want: FORWARD_ONLY, rule: 'PATTERN_ADDED' }],
  ['pattern removed', { previous: str({ pattern: '^[A-Z]+$' }), next: str(), want: BACKWARD_ONLY, rule: 'PATTERN_REMOVED' }],
  ['pattern changed', { previous: str({ pattern: '^[A-Z]+$' }), next: str({ pattern: '^[a-z]+$' }), want: BREAKING, rule: 'PATTERN_CHANGED' }],
  ['format added (ksdk)', { previous: str(), next: str({ format: 'email' }), want: FORWARD_ONLY, rule: 'FORMAT_ADDED' }],
  ['format removed (ksdk)', { previous: str({ format: 'email' }), next: str(), want: BACKWARD_ONLY, rule: 'FORMAT_REMOVED' }],
  ['format changed (ksdk)', { previous: str({ format: 'email' }), next: str({ format: 'uri' }), want: BREAKING, rule: 'FORMAT_CHANGED' }],

  // ---- numbers
  ['maximum decreased', { previous: num({ maximum: 100 }), next: num({ maximum: 50 }), want: FORWARD_ONLY, rule: 'MAXIMUM_DECREASED' }],
  ['maximum increased', { previous: num({ maximum: 50 }), next: num({ maximum: 100 }), want: BACKWARD_ONLY, rule: 'MAXIMUM_INCREASED' }],
  ['maximum added', { previous: num(), next: num({ maximum: 100 }), want: FORWARD_ONLY, rule: 'MAXIMUM_ADDED' }],
  ['maximum removed', { previous: num({ maximum: 100 }), next: num(), want: BACKWARD_ONLY, rule: 'MAXIMUM_REMOVED' }],
  ['minimum increased', { previous: num({ minimum: 0 }), next: num({ minimum: 1 }), want: FORWARD_ONLY, rule: 'MINIMUM_INCREASED' }],
  ['minimum decreased', { previous: num({ minimum: 1 }), next: num({ minimum: 0 }), want: BACKWARD_ONLY, rule: 'MINIMUM_DECREASED' }],
  ['exclusiveMaximum decreased', { previous: num({ exclusiveMaximum: 10 }), next: num({ exclusiveMaximum: 5 }), want: FORWARD_ONLY, rule: 'EXCLUSIVE_MAXIMUM_DECREASED' }],
  ['exclusiveMinimum removed', { previous: num({ exclusiveMinimum: 0 }), next: num(), want: BACKWARD_ONLY, rule: 'EXCLUSIVE_MINIMUM_REMOVED' }],
  ['exclusiveMinimum added', { previous: num(), next: num({ exclusiveMinimum: 0 }), want: FORWARD_ONLY, rule: 'EXCLUSIVE_MINIMUM_ADDED' }],
  ['multipleOf added', { previous: num(), next: num({ multipleOf: 5 }), want: FORWARD_ONLY, rule: 'MULTIPLE_OF_ADDED' }],
  ['multipleOf removed', { previous: num({ multipleOf: 5 }), next: num(), want: BACKWARD_ONLY, rule: 'MULTIPLE_OF_REMOVED' }],
  ['multipleOf reduced to a divisor', { previous: num({ multipleOf: 10 }), next: num({ multipleOf: 5 }), want: BACKWARD_ONLY, rule: 'MULTIPLE_OF_REDUCED' }],
  ['multipleOf expanded to a multiple', { previous: num({ multipleOf: 5 }), next: num({ multipleOf: 10 }), want: FORWARD_ONLY, rule: 'MULTIPLE_OF_EXPANDED' }],
  ['multipleOf changed', { previous: num({ multipleOf: 10 }), next: num({ multipleOf: 3 }), want: BREAKING, rule: 'MULTIPLE_OF_CHANGED' }],
  ['multipleOf decimal reduced', { previous: num({ multipleOf: 0.1 }), next: num({ multipleOf: 0.01 }), want: BACKWARD_ONLY, rule: 'MULTIPLE_OF_REDUCED' }],
  ['number narrowed to integer', { previous: num(), next: { type: 'integer' }, want: FORWARD_ONLY, rule: 'TYPE_NARROWED' }],
  ['integer widened to number', { previous: { type: 'integer' }, next: num(), want: BACKWARD_ONLY, rule: 'TYPE_EXTENDED' }],

  // ---- types
  ['string → number', { previous: str(), next: num(), want: BREAKING, rule: 'TYPE_CHANGED', pointer: '' }],
  ['object → array', { previous: { type: 'object' }, next: arr(), want: BREAKING, rule: 'TYPE_CHANGED' }],
  ['boolean → null', { previous: { type: 'boolean' }, next: { type: 'null' }, want: BREAKING, rule: 'TYPE_CHANGED' }],
  ['string made nullable', { previous: str(), next: { type: ['string', 'null'] }, want: BACKWARD_ONLY, rule: 'SUM_TYPE_EXTENDED' }],
  ['nullable string made non-null', { previous: { type: ['string', 'null'] }, next: str(), want: FORWARD_ONLY, rule: 'SUM_TYPE_NARROWED' }],
  ['type list extended', { previous: { type: ['string', 'null'] }, next: { type: ['string', 'number', 'null'] }, want: BACKWARD_ONLY, rule: 'SUM_TYPE_EXTENDED' }],
  ['single-element type list is the type', { previous: { type: ['string'] }, next: str(), want: COMPATIBLE }],
  ['any value narrowed to a type', { previous: {}, next: str(), want: FORWARD_ONLY, rule: 'TYPE_NARROWED' }],
  ['a type widened to any value', { previous: str(), next: true, want: BACKWARD_ONLY, rule: 'TYPE_EXTENDED' }],
  ['schema narrowed to false', { previous: str(), next: false, want: FORWARD_ONLY, rule: 'TYPE_NARROWED' }],
  ['false widened to a type', { previous: false, next: str(), want: BACKWARD_ONLY, rule: 'TYPE_EXTENDED' }],

  // ---- enum, const
  ['enum values added', { previous: str({ enum: ['a', 'b'] }), next: str({ enum: ['a', 'b', 'c'] }), want: BACKWARD_ONLY, rule: 'ENUM_ARRAY_EXTENDED', pointer: '/enum' }],
  ['enum values removed', { previous: str({ enum: ['a', 'b', 'c'] }), next: str({ enum: ['a', 'b'] }), want: FORWARD_ONLY, rule: 'ENUM_ARRAY_NARROWED' }],
  ['enum values swapped', { previous: str({ enum: ['a', 'b'] }), next: str({ enum: ['a', 'c'] }), want: BREAKING, rule: 'ENUM_ARRAY_CHANGED' }],
  ['enum reordered', { previous: { enum: ['a', 'b'] }, next: { enum: ['b', 'a'] }, want: COMPATIBLE }],
  ['enum added to a string', { previous: str(), next: str({ enum: ['a'] }), want: FORWARD_ONLY, rule: 'ENUM_ADDED' }],
  ['enum removed from a string', { previous: str({ enum: ['a'] }), next: str(), want: BACKWARD_ONLY, rule: 'ENUM_REMOVED' }],
  ['const changed', { previous: { const: 'v1' }, next: { const: 'v2' }, want: BREAKING, rule: 'CONST_CHANGED' }],
  ['const added to a string', { previous: str(), next: str({ const: 'v1' }), want: FORWARD_ONLY, rule: 'CONST_ADDED' }],
  ['const removed from a string', { previous: str({ const: 'v1' }), next: str(), want: BACKWARD_ONLY, rule: 'CONST_REMOVED' }],

  // ---- properties and content models
  ['optional property added to an open model', { previous: obj({ a: str() }), next: obj({ a: str(), b: num() }), want: FORWARD_ONLY, rule: 'OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', pointer: '/properties/b' }],
  ['required property added to an open model', { previous: obj({ a: str() }), next: obj({ a: str(), b: num() }, { required: ['b'] }), want: FORWARD_ONLY, rule: 'REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', pointer: '/properties/b' }],
  ['required property with a default added to an open model', { previous: obj({ a: str() }), next: obj({ a: str(), b: num({ default: 0 }) }, { required: ['b'] }), want: FORWARD_ONLY, rule: 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL' }],
  ['property removed from an open model', { previous: obj({ a: str(), b: num() }), next: obj({ a: str() }), want: BACKWARD_ONLY, rule: 'PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL' }],
  ['property with an empty schema added to an open model', { previous: obj({ a: str() }), next: obj({ a: str(), b: {} }), want: COMPATIBLE, rule: 'PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL' }],
  ['optional property added to a closed model', { previous: closed({ a: str() }), next: closed({ a: str(), b: num() }), want: BACKWARD_ONLY, rule: 'OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL' }],
  ['required property added to a closed model', { previous: closed({ a: str() }), next: closed({ a: str(), b: num() }, { required: ['b'] }), want: BREAKING, rule: 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL' }],
  ['required property with a default added to a closed model', { previous: closed({ a: str() }), next: closed({ a: str(), b: num({ default: 0 }) }, { required: ['b'] }), want: BACKWARD_ONLY, rule: 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL' }],
  ['optional property removed from a closed model', { previous: closed({ a: str(), b: num() }), next: closed({ a: str() }), want: FORWARD_ONLY, rule: 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL' }],
  ['required property removed from a closed model', { previous: closed({ a: str(), b: num() }, { required: ['b'] }), next: closed({ a: str() }), want: BREAKING, rule: 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL' }],
  ['property with schema false removed from a closed model', { previous: closed({ a: str(), b: false }), next: closed({ a: str() }), want: COMPATIBLE, rule: 'PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL' }],
  ['property added, covered by additionalProperties', { previous: obj({ a: str() }, { additionalProperties: str() }), next: obj({ a: str(), b: str() }, { additionalProperties: str() }), want: COMPATIBLE, rule: 'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' }],
  ['property added, not covered by additionalProperties', { previous: obj({ a: str() }, { additionalProperties: str() }), next: obj({ a: str(), b: num() }, { additionalProperties: str() }), want: BREAKING, rule: 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' }],
  ['required property added, covered by additionalProperties', { previous: obj({ a: str() }, { additionalProperties: str() }), next: obj({ a: str(), b: str() }, { additionalProperties: str(), required: ['b'] }), want: FORWARD_ONLY, rule: 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL' }],
  ['property added, covered by a wider patternProperties type', {
    previous: closed({ a: str() }, { patternProperties: { '^I_': { type: 'integer' } } }),
    next: closed({ a: str(), I_count: num() }, { patternProperties: { '^I_': { type: 'integer' } } }),
    want: BACKWARD_ONLY,
    rule: 'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
  }],
  ['property removed, covered by additionalProperties', { previous: closed({ a: str(), b: str() }), next: obj({ a: str() }, { additionalProperties: str() }), want: BACKWARD_ONLY, rule: 'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' }],
  ['property removed, not covered by additionalProperties', { previous: closed({ a: str(), b: num() }), next: obj({ a: str() }, { additionalProperties: str() }), want: BREAKING, rule: 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' }],
  ['property removed, covered by patternProperties', {
    previous: obj({ a: str(), S_name: str() }, { patternProperties: { '^S_': str() } }),
    next: obj({ a: str() }, { patternProperties: { '^S_': str() } }),
    want: COMPATIBLE,
    rule: 'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
  }],
  ['property type changed', { previous: obj({ a: str() }), next: obj({ a: num() }), want: BREAKING, rule: 'TYPE_CHANGED', pointer: '/properties/a' }],
  ['nested property bound narrowed', { previous: obj({ inner: obj({ n: num({ maximum: 10 }) }) }), next: obj({ inner: obj({ n: num({ maximum: 5 }) }) }), want: FORWARD_ONLY, rule: 'MAXIMUM_DECREASED', pointer: '/properties/inner/properties/n/maximum' }],

  // ---- required
  ['existing property made required', { previous: obj({ a: str() }), next: obj({ a: str() }, { required: ['a'] }), want: FORWARD_ONLY, rule: 'REQUIRED_ATTRIBUTE_ADDED', pointer: '/required/a' }],
  ['existing property made optional', { previous: obj({ a: str() }, { required: ['a'] }), next: obj({ a: str() }), want: BACKWARD_ONLY, rule: 'REQUIRED_ATTRIBUTE_REMOVED' }],
  ['property with a default made required', { previous: obj({ a: str({ default: 'x' }) }), next: obj({ a: str({ default: 'x' }) }, { required: ['a'] }), want: COMPATIBLE, rule: 'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED' }],
  ['property with a default made optional', { previous: obj({ a: str({ default: 'x' }) }, { required: ['a'] }), next: obj({ a: str({ default: 'x' }) }), want: COMPATIBLE, rule: 'REQUIRED_ATTRIBUTE_REMOVED' }],

  // ---- additionalProperties, patternProperties, counts, dependencies
  ['additionalProperties opened', { previous: closed({ a: str() }), next: obj({ a: str() }), want: BACKWARD_ONLY, rule: 'ADDITIONAL_PROPERTIES_ADDED' }],
  ['additionalProperties closed', { previous: obj({ a: str() }), next: closed({ a: str() }), want: FORWARD_ONLY, rule: 'ADDITIONAL_PROPERTIES_REMOVED' }],
  ['additionalProperties given a schema', { previous: obj({}), next: obj({}, { additionalProperties: str() }), want: FORWARD_ONLY, rule: 'ADDITIONAL_PROPERTIES_NARROWED' }],
  ['additionalProperties schema dropped', { previous: obj({}, { additionalProperties: str() }), next: obj({}), want: BACKWARD_ONLY, rule: 'ADDITIONAL_PROPERTIES_EXTENDED' }],
  ['additionalProperties schema changed type', { previous: obj({}, { additionalProperties: str() }), next: obj({}, { additionalProperties: num() }), want: BREAKING, rule: 'TYPE_CHANGED', pointer: '/additionalProperties' }],
  ['patternProperties entry added (ksdk)', { previous: obj({}), next: obj({}, { patternProperties: { '^x-': str() } }), want: FORWARD_ONLY, rule: 'PATTERN_PROPERTY_ADDED' }],
  ['patternProperties entry removed (ksdk)', { previous: obj({}, { patternProperties: { '^x-': str() } }), next: obj({}), want: BACKWARD_ONLY, rule: 'PATTERN_PROPERTY_REMOVED' }],
  ['patternProperties schema narrowed', { previous: obj({}, { patternProperties: { '^x-': str() } }), next: obj({}, { patternProperties: { '^x-': str({ maxLength: 3 }) } }), want: FORWARD_ONLY, rule: 'MAX_LENGTH_ADDED' }],
  ['maxProperties decreased', { previous: obj({}, { maxProperties: 5 }), next: obj({}, { maxProperties: 3 }), want: FORWARD_ONLY, rule: 'MAX_PROPERTIES_DECREASED' }],
  ['minProperties added', { previous: obj({}), next: obj({}, { minProperties: 1 }), want: FORWARD_ONLY, rule: 'MIN_PROPERTIES_ADDED' }],
  ['minProperties removed', { previous: obj({}, { minProperties: 1 }), next: obj({}), want: BACKWARD_ONLY, rule: 'MIN_PROPERTIES_REMOVED' }],
  ['dependentRequired added', { previous: obj({ a: str(), b: str() }), next: obj({ a: str(), b: str() }, { dependentRequired: { a: ['b'] } }), want: FORWARD_ONLY, rule: 'DEPENDENCY_ARRAY_ADDED' }],
  ['dependentRequired removed', { previous: obj({ a: str(), b: str() }, { dependentRequired: { a: ['b'] } }), next: obj({ a: str(), b: str() }), want: BACKWARD_ONLY, rule: 'DEPENDENCY_ARRAY_REMOVED' }],
  ['dependencies array extended', { previous: obj({}, { dependencies: { a: ['b'] } }), next: obj({}, { dependencies: { a: ['b', 'c'] } }), want: FORWARD_ONLY, rule: 'DEPENDENCY_ARRAY_EXTENDED' }],
  ['dependencies array narrowed', { previous: obj({}, { dependencies: { a: ['b', 'c'] } }), next: obj({}, { dependencies: { a: ['b'] } }), want: BACKWARD_ONLY, rule: 'DEPENDENCY_ARRAY_NARROWED' }],
  ['dependentSchemas removed', { previous: obj({}, { dependentSchemas: { a: { required: ['b'] } } }), next: obj({}), want: BACKWARD_ONLY, rule: 'DEPENDENCY_SCHEMA_REMOVED' }],
  ['dependentSchemas added', { previous: obj({}), next: obj({}, { dependentSchemas: { a: { required: ['b'] } } }), want: FORWARD_ONLY, rule: 'DEPENDENCY_SCHEMA_ADDED' }],

  // ---- arrays
  ['items type changed', { previous: arr({ items: str() }), next: arr({ items: num() }), want: BREAKING, rule: 'TYPE_CHANGED', pointer: '/items' }],
  ['items schema added', { previous: arr(), next: arr({ items: str() }), want: FORWARD_ONLY, rule: 'SCHEMA_ADDED' }],
  ['items schema removed', { previous: arr({ items: str() }), next: arr(), want: BACKWARD_ONLY, rule: 'SCHEMA_REMOVED' }],
  ['minItems increased', { previous: arr({ minItems: 1 }), next: arr({ minItems: 2 }), want: FORWARD_ONLY, rule: 'MIN_ITEMS_INCREASED' }],
  ['minItems decreased', { previous: arr({ minItems: 2 }), next: arr({ minItems: 1 }), want: BACKWARD_ONLY, rule: 'MIN_ITEMS_DECREASED' }],
  ['maxItems decreased', { previous: arr({ maxItems: 10 }), next: arr({ maxItems: 5 }), want: FORWARD_ONLY, rule: 'MAX_ITEMS_DECREASED' }],
  ['maxItems removed', { previous: arr({ maxItems: 10 }), next: arr(), want: BACKWARD_ONLY, rule: 'MAX_ITEMS_REMOVED' }],
  ['uniqueItems added', { previous: arr(), next: arr({ uniqueItems: true }), want: FORWARD_ONLY, rule: 'UNIQUE_ITEMS_ADDED' }],
  ['uniqueItems removed', { previous: arr({ uniqueItems: true }), next: arr(), want: BACKWARD_ONLY, rule: 'UNIQUE_ITEMS_REMOVED' }],
  ['minContains added', { previous: arr({ contains: str() }), next: arr({ contains: str(), minContains: 2 }), want: FORWARD_ONLY, rule: 'MIN_CONTAINS_ADDED' }],
  ['prefixItems item added to an open tuple', { previous: arr({ prefixItems: [str()] }), next: arr({ prefixItems: [str(), num()] }), want: FORWARD_ONLY, rule: 'ITEM_ADDED_TO_OPEN_CONTENT_MODEL', pointer: '/prefixItems/1' }],
  ['prefixItems item removed from an open tuple', { previous: arr({ prefixItems: [str(), num()] }), next: arr({ prefixItems: [str()] }), want: BACKWARD_ONLY, rule: 'ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL' }],
  ['prefixItems item added to a closed tuple', { previous: arr({ prefixItems: [str()], items: false }), next: arr({ prefixItems: [str(), num()], items: false }), want: BACKWARD_ONLY, rule: 'ITEM_ADDED_TO_CLOSED_CONTENT_MODEL' }],
  ['prefixItems item removed from a closed tuple', { previous: arr({ prefixItems: [str(), num()], items: false }), next: arr({ prefixItems: [str()], items: false }), want: FORWARD_ONLY, rule: 'ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL' }],
  ['tuple item added, covered by additionalItems (draft-07)', { previous: arr({ items: [str(), num()], additionalItems: str() }), next: arr({ items: [str(), num(), str()], additionalItems: str() }), want: COMPATIBLE, rule: 'ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' }],
  ['tuple item added, not covered by additionalItems', { previous: arr({ items: [str()], additionalItems: str() }), next: arr({ items: [str(), num()], additionalItems: str() }), want: BREAKING, rule: 'ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' }],
  // unevaluatedItems (2019-09+) decides what lies past the tuple when additional items do not (registry 8.x).
  ['tuple item removed; unevaluatedItems false closes the tuple', { previous: arr({ prefixItems: [str(), num()], unevaluatedItems: false }), next: arr({ prefixItems: [str()], unevaluatedItems: false }), want: FORWARD_ONLY, rule: 'ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL', pointer: '/prefixItems/1' }],
  ['tuple item removed, not covered by unevaluatedItems', { previous: arr({ prefixItems: [str(), num()], unevaluatedItems: str() }), next: arr({ prefixItems: [str()], unevaluatedItems: str() }), want: BREAKING, rule: 'ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' }],
  ['tuple item removed, covered by unevaluatedItems', { previous: arr({ prefixItems: [str(), num()], unevaluatedItems: num() }), next: arr({ prefixItems: [str()], unevaluatedItems: num() }), want: COMPATIBLE, rule: 'ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' }],
  ['tuple item added to a tuple closed by unevaluatedItems', { previous: arr({ prefixItems: [str()], unevaluatedItems: false }), next: arr({ prefixItems: [str(), num()], unevaluatedItems: false }), want: BACKWARD_ONLY, rule: 'ITEM_ADDED_TO_CLOSED_CONTENT_MODEL' }],
  ['unevaluated items forbidden', { previous: arr({ prefixItems: [str()] }), next: arr({ prefixItems: [str()], unevaluatedItems: false }), want: FORWARD_ONLY, rule: 'UNEVALUATED_ITEMS_REMOVED', pointer: '/unevaluatedItems' }],
  ['unevaluated items allowed', { previous: arr({ prefixItems: [str()], unevaluatedItems: false }), next: arr({ prefixItems: [str()] }), want: BACKWARD_ONLY, rule: 'UNEVALUATED_ITEMS_ADDED' }],
  ['unevaluated items given a schema', { previous: arr({ prefixItems: [str()] }), next: arr({ prefixItems: [str()], unevaluatedItems: num() }), want: FORWARD_ONLY, rule: 'UNEVALUATED_ITEMS_NARROWED' }],
  ['unevaluated items schema dropped', { previous: arr({ prefixItems: [str()], unevaluatedItems: num() }), next: arr({ prefixItems: [str()] }), want: BACKWARD_ONLY, rule: 'UNEVALUATED_ITEMS_EXTENDED' }],
  ['additional tuple items forbidden', { previous: arr({ prefixItems: [str()] }), next: arr({ prefixItems: [str()], items: false }), want: FORWARD_ONLY, rule: 'ADDITIONAL_ITEMS_REMOVED' }],
  ['additional tuple items allowed', { previous: arr({ prefixItems: [str()], items: false }), next: arr({ prefixItems: [str()] }), want: BACKWARD_ONLY, rule: 'ADDITIONAL_ITEMS_ADDED' }],
  ['tuple item type changed', { previous: arr({ prefixItems: [str()] }), next: arr({ prefixItems: [num()] }), want: BREAKING, rule: 'TYPE_CHANGED', pointer: '/prefixItems/0' }],

  // ---- oneOf / anyOf / allOf
  ['oneOf alternative added', { previous: { oneOf: [str(), num()] }, next: { oneOf: [str(), num(), { type: 'boolean' }] }, want: BACKWARD_ONLY, rule: 'SUM_TYPE_EXTENDED' }],
  ['oneOf alternative removed', { previous: { oneOf: [str(), num(), { type: 'boolean' }] }, next: { oneOf: [str(), num()] }, want: FORWARD_ONLY, rule: 'SUM_TYPE_NARROWED' }],
  ['plain schema turned into a oneOf', { previous: str(), next: { oneOf: [num(), str()] }, want: BACKWARD_ONLY, rule: 'SUM_TYPE_EXTENDED' }],
  ['oneOf reduced to one plain schema', { previous: { oneOf: [num(), str()] }, next: str(), want: FORWARD_ONLY, rule: 'SUM_TYPE_NARROWED' }],
  ['singleton oneOf unwrapped', { previous: { oneOf: [str()] }, next: str(), want: COMPATIBLE }],
  ['oneOf → anyOf', { previous: { oneOf: [str(), num()] }, next: { anyOf: [str(), num()] }, want: BACKWARD_ONLY, rule: 'COMBINED_TYPE_EXTENDED' }],
  ['anyOf → oneOf', { previous: { anyOf: [str(), num()] }, next: { oneOf: [str(), num()] }, want: FORWARD_ONLY, rule: 'COMBINED_TYPE_NARROWED' }],
  ['oneOf → allOf', { previous: { oneOf: [obj({ a: str() }), obj({ b: str() })] }, next: { allOf: [obj({ a: str() }), obj({ b: str() })] }, want: BREAKING, rule: 'COMBINED_TYPE_CHANGED' }],
  ['oneOf subschema narrowed', { previous: { oneOf: [str({ maxLength: 5 })] }, next: { oneOf: [str({ maxLength: 3 })] }, want: FORWARD_ONLY, rule: 'COMBINED_TYPE_SUBSCHEMAS_CHANGED' }],
  ['oneOf subschema replaced', { previous: { oneOf: [str(), { type: 'boolean' }] }, next: { oneOf: [num(), { type: 'boolean' }] }, want: BREAKING, rule: 'COMBINED_TYPE_SUBSCHEMAS_CHANGED' }],
  ['anyOf alternatives reordered', { previous: { anyOf: [str(), num()] }, next: { anyOf: [num(), str()] }, want: COMPATIBLE }],
  ['allOf constraint added', { previous: { allOf: [obj({ a: str() })] }, next: { allOf: [obj({ a: str() }), { required: ['a'] }] }, want: FORWARD_ONLY, rule: 'PRODUCT_TYPE_EXTENDED' }],
  ['allOf constraint removed', { previous: { allOf: [obj({ a: str() }), { required: ['a'] }] }, next: { allOf: [obj({ a: str() })] }, want: BACKWARD_ONLY, rule: 'PRODUCT_TYPE_NARROWED' }],
  ['allOf added next to type', { previous: obj({ a: str() }), next: obj({ a: str() }, { allOf: [{ required: ['a'] }] }), want: FORWARD_ONLY, rule: 'ALL_OF_ADDED' }],
  // Registry 8.x compareCriteria: an allOf becoming a single-subschema anyOf/oneOf widens (its one subschema holds either way).
  ['allOf → single-subschema oneOf', { previous: { allOf: [obj({ a: str() }), { required: ['a'] }] }, next: { oneOf: [obj({ a: str() })] }, want: BACKWARD_ONLY, rule: 'COMBINED_TYPE_EXTENDED', pointer: '/oneOf' }],
  ['allOf → single-subschema anyOf', { previous: { allOf: [obj({ a: str() }), { required: ['a'] }] }, next: { anyOf: [obj({ a: str() })] }, want: BACKWARD_ONLY, rule: 'PRODUCT_TYPE_NARROWED' }],
  ['single-subschema oneOf → allOf', { previous: { oneOf: [obj({ a: str() })] }, next: { allOf: [obj({ a: str() }), { required: ['a'] }] }, want: FORWARD_ONLY, rule: 'COMBINED_TYPE_NARROWED' }],
  ['single-subschema allOf → single-subschema oneOf', { previous: { allOf: [str()] }, next: { oneOf: [str()] }, want: COMPATIBLE, rule: 'COMBINED_TYPE_EXTENDED' }],
  ['allOf of two → oneOf of two is still a change', { previous: { allOf: [obj({ a: str() }), { required: ['a'] }] }, next: { oneOf: [obj({ a: str() }), { required: ['a'] }] }, want: BREAKING, rule: 'COMBINED_TYPE_CHANGED' }],
  ['allOf reduced to one of its parts', { previous: { allOf: [str(), { maxLength: 5 }] }, next: str(), want: BACKWARD_ONLY, rule: 'PRODUCT_TYPE_NARROWED' }],

  // ---- not
  ['not narrowed (excludes less)', { previous: { not: num() }, next: { not: { type: 'integer' } }, want: BACKWARD_ONLY, rule: 'NOT_TYPE_NARROWED' }],
  ['not extended (excludes more)', { previous: { not: { type: 'integer' } }, next: { not: num() }, want: FORWARD_ONLY, rule: 'NOT_TYPE_EXTENDED' }],
  ['not changed both ways', { previous: { not: str() }, next: { not: num() }, want: BREAKING, rule: 'NOT_TYPE_CHANGED' }],
  ['not added next to type', { previous: str(), next: str({ not: { enum: [''] } }), want: FORWARD_ONLY, rule: 'NOT_ADDED' }],
  ['not removed', { previous: str({ not: { enum: [''] } }), next: str(), want: BACKWARD_ONLY, rule: 'NOT_REMOVED' }],

  // ---- $ref
  ['inline schema moved behind a $ref', { previous: obj({ a: str() }), next: obj({ a: { $ref: '#/$defs/A' } }, { $defs: { A: str() } }), want: COMPATIBLE }],
  ['$ref target changed type', {
    previous: arr({ items: { $ref: '#/definitions/Item' }, definitions: { Item: str() } }),
    next: arr({ items: { $ref: '#/definitions/Item' }, definitions: { Item: num() } }),
    want: BREAKING,
    rule: 'TYPE_CHANGED',
    pointer: '/items',
  }],
  ['$ref across files: referenced file narrowed', {
    previous: obj({ total: { $ref: 'common/money.schema.json#/$defs/Money' } }),
    next: obj({ total: { $ref: 'common/money.schema.json#/$defs/Money' } }),
    previousDocs: { 'common/money.schema.json': { $defs: { Money: num({ minimum: 0 }) } } },
    nextDocs: { 'common/money.schema.json': { $defs: { Money: num({ minimum: 0, maximum: 1000 }) } } },
    want: FORWARD_ONLY,
    rule: 'MAXIMUM_ADDED',
    pointer: '/properties/total/maximum',
  }],
  ['$ref across files: renamed file, same schema', {
    previous: obj({ total: { $ref: 'money.schema.json' } }),
    next: obj({ total: { $ref: 'amount.schema.json' } }),
    previousDocs: { 'money.schema.json': num() },
    nextDocs: { 'amount.schema.json': num() },
    want: COMPATIBLE,
  }],
  ['recursive schema, nested change', {
    previous: { $defs: { Node: obj({ name: str(), children: arr({ items: { $ref: '#/$defs/Node' } }) }) }, $ref: '#/$defs/Node' } as JsonSchema,
    next: { $defs: { Node: obj({ name: str({ maxLength: 10 }), children: arr({ items: { $ref: '#/$defs/Node' } }) }) }, $ref: '#/$defs/Node' } as JsonSchema,
    want: FORWARD_ONLY,
    rule: 'MAX_LENGTH_ADDED',
  }],

  // ---- defaults, annotations
  ['default added', { previous: str(), next: str({ default: 'x' }), want: COMPATIBLE, rule: 'DEFAULT_ADDED' }],
  ['default changed', { previous: str({ default: 'x' }), next: str({ default: 'y' }), want: COMPATIBLE, rule: 'DEFAULT_CHANGED' }],
  ['default removed', { previous: str({ default: 'x' }), next: str(), want: COMPATIBLE, rule: 'DEFAULT_REMOVED' }],
  ['title and description changed', { previous: str({ title: 'A', description: 'a' }), next: str({ title: 'B', description: 'b' }), want: COMPATIBLE }],
  ['identical schemas', { previous: obj({ a: str() }, { required: ['a'] }), next: obj({ a: str() }, { required: ['a'] }), want: COMPATIBLE }],

  // ---- lenient
  ['lenient: optional property added to an open model', { previous: obj({ a: str() }), next: obj({ a: str(), b: num() }), lenient: true, want: COMPATIBLE, rule: 'OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL' }],
  ['lenient: required property added to an open model still breaks readers of old data', { previous: obj({ a: str() }), next: obj({ a: str(), b: num() }, { required: ['b'] }), lenient: true, want: FORWARD_ONLY, rule: 'REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL' }],
  ['lenient: required property with a default added to an open model', { previous: obj({ a: str() }), next: obj({ a: str(), b: num({ default: 1 }) }, { required: ['b'] }), lenient: true, want: COMPATIBLE, rule: 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL' }],
  ['lenient: optional property removed from an open model', { previous: obj({ a: str(), b: num() }), next: obj({ a: str() }), lenient: true, want: COMPATIBLE }],
  ['lenient: required property removed from an open model breaks old readers', { previous: obj({ a: str(), b: num() }, { required: ['b'] }), next: obj({ a: str() }), lenient: true, want: BACKWARD_ONLY }],
  // ---- the remaining keyword rules, one case each
  ['minimum added', { previous: num(), next: num({ minimum: 0 }), want: FORWARD_ONLY, rule: 'MINIMUM_ADDED' }],
  ['minimum removed', { previous: num({ minimum: 0 }), next: num(), want: BACKWARD_ONLY, rule: 'MINIMUM_REMOVED' }],
  ['exclusiveMaximum added', { previous: num(), next: num({ exclusiveMaximum: 10 }), want: FORWARD_ONLY, rule: 'EXCLUSIVE_MAXIMUM_ADDED' }],
  ['exclusiveMaximum removed', { previous: num({ exclusiveMaximum: 10 }), next: num(), want: BACKWARD_ONLY, rule: 'EXCLUSIVE_MAXIMUM_REMOVED' }],
  ['exclusiveMaximum increased', { previous: num({ exclusiveMaximum: 10 }), next: num({ exclusiveMaximum: 20 }), want: BACKWARD_ONLY, rule: 'EXCLUSIVE_MAXIMUM_INCREASED' }],
  ['exclusiveMinimum increased', { previous: num({ exclusiveMinimum: 0 }), next: num({ exclusiveMinimum: 1 }), want: FORWARD_ONLY, rule: 'EXCLUSIVE_MINIMUM_INCREASED' }],
  ['exclusiveMinimum decreased', { previous: num({ exclusiveMinimum: 1 }), next: num({ exclusiveMinimum: 0 }), want: BACKWARD_ONLY, rule: 'EXCLUSIVE_MINIMUM_DECREASED' }],
  ['draft-04 boolean exclusiveMaximum reads as a limit', { previous: num({ maximum: 10, exclusiveMaximum: true }), next: num({ exclusiveMaximum: 10 }), want: COMPATIBLE }],
  ['type added next to an enum', { previous: { enum: ['a', 'b'] }, next: str({ enum: ['a', 'b'] }), want: FORWARD_ONLY, rule: 'TYPE_ADDED' }],
  ['type removed next to an enum', { previous: str({ enum: ['a', 'b'] }), next: { enum: ['a', 'b'] }, want: BACKWARD_ONLY, rule: 'TYPE_REMOVED' }],
  ['allOf removed next to type', { previous: obj({ a: str() }, { allOf: [{ required: ['a'] }] }), next: obj({ a: str() }), want: BACKWARD_ONLY, rule: 'ALL_OF_REMOVED' }],
  ['anyOf added next to type', { previous: obj({ a: str(), b: str() }), next: obj({ a: str(), b: str() }, { anyOf: [{ required: ['a'] }, { required: ['b'] }] }), want: FORWARD_ONLY, rule: 'ANY_OF_ADDED' }],
  ['anyOf removed next to type', { previous: obj({ a: str(), b: str() }, { anyOf: [{ required: ['a'] }, { required: ['b'] }] }), next: obj({ a: str(), b: str() }), want: BACKWARD_ONLY, rule: 'ANY_OF_REMOVED' }],
  ['oneOf added next to type', { previous: obj({ a: str(), b: str() }), next: obj({ a: str(), b: str() }, { oneOf: [{ required: ['a'] }, { required: ['b'] }] }), want: FORWARD_ONLY, rule: 'ONE_OF_ADDED' }],
  ['oneOf removed next to type', { previous: obj({ a: str(), b: str() }, { oneOf: [{ required: ['a'] }, { required: ['b'] }] }), next: obj({ a: str(), b: str() }), want: BACKWARD_ONLY, rule: 'ONE_OF_REMOVED' }],
  ['maxProperties added', { previous: obj({}), next: obj({}, { maxProperties: 5 }), want: FORWARD_ONLY, rule: 'MAX_PROPERTIES_ADDED' }],
  ['maxProperties removed', { previous: obj({}, { maxProperties: 5 }), next: obj({}), want: BACKWARD_ONLY, rule: 'MAX_PROPERTIES_REMOVED' }],
  ['maxProperties increased', { previous: obj({}, { maxProperties: 5 }), next: obj({}, { maxProperties: 8 }), want: BACKWARD_ONLY, rule: 'MAX_PROPERTIES_INCREASED' }],
  ['minProperties increased', { previous: obj({}, { minProperties: 1 }), next: obj({}, { minProperties: 2 }), want: FORWARD_ONLY, rule: 'MIN_PROPERTIES_INCREASED' }],
  ['minProperties decreased', { previous: obj({}, { minProperties: 2 }), next: obj({}, { minProperties: 1 }), want: BACKWARD_ONLY, rule: 'MIN_PROPERTIES_DECREASED' }],
  ['dependentRequired list changed', { previous: obj({}, { dependentRequired: { a: ['b'] } }), next: obj({}, { dependentRequired: { a: ['c'] } }), want: BREAKING, rule: 'DEPENDENCY_ARRAY_CHANGED' }],
  ['maxItems added', { previous: arr(), next: arr({ maxItems: 10 }), want: FORWARD_ONLY, rule: 'MAX_ITEMS_ADDED' }],
  ['maxItems increased', { previous: arr({ maxItems: 5 }), next: arr({ maxItems: 10 }), want: BACKWARD_ONLY, rule: 'MAX_ITEMS_INCREASED' }],
  ['minItems added', { previous: arr(), next: arr({ minItems: 1 }), want: FORWARD_ONLY, rule: 'MIN_ITEMS_ADDED' }],
  ['minItems removed', { previous: arr({ minItems: 1 }), next: arr(), want: BACKWARD_ONLY, rule: 'MIN_ITEMS_REMOVED' }],
  // min/maxContains behave like min/maxItems (registry 8.x SchemaDiff.COMPATIBLE_CHANGES).
  ['maxContains added', { previous: arr({ contains: str() }), next: arr({ contains: str(), maxContains: 2 }), want: FORWARD_ONLY, rule: 'MAX_CONTAINS_ADDED' }],
  ['maxContains removed', { previous: arr({ contains: str(), maxContains: 2 }), next: arr({ contains: str() }), want: BACKWARD_ONLY, rule: 'MAX_CONTAINS_REMOVED' }],
  ['maxContains increased', { previous: arr({ contains: str(), maxContains: 2 }), next: arr({ contains: str(), maxContains: 3 }), want: BACKWARD_ONLY, rule: 'MAX_CONTAINS_INCREASED' }],
  ['maxContains decreased', { previous: arr({ contains: str(), maxContains: 3 }), next: arr({ contains: str(), maxContains: 2 }), want: FORWARD_ONLY, rule: 'MAX_CONTAINS_DECREASED' }],
  ['minContains removed', { previous: arr({ contains: str(), minContains: 2 }), next: arr({ contains: str() }), want: BACKWARD_ONLY, rule: 'MIN_CONTAINS_REMOVED' }],
  ['minContains increased', { previous: arr({ contains: str(), minContains: 1 }), next: arr({ contains: str(), minContains: 2 }), want: FORWARD_ONLY, rule: 'MIN_CONTAINS_INCREASED' }],
  ['minContains decreased', { previous: arr({ contains: str(), minContains: 2 }), next: arr({ contains: str(), minContains: 1 }), want: BACKWARD_ONLY, rule: 'MIN_CONTAINS_DECREASED' }],
  ['additional tuple items schema dropped', { previous: arr({ prefixItems: [str()], items: num() }), next: arr({ prefixItems: [str()] }), want: BACKWARD_ONLY, rule: 'ADDITIONAL_ITEMS_EXTENDED' }],
  ['additional tuple items given a schema', { previous: arr({ prefixItems: [str()] }), next: arr({ prefixItems: [str()], items: num() }), want: FORWARD_ONLY, rule: 'ADDITIONAL_ITEMS_NARROWED' }],
  ['tuple item with an empty schema added to an open tuple', { previous: arr({ prefixItems: [str()] }), next: arr({ prefixItems: [str(), true] }), want: COMPATIBLE, rule: 'ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL' }],
  ['tuple item false removed from a closed tuple', { previous: arr({ prefixItems: [str(), false], items: false }), next: arr({ prefixItems: [str()], items: false }), want: COMPATIBLE, rule: 'ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL' }],
  ['tuple item removed, covered by additionalItems', { previous: arr({ items: [str(), num()], additionalItems: num() }), next: arr({ items: [str()], additionalItems: num() }), want: COMPATIBLE, rule: 'ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' }],
  ['tuple item removed, not covered by additionalItems', { previous: arr({ items: [str(), num()], additionalItems: str() }), next: arr({ items: [str()], additionalItems: str() }), want: BREAKING, rule: 'ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' }],
];