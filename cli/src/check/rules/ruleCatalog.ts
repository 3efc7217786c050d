import type { ManifestRuleId, RuleId, SchemaRuleId } from './RuleId.js';

/**
 * What `ksdk check` knows about each rule: a one-line summary, a hint at a
 * compatible alternative and, for keyword rules, the verdict table.
 *
 * Keyword rules follow Confluent Schema Registry's `SchemaDiff.COMPATIBLE_CHANGES`
 * (json-schema-provider, `io.confluent.kafka.schemaregistry.json.diff`): a change
 * is backward compatible when the registry lists it as compatible for
 * (original = previous, update = next), and forward compatible when the registry
 * lists its inverse — the same change seen from the next schema back to the
 * previous one — as compatible. Structural rules (content models, combined types)
 * compute their verdicts in code.
 */
export interface RuleInfo {
  readonly summary: string;
  readonly hint: string;
  /** The Confluent `Difference.Type` of this change, previous → next; `null` when the registry has none (a ksdk rule). */
  readonly registry: string | null;
  /** Present on keyword rules: backward verdict, and the rule the change is when read the other way. */
  readonly keyword?: { readonly compatible: boolean; readonly inverse: SchemaRuleId };
}

type Table = { [K in SchemaRuleId]: RuleInfo };

const ADD_BOUND_HINT = 'add the bound in a new field instead, or validate it in the producer; readers of old data cannot rely on a bound older writers never had';

function keyword(
  summary: string,
  compatible: boolean,
  inverse: SchemaRuleId,
  hint: string,
  registry: string | null = 'SELF',
): RuleInfo {
  return { summary, hint, registry, keyword: { compatible, inverse } };
}

function structural(summary: string, hint: string, registry: string | null = 'SELF'): RuleInfo {
  return { summary, hint, registry };
}

/** Upper bounds (maxLength, maximum, ...): raising or removing one widens, adding or lowering one narrows. */
function upperBound(prefix: string, what: string): Record<string, RuleInfo> {
  return {
    [`${prefix}_ADDED`]: keyword(`${what} added`, false, `${prefix}_REMOVED` as SchemaRuleId, ADD_BOUND_HINT),
    [`${prefix}_REMOVED`]: keyword(`${what} removed`, true, `${prefix}_ADDED` as SchemaRuleId, `old readers still enforce the ${what}: under FORWARD/FULL keep it, or raise it only after every consumer has upgraded`),
    [`${prefix}_INCREASED`]: keyword(`${what} raised`, true, `${prefix}_DECREASED` as SchemaRuleId, `old readers still enforce the lower ${what}: under FORWARD/FULL keep producers within it until consumers upgrade`),
    [`${prefix}_DECREASED`]: keyword(`${what} lowered`, false, `${prefix}_INCREASED` as SchemaRuleId, `keep the old ${what}; enforce the tighter limit in the producer, not in the schema`),
  };
}

/** Lower bounds (minLength, minimum, ...): lowering or removing one widens, adding or raising one narrows. */
function lowerBound(prefix: string, what: string): Record<string, RuleInfo> {
  return {
    [`${prefix}_ADDED`]: keyword(`${what} added`, false, `${prefix}_REMOVED` as SchemaRuleId, ADD_BOUND_HINT),
    [`${prefix}_REMOVED`]: keyword(`${what} removed`, true, `${prefix}_ADDED` as SchemaRuleId, `old readers still enforce the ${what}: under FORWARD/FULL keep it until every consumer has upgraded`),
    [`${prefix}_INCREASED`]: keyword(`${what} raised`, false, `${prefix}_DECREASED` as SchemaRuleId, `keep the old ${what}; enforce the tighter limit in the producer, not in the schema`),
    [`${prefix}_DECREASED`]: keyword(`${what} lowered`, true, `${prefix}_INCREASED` as SchemaRuleId, `old readers still enforce the higher ${what}: under FORWARD/FULL keep producers within it until consumers upgrade`),
  };
}

