import type { JsonValue } from '../schema/JsonSchema.js';

/**
 * A schema reduced to what compatibility depends on, in the spirit of the
 * everit-json-schema classes Confluent's diff works on: one node per "aspect"
 * (a typed schema, an enum, a const, a `not`, a combination), several aspects
 * of one schema object forming an `aspects` node (everit's synthetic allOf).
 * `$ref`s are resolved: a reference is the node it points to.
 */
export type NormSchema =
  | EmptyNode
  | FalseNode
  | StringNode
  | NumberNode
  | BooleanNode
  | NullNode
  | ObjectNode
  | ArrayNode
  | EnumNode
  | ConstNode
  | NotNode
  | CombinedNode
  | AspectsNode;

export interface Annotations {
  readonly hasDefault: boolean;
  readonly default?: JsonValue;
}

/** A child schema, normalized on first use (schemas may be recursive through `$ref`). */
export interface ChildRef {
  /** Canonical JSON of the child as written; equal identities collapse in combinations. */
  readonly identity: string;
  readonly node: () => NormSchema;
}

interface Base {
  readonly annotations: Annotations;
}

export interface EmptyNode extends Base {
  readonly kind: 'empty';
}
export interface FalseNode extends Base {
  readonly kind: 'false';
}
export interface StringNode extends Base {
  readonly kind: 'string';
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
}
export interface NumberNode extends Base {
  readonly kind: 'number';
  readonly integer: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
}
export interface BooleanNode extends Base {
  readonly kind: 'boolean';
}
export interface NullNode extends Base {
  readonly kind: 'null';
}

/** `true`: any value allowed; `false`: none; a child: values must match it. */
export type OpenOrSchema = true | false | ChildRef;

export interface ObjectNode extends Base {
  readonly kind: 'object';
  readonly properties: ReadonlyMap<string, ChildRef>;
  readonly required: ReadonlySet<string>;
  readonly additionalProperties: OpenOrSchema;
  readonly patternProperties: ReadonlyMap<string, ChildRef>;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly dependentRequired: ReadonlyMap<string, readonly string[]>;
  readonly dependentSchemas: ReadonlyMap<string, ChildRef>;
  /** The keywords the dependencies were written with, for pointers. */
  readonly dependentRequiredKeyword: 'dependencies' | 'dependentRequired';
  readonly dependentSchemasKeyword: 'dependencies' | 'dependentSchemas';
}

export interface ArrayNode extends Base {
  readonly kind: 'array';
  /** The schema every item must match (`items` as a schema, without a tuple). */
  readonly items?: ChildRef;
  /** Positional item schemas (`prefixItems`, or draft-07 `items` as an array). */
  readonly tuple: readonly ChildRef[];
  readonly tupleKeyword: 'prefixItems' | 'items';
  /** Items after the tuple (`additionalItems`, or `items` next to `prefixItems`). */
  readonly additionalItems: OpenOrSchema;
  readonly additionalItemsKeyword: 'additionalItems' | 'items';
  /** `unevaluatedItems` (2019-09+), when present: decides the content model when additional items are not. */
  readonly unevaluatedItems?: OpenOrSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems: boolean;
  readonly minContains?: number;
  readonly maxContains?: number;
}

export interface EnumNode extends Base {
  readonly kind: 'enum';
  readonly values: readonly JsonValue[];
}
export interface ConstNode extends Base {
  readonly kind: 'const';
  readonly value: JsonValue;
}
export interface NotNode extends Base {
  readonly kind: 'not';
  readonly schema: ChildRef;
}

export type Criterion = 'allOf' | 'anyOf' | 'oneOf';

export interface CombinedSubschema extends ChildRef {
  /** Pointer segments from the combination to the subschema (`['oneOf', '1']`; none for a `type` list). */
  readonly segments: readonly string[];
}

export interface CombinedNode extends Base {
  readonly kind: 'combined';
  readonly criterion: Criterion;
  readonly subschemas: readonly CombinedSubschema[];
  /** True for a `type: [a, b]` list, which reads as anyOf. */
  readonly fromTypeList: boolean;
}

/** The aspects of one schema object that has several (e.g. `type` and `enum`): all must hold. */
export interface AspectsNode extends Base {
  readonly kind: 'aspects';
  readonly parts: ReadonlyMap<AspectKey, NormSchema>;
}

/** How the aspects of two schema objects are paired: by the keyword that carries them. */
export type AspectKey = 'type' | 'enum' | 'const' | 'not' | 'allOf' | 'anyOf' | 'oneOf' | 'ref' | `type:${string}`;

export function aspectKeyOf(node: NormSchema): AspectKey | undefined {
  switch (node.kind) {
    case 'empty':
    case 'false':
    case 'aspects':
      return undefined;
    case 'enum':
    case 'const':
    case 'not':
      return node.kind;
    case 'combined':
      return node.fromTypeList ? 'type' : node.criterion;
    default:
      return 'type';
  }
}

/** The aspects of a node, keyed (an empty schema has none). */
export function aspectsOf(node: NormSchema): ReadonlyMap<AspectKey, NormSchema> {
  if (node.kind === 'aspects') return node.parts;
  const key = aspectKeyOf(node);
  return key === undefined ? new Map() : new Map([[key, node]]);
}

/** The subschemas of a combination, duplicates collapsed as the registry does. */
export function distinct(node: CombinedNode): NormSchema[] {
  const seen = new Set<string>();
  const out: NormSchema[] = [];
  for (const sub of node.subschemas) {
    if (seen.has(sub.identity)) continue;
    seen.add(sub.identity);
    out.push(sub.node());
  }
  return out;
}