const NEW_FIELD_HINT = 'add a new optional property with the new shape and deprecate the old one; remove it once no reader needs it';
const LENIENT_HINT = 'old data may already carry this property with any value. Either give the property an empty schema ({}), close the content model (additionalProperties: false) in an earlier release, or use --lenient (compatibility.lenient: true) if producers never send undeclared properties';

const table = {
  ...upperBound('MAX_LENGTH', 'maxLength'),
  ...lowerBound('MIN_LENGTH', 'minLength'),
  PATTERN_ADDED: keyword('pattern added', false, 'PATTERN_REMOVED', 'validate the pattern in the producer; old data was written without it'),
  PATTERN_REMOVED: keyword('pattern removed', true, 'PATTERN_ADDED', 'old readers still enforce the pattern: under FORWARD/FULL keep producing values that match it'),
  PATTERN_CHANGED: keyword('pattern changed', false, 'PATTERN_CHANGED', 'a changed pattern breaks both ways; widen it to accept both the old and the new values (`old|new`) first'),
  FORMAT_ADDED: keyword('format added (ksdk: generated validators enforce formats)', false, 'FORMAT_REMOVED', 'old data was not checked against the format; validate it in the producer instead', null),
  FORMAT_REMOVED: keyword('format removed (ksdk)', true, 'FORMAT_ADDED', 'old readers still validate the format: under FORWARD/FULL keep producing values in that format', null),
  FORMAT_CHANGED: keyword('format changed (ksdk)', false, 'FORMAT_CHANGED', 'a value in one format is rarely valid in the other; add a new property with the new format', null),
  ...upperBound('MAXIMUM', 'maximum'),
  ...lowerBound('MINIMUM', 'minimum'),
  ...upperBound('EXCLUSIVE_MAXIMUM', 'exclusiveMaximum'),
  ...lowerBound('EXCLUSIVE_MINIMUM', 'exclusiveMinimum'),
  MULTIPLE_OF_ADDED: keyword('multipleOf added', false, 'MULTIPLE_OF_REMOVED', ADD_BOUND_HINT),
  MULTIPLE_OF_REMOVED: keyword('multipleOf removed', true, 'MULTIPLE_OF_ADDED', 'old readers still enforce multipleOf: under FORWARD/FULL keep producing multiples'),
  MULTIPLE_OF_EXPANDED: keyword('multipleOf changed to a multiple of itself (fewer values)', false, 'MULTIPLE_OF_REDUCED', 'keep the old multipleOf; enforce the coarser step in the producer'),
  MULTIPLE_OF_REDUCED: keyword('multipleOf changed to a divisor of itself (more values)', true, 'MULTIPLE_OF_EXPANDED', 'old readers still enforce the old step: under FORWARD/FULL keep producing multiples of it'),
  MULTIPLE_OF_CHANGED: keyword('multipleOf changed', false, 'MULTIPLE_OF_CHANGED', 'change multipleOf only to a divisor of the old value'),
  TYPE_EXTENDED: keyword('type widened (integer → number, or to any value)', true, 'TYPE_NARROWED', 'old readers still expect the narrower type: under FORWARD/FULL keep producing it until every consumer has upgraded'),
  TYPE_NARROWED: keyword('type narrowed (number → integer, or from any value)', false, 'TYPE_EXTENDED', 'keep the wider type and validate the narrower one in the producer'),
  TYPE_CHANGED: structural('type changed', NEW_FIELD_HINT),
  SUM_TYPE_EXTENDED: structural('alternatives added (anyOf/oneOf or a type list)', 'old readers do not know the new alternatives: under FORWARD/FULL do not produce them until every consumer has upgraded'),
  SUM_TYPE_NARROWED: structural('alternatives removed (anyOf/oneOf or a type list)', 'keep the alternative in the schema; stop producing it in code'),
  PRODUCT_TYPE_EXTENDED: structural('allOf constraints added', 'old data was not written against the new constraint; enforce it in the producer'),
  PRODUCT_TYPE_NARROWED: structural('allOf constraints removed', 'old readers still enforce the constraint: under FORWARD/FULL keep producing data that satisfies it'),
  COMBINED_TYPE_EXTENDED: structural('combination keyword widened (to anyOf; allOf to a single-subschema anyOf/oneOf; ...)', 'old readers still apply the stricter keyword: under FORWARD/FULL keep producing data that satisfies it'),
  COMBINED_TYPE_NARROWED: structural('combination keyword narrowed (e.g. anyOf → oneOf) (ksdk name)', 'keep the wider keyword (anyOf)', 'COMBINED_TYPE_CHANGED'),
  COMBINED_TYPE_CHANGED: structural('combination keyword changed (allOf/anyOf/oneOf)', 'keep the keyword; add alternatives inside it instead'),
  COMBINED_TYPE_SUBSCHEMAS_CHANGED: structural('a subschema of allOf/anyOf/oneOf has no compatible counterpart', 'change alternatives one compatible step at a time; to replace one, add the new alternative first and remove the old later'),
  NOT_TYPE_EXTENDED: structural('`not` excludes more values', 'old data may hold values now excluded; exclude them in the producer instead'),
  NOT_TYPE_NARROWED: structural('`not` excludes fewer values', 'old readers still exclude those values: under FORWARD/FULL do not produce them yet'),
  NOT_TYPE_CHANGED: structural('`not` changed (ksdk name)', 'change `not` only to exclude a subset or a superset of what it excluded', 'NOT_TYPE_EXTENDED'),
  TYPE_ADDED: keyword('`type` added next to other keywords', false, 'TYPE_REMOVED', 'old data was not checked against the type', 'PRODUCT_TYPE_EXTENDED'),
  TYPE_REMOVED: keyword('`type` removed, other keywords kept', true, 'TYPE_ADDED', 'old readers still check the type', 'PRODUCT_TYPE_NARROWED'),
  ENUM_ADDED: keyword('enum added', false, 'ENUM_REMOVED', 'old data can hold any value of the type; list every value producers ever sent, or validate in code', 'PRODUCT_TYPE_EXTENDED'),
  ENUM_REMOVED: keyword('enum removed', true, 'ENUM_ADDED', 'old readers still accept only the listed values: under FORWARD/FULL keep producing them', 'PRODUCT_TYPE_NARROWED'),
  CONST_ADDED: keyword('const added', false, 'CONST_REMOVED', 'old data may hold other values; add a new property instead', 'PRODUCT_TYPE_EXTENDED'),
  CONST_REMOVED: keyword('const removed', true, 'CONST_ADDED', 'old readers still require the constant: under FORWARD/FULL keep producing it', 'PRODUCT_TYPE_NARROWED'),
  NOT_ADDED: keyword('`not` added', false, 'NOT_REMOVED', 'old data may hold the excluded values; exclude them in the producer instead', 'PRODUCT_TYPE_EXTENDED'),
  NOT_REMOVED: keyword('`not` removed', true, 'NOT_ADDED', 'old readers still exclude those values: under FORWARD/FULL do not produce them yet', 'PRODUCT_TYPE_NARROWED'),
  ALL_OF_ADDED: keyword('allOf added', false, 'ALL_OF_REMOVED', 'old data was not written against the new constraints; enforce them in the producer', 'PRODUCT_TYPE_EXTENDED'),
  ALL_OF_REMOVED: keyword('allOf removed', true, 'ALL_OF_ADDED', 'old readers still enforce those constraints', 'PRODUCT_TYPE_NARROWED'),
  ANY_OF_ADDED: keyword('anyOf added next to other keywords', false, 'ANY_OF_REMOVED', 'old data was not written against the alternatives', 'PRODUCT_TYPE_EXTENDED'),
  ANY_OF_REMOVED: keyword('anyOf removed', true, 'ANY_OF_ADDED', 'old readers still require one of the alternatives', 'PRODUCT_TYPE_NARROWED'),
  ONE_OF_ADDED: keyword('oneOf added next to other keywords', false, 'ONE_OF_REMOVED', 'old data was not written against the alternatives', 'PRODUCT_TYPE_EXTENDED'),
  ONE_OF_REMOVED: keyword('oneOf removed', true, 'ONE_OF_ADDED', 'old readers still require exactly one alternative', 'PRODUCT_TYPE_NARROWED'),
  ENUM_ARRAY_EXTENDED: keyword('enum values added', true, 'ENUM_ARRAY_NARROWED', 'old readers reject the new values: under FORWARD/FULL do not produce them until every consumer has upgraded'),
  ENUM_ARRAY_NARROWED: keyword('enum values removed', false, 'ENUM_ARRAY_EXTENDED', 'keep the value in the enum and stop producing it in code'),
  ENUM_ARRAY_CHANGED: keyword('enum values both added and removed', false, 'ENUM_ARRAY_CHANGED', 'add the new values in one release and remove the old ones (if ever) in a later one'),
  CONST_CHANGED: keyword('const changed', false, 'CONST_CHANGED', 'a constant cannot change compatibly; add a new property or a new message type', 'ENUM_ARRAY_CHANGED'),
  DEFAULT_ADDED: keyword('default added', true, 'DEFAULT_REMOVED', 'defaults do not affect validation', 'DEFAULT_CHANGED'),
  DEFAULT_REMOVED: keyword('default removed', true, 'DEFAULT_ADDED', 'defaults do not affect validation', 'DEFAULT_CHANGED'),
  DEFAULT_CHANGED: keyword('default changed', true, 'DEFAULT_CHANGED', 'defaults do not affect validation, but readers that fill in defaults now see another value', 'DEFAULT_CHANGED'),
  REQUIRED_ATTRIBUTE_ADDED: structural('property made required', 'old data may lack the property; give it a `default`, or keep it optional and handle its absence'),
  REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED: structural('property with a default made required', 'old readers treat it as optional, which is fine'),
  REQUIRED_ATTRIBUTE_REMOVED: structural('property no longer required', 'old readers still require it: under FORWARD/FULL keep producing it, or give it a `default` in the old schema'),
  REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL: structural('required property added to an open content model', 'old data may lack the property (and may hold it with any value); make it optional with a `default`, and close the content model in an earlier release'),
  REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL: structural('required property with a default added to an open content model', LENIENT_HINT),
  OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL: structural('optional property added to an open content model', LENIENT_HINT),
  PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL: structural('property with an empty schema added to an open content model', 'an empty schema accepts whatever old data held'),
  REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL: structural('required property added to a closed or partially open content model', 'old data lacks the property; make it optional or give it a `default`'),
  REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL: structural('required property with a default added to a closed or partially open content model', 'old readers of a closed model reject the new property: under FORWARD/FULL do not produce it until every consumer has upgraded'),
  OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL: structural('optional property added to a closed or partially open content model', 'old readers of a closed model reject the new property: under FORWARD/FULL open the model (or cover the name with patternProperties) in an earlier release'),
  PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: structural('property added, covered by patternProperties/additionalProperties', 'compatible: old data could only hold values the partial content model allowed'),
  PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: structural('property added whose schema is narrower than, or unlike, the patternProperties/additionalProperties schema that covered the name', 'make the new property schema at least as wide as the schema that covered its name'),
  PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL: structural('property removed; the new schema has an open content model', 'old readers may still require or type-check the property: under FORWARD/FULL make it optional first'),
  PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL: structural('property removed from a closed content model', 'new readers reject old data that carries the property; keep it (deprecated), or open the content model'),
  PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL: structural('property with schema `false` removed from a closed content model', 'compatible: no data ever held it'),
  PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: structural('property removed, still covered by patternProperties/additionalProperties', 'compatible: the partial content model accepts what old data held'),
  PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: structural('property removed; patternProperties/additionalProperties does not accept its old values', 'keep the property (deprecated), or widen the partial content model schema to cover it'),
  ...upperBound('MAX_PROPERTIES', 'maxProperties'),
  ...lowerBound('MIN_PROPERTIES', 'minProperties'),
  ADDITIONAL_PROPERTIES_ADDED: keyword('additionalProperties opened (false → allowed)', true, 'ADDITIONAL_PROPERTIES_REMOVED', 'old readers still reject undeclared properties: under FORWARD/FULL do not produce them yet'),
  ADDITIONAL_PROPERTIES_REMOVED: keyword('additionalProperties closed (→ false)', false, 'ADDITIONAL_PROPERTIES_ADDED', 'old data may carry undeclared properties; declare them, or keep the model open'),
  ADDITIONAL_PROPERTIES_EXTENDED: keyword('additionalProperties schema removed (any value allowed)', true, 'ADDITIONAL_PROPERTIES_NARROWED', 'old readers still check undeclared properties against the schema'),
  ADDITIONAL_PROPERTIES_NARROWED: keyword('additionalProperties schema added (was any value)', false, 'ADDITIONAL_PROPERTIES_EXTENDED', 'old data may carry undeclared properties of any type; keep additionalProperties open'),
  PATTERN_PROPERTY_ADDED: keyword('patternProperties entry added (ksdk)', false, 'PATTERN_PROPERTY_REMOVED', 'old data may carry matching properties of any type; give the pattern an empty schema or drop it', null),
  PATTERN_PROPERTY_REMOVED: keyword('patternProperties entry removed (ksdk)', true, 'PATTERN_PROPERTY_ADDED', 'old readers still check matching properties against the pattern schema', null),
  DEPENDENCY_ARRAY_ADDED: keyword('dependentRequired entry added', false, 'DEPENDENCY_ARRAY_REMOVED', 'old data may have the property without its dependents; enforce it in the producer'),
  DEPENDENCY_ARRAY_REMOVED: keyword('dependentRequired entry removed', true, 'DEPENDENCY_ARRAY_ADDED', 'old readers still require the dependents'),
  DEPENDENCY_ARRAY_EXTENDED: keyword('dependentRequired lists more properties', false, 'DEPENDENCY_ARRAY_NARROWED', 'old data may lack the new dependents'),
  DEPENDENCY_ARRAY_NARROWED: keyword('dependentRequired lists fewer properties', true, 'DEPENDENCY_ARRAY_EXTENDED', 'old readers still require the removed dependents'),
  DEPENDENCY_ARRAY_CHANGED: keyword('dependentRequired list changed', false, 'DEPENDENCY_ARRAY_CHANGED', 'only remove dependents, never swap them'),
  DEPENDENCY_SCHEMA_ADDED: keyword('dependentSchemas entry added', false, 'DEPENDENCY_SCHEMA_REMOVED', 'old data was not written against the dependent schema'),
  DEPENDENCY_SCHEMA_REMOVED: keyword('dependentSchemas entry removed', true, 'DEPENDENCY_SCHEMA_ADDED', 'old readers still apply the dependent schema'),
  SCHEMA_ADDED: keyword('items schema added (items were unconstrained)', false, 'SCHEMA_REMOVED', 'old data may hold items of any shape; keep `items` unconstrained or validate in the producer'),
  SCHEMA_REMOVED: keyword('items schema removed (items now unconstrained)', true, 'SCHEMA_ADDED', 'old readers still check items against the schema'),
  ...upperBound('MAX_ITEMS', 'maxItems'),
  ...lowerBound('MIN_ITEMS', 'minItems'),
  ...upperBound('MAX_CONTAINS', 'maxContains'),
  ...lowerBound('MIN_CONTAINS', 'minContains'),
  UNIQUE_ITEMS_ADDED: keyword('uniqueItems added', false, 'UNIQUE_ITEMS_REMOVED', 'old data may hold duplicates; de-duplicate in the producer'),
  UNIQUE_ITEMS_REMOVED: keyword('uniqueItems removed', true, 'UNIQUE_ITEMS_ADDED', 'old readers still reject duplicates'),
  ADDITIONAL_ITEMS_ADDED: keyword('additional tuple items allowed (false → allowed)', true, 'ADDITIONAL_ITEMS_REMOVED', 'old readers still reject extra items'),
  ADDITIONAL_ITEMS_REMOVED: keyword('additional tuple items forbidden (→ false)', false, 'ADDITIONAL_ITEMS_ADDED', 'old data may hold extra items; keep them allowed'),
  ADDITIONAL_ITEMS_EXTENDED: keyword('schema of additional tuple items removed', true, 'ADDITIONAL_ITEMS_NARROWED', 'old readers still check extra items'),
  ADDITIONAL_ITEMS_NARROWED: keyword('schema of additional tuple items added (was any value)', false, 'ADDITIONAL_ITEMS_EXTENDED', 'old data may hold extra items of any shape'),
  UNEVALUATED_ITEMS_ADDED: keyword('unevaluated items allowed (false → allowed)', true, 'UNEVALUATED_ITEMS_REMOVED', 'old readers still reject items no keyword evaluated'),
  UNEVALUATED_ITEMS_REMOVED: keyword('unevaluated items forbidden (→ false)', false, 'UNEVALUATED_ITEMS_ADDED', 'old data may hold items no keyword evaluates; keep them allowed'),
  UNEVALUATED_ITEMS_EXTENDED: keyword('schema of unevaluated items removed', true, 'UNEVALUATED_ITEMS_NARROWED', 'old readers still check the unevaluated items'),
  UNEVALUATED_ITEMS_NARROWED: keyword('schema of unevaluated items added (was any value)', false, 'UNEVALUATED_ITEMS_EXTENDED', 'old data may hold unevaluated items of any shape'),
  ITEM_ADDED_TO_OPEN_CONTENT_MODEL: structural('tuple item added to an open tuple', 'old data may already hold any value at that position; close the tuple first or give the item an empty schema'),
  ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL: structural('tuple item with an empty schema added to an open tuple', 'an empty schema accepts whatever old data held'),
  ITEM_ADDED_TO_CLOSED_CONTENT_MODEL: structural('tuple item added to a closed tuple', 'old readers of a closed tuple reject the extra item: under FORWARD/FULL do not produce it yet'),
  ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: structural('tuple item added, covered by the additional items schema', 'compatible: old data could only hold values the additional items schema allowed'),
  ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: structural('tuple item added, narrower than the additional items schema', 'make the new item schema at least as wide as the additional items schema'),
  ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL: structural('tuple item removed; the new tuple is open', 'old readers still check that position'),
  ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL: structural('tuple item removed from a closed tuple', 'new readers reject old data with that item; keep the item'),
  ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL: structural('tuple item with schema `false` removed from a closed tuple', 'compatible: no data ever held it'),
  ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: structural('tuple item removed, covered by the additional items schema', 'compatible'),
  ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: structural('tuple item removed; the additional items schema does not accept its old values', 'keep the item, or widen the additional items schema'),
} as Table;

const manifestRules: { [K in ManifestRuleId]: RuleInfo } = {
  MESSAGE_REMOVED: structural('message removed while a subscription still reads its topic', 'keep the message until no subscription reads it; remove the subscription (or the topic) in the same change if the whole flow goes away', null),
  MESSAGE_ADDED: structural('message added', 'new messages are always compatible', null),
  TOPIC_RENAMED: structural('topic renamed for an existing message or subscription', 'produce to both topics (or mirror them) until every consumer has moved, then drop the old one', null),
  CLOUDEVENT_TYPE_CHANGED: structural('CloudEvent `type` changed for an existing message', 'consumers dispatch on `type`; add a new message with the new type and keep the old one until consumers have moved', null),
  PARTITION_KEY_STRATEGY_CHANGED: structural('partition-key strategy changed for an existing topic', 'records of one key would land on other partitions and lose their order; move to the new strategy on a new topic', null),
};

const catalog: { [K in RuleId]: RuleInfo } = { ...table, ...manifestRules };

/** Metadata of one rule. */
export function ruleInfo(rule: RuleId): RuleInfo {
  return catalog[rule];
}

/** The Confluent name of a rule's change, previous → next (`null` for ksdk rules). */
export function registryNameOf(rule: SchemaRuleId): string | null {
  const registry = catalog[rule].registry;
  return registry === 'SELF' ? rule : registry;
}

/** Every rule id, in catalog order (for documentation and tests). */
export function allRules(): RuleId[] {
  return Object.keys(catalog) as RuleId[];
}
