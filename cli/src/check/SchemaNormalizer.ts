import { KsdkCliError } from '../errors/KsdkCliError.js';
import { canonicalJson, isJsonObject, type JsonSchema, type JsonSchemaObject, type JsonValue } from '../schema/JsonSchema.js';
import { locationKey, type SchemaLocation } from '../schema/SchemaFile.js';
import type { SchemaGraph } from '../schema/SchemaGraph.js';
import { joinPointer } from '../util/pointer.js';
import type {
  Annotations,
  ArrayNode,
  AspectKey,
  ChildRef,
  CombinedNode,
  CombinedSubschema,
  NormSchema,
  NumberNode,
  ObjectNode,
  OpenOrSchema,
  StringNode,
} from './NormSchema.js';

/** Keywords that never change which values a schema accepts. */
const NON_CONSTRAINING = new Set([
  '$schema', '$id', '$comment', '$anchor', '$defs', 'definitions', 'title', 'description', 'examples',
  'default', 'deprecated', 'readOnly', 'writeOnly', 'contentMediaType', 'contentEncoding',
]);

type TypedKind = 'string' | 'number' | 'object' | 'array';
const KIND_KEYWORDS: Record<TypedKind, readonly string[]> = {
  string: ['minLength', 'maxLength', 'pattern', 'format'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  object: ['properties', 'required', 'additionalProperties', 'patternProperties', 'minProperties', 'maxProperties', 'dependencies', 'dependentRequired', 'dependentSchemas'],
  array: ['items', 'prefixItems', 'additionalItems', 'unevaluatedItems', 'minItems', 'maxItems', 'uniqueItems', 'minContains', 'maxContains'],
};
const TYPE_NAMES = ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'];

type Location = SchemaLocation;

/**
 * One version of a schema in the form the comparison rules read (`NormSchema`),
 * built from its `SchemaGraph` (every `$ref` already resolved, the input
 * already checked against ksdk's limits) lazily and memoized per location, so
 * that a recursive `$ref` yields one node (the comparison detects cycles by
 * identity).
 */
export class SchemaNormalizer {
  private readonly memo = new Map<string, NormSchema>();
  private readonly resolving = new Set<string>();

  constructor(private readonly graph: SchemaGraph) {}

  /** The root of the graph's message schema. */
  root(): NormSchema {
    const [file] = this.graph.roots.values();
    if (file === undefined) throw new Error('internal: a schema graph without a root');
    return this.nodeAt({ file, pointer: '' });
  }

  private nodeAt(location: Location): NormSchema {
    const key = locationKey(location.file.id, location.pointer);
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    // The graph refuses such cycles (`checkRefCycles`); this guards the recursion below all the same.
    if (this.resolving.has(key)) {
      throw new KsdkCliError('KSDK_REF_CYCLE', location.file.doc.issue(location.pointer, '$ref cycle without a schema in between'));
    }
    this.resolving.add(key);
    try {
      const node = this.build(this.schemaAt(location), location);
      this.memo.set(key, node);
      return node;
    } finally {
      this.resolving.delete(key);
    }
  }

  private schemaAt(location: Location): JsonSchema {
    const value = this.graph.node(location);
    if (typeof value === 'boolean' || isJsonObject(value)) return value as JsonSchema;
    throw new KsdkCliError('KSDK_SCHEMA_INVALID', location.file.doc.issue(location.pointer, 'expected a schema (an object or a boolean)'));
  }

  private child(location: Location, ...segments: (string | number)[]): ChildRef {
    const at: Location = { file: location.file, pointer: joinPointer(location.pointer, ...segments) };
    return {
      identity: canonicalJson(this.graph.node(at) ?? null),
      node: () => this.nodeAt(at),
    };
  }

  private build(schema: JsonSchema, location: Location): NormSchema {
    const none: Annotations = { hasDefault: false };
    if (schema === true) return { kind: 'empty', annotations: none };
    if (schema === false) return { kind: 'false', annotations: none };
    const annotations: Annotations = 'default' in schema ? { hasDefault: true, default: schema.default as JsonValue } : none;

    const parts: [AspectKey, NormSchema][] = [];
    if (typeof schema.$ref === 'string') {
      const target = this.graph.refTarget(location.file.id, location.pointer);
      const constraining = Object.keys(schema).filter((k) => k !== '$ref' && !NON_CONSTRAINING.has(k));
      const referenced = this.nodeAt(target);
      if (constraining.length === 0) {
        return 'default' in schema ? withAnnotations(referenced, annotations) : referenced;
      }
      parts.push(['ref', referenced]);
    }
    parts.push(...this.typedParts(schema, location, none));
    if (Array.isArray(schema.enum)) parts.push(['enum', { kind: 'enum', values: schema.enum, annotations: none }]);
    if ('const' in schema) parts.push(['const', { kind: 'const', value: schema.const as JsonValue, annotations: none }]);
    if ('not' in schema) parts.push(['not', { kind: 'not', schema: this.child(location, 'not'), annotations: none }]);
    for (const criterion of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = schema[criterion];
      if (!Array.isArray(list)) continue;
      const subschemas: CombinedSubschema[] = list.map((_, i) => ({
        ...this.child(location, criterion, i),
        segments: [criterion, String(i)],
      }));
      parts.push([criterion, { kind: 'combined', criterion, subschemas, fromTypeList: false, annotations: none }]);
    }

    if (parts.length === 0) return { kind: 'empty', annotations };
    if (parts.length === 1) return withAnnotations((parts[0] as [AspectKey, NormSchema])[1], annotations);
    return { kind: 'aspects', parts: new Map(parts), annotations };
  }

  /** The typed aspect(s): from `type`, or inferred from type-specific keywords when `type` is absent. */
  private typedParts(schema: JsonSchemaObject, location: Location, none: Annotations): [AspectKey, NormSchema][] {
    const declared = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type : undefined;
    if (declared !== undefined) {
      const names = [...new Set(declared.filter((t): t is string => typeof t === 'string' && TYPE_NAMES.includes(t)))];
      if (names.length === 0) return [];
      const nodes = names.map((name) => this.typed(name, schema, location, none));
      if (nodes.length === 1) return [['type', nodes[0] as NormSchema]];
      const subschemas: CombinedSubschema[] = nodes.map((node, i) => ({
        identity: names[i] as string,
        node: () => node,
        segments: [],
      }));
      const combined: CombinedNode = { kind: 'combined', criterion: 'anyOf', subschemas, fromTypeList: true, annotations: none };
      return [['type', combined]];
    }
    const inferred = (Object.keys(KIND_KEYWORDS) as TypedKind[]).filter((kind) => KIND_KEYWORDS[kind].some((k) => k in schema));
    if (inferred.length === 1) return [['type', this.typed(inferred[0] as TypedKind, schema, location, none)]];
    return inferred.map((kind) => [`type:${kind}`, this.typed(kind, schema, location, none)]);
  }

  private typed(name: string, schema: JsonSchemaObject, location: Location, none: Annotations): NormSchema {
    switch (name) {
      case 'string':
        return stringNode(schema, none);
      case 'number':
      case 'integer':
        return numberNode(schema, name === 'integer', none);
      case 'object':
        return this.objectNode(schema, location, none);
      case 'array':
        return this.arrayNode(schema, location, none);
      case 'boolean':
        return { kind: 'boolean', annotations: none };
      default:
        return { kind: 'null', annotations: none };
    }
  }

  private openOrSchema(schema: JsonSchemaObject, keyword: string, location: Location): OpenOrSchema {
    const value = schema[keyword];
    if (value === undefined || value === true) return true;
    if (value === false) return false;
    return this.child(location, keyword);
  }

  private objectNode(schema: JsonSchemaObject, location: Location, none: Annotations): ObjectNode {
    const entries = (keyword: string): Map<string, ChildRef> => {
      const value = schema[keyword];
      const map = new Map<string, ChildRef>();
      if (isJsonObject(value)) for (const key of Object.keys(value)) map.set(key, this.child(location, keyword, key));
      return map;
    };
    const dependentRequired = new Map<string, string[]>();
    const dependentSchemas = new Map<string, ChildRef>();
    let requiredKeyword: ObjectNode['dependentRequiredKeyword'] = 'dependentRequired';
    let schemasKeyword: ObjectNode['dependentSchemasKeyword'] = 'dependentSchemas';
    if (isJsonObject(schema.dependencies)) {
      for (const [key, value] of Object.entries(schema.dependencies)) {
        if (Array.isArray(value)) {
          dependentRequired.set(key, value.filter((v): v is string => typeof v === 'string'));
          requiredKeyword = 'dependencies';
        } else {
          dependentSchemas.set(key, this.child(location, 'dependencies', key));
          schemasKeyword = 'dependencies';
        }
      }
    }
    if (isJsonObject(schema.dependentRequired)) {
      for (const [key, value] of Object.entries(schema.dependentRequired)) {
        if (Array.isArray(value)) dependentRequired.set(key, value.filter((v): v is string => typeof v === 'string'));
      }
    }
    for (const [key, ref] of entries('dependentSchemas')) dependentSchemas.set(key, ref);
    return {
      kind: 'object',
      properties: entries('properties'),
      required: new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []),
      additionalProperties: this.openOrSchema(schema, 'additionalProperties', location),
      patternProperties: entries('patternProperties'),
      ...numeric(schema, 'minProperties'),
      ...numeric(schema, 'maxProperties'),
      dependentRequired,
      dependentSchemas,
      dependentRequiredKeyword: requiredKeyword,
      dependentSchemasKeyword: schemasKeyword,
      annotations: none,
    };
  }

  private arrayNode(schema: JsonSchemaObject, location: Location, none: Annotations): ArrayNode {
    let items: ChildRef | undefined;
    let tuple: ChildRef[] = [];
    let tupleKeyword: ArrayNode['tupleKeyword'] = 'items';
    let additionalItems: OpenOrSchema = true;
    let additionalItemsKeyword: ArrayNode['additionalItemsKeyword'] = 'additionalItems';
    if (Array.isArray(schema.prefixItems)) {
      tuple = schema.prefixItems.map((_, i) => this.child(location, 'prefixItems', i));
      tupleKeyword = 'prefixItems';
      additionalItems = this.openOrSchema(schema, 'items', location);
      additionalItemsKeyword = 'items';
    } else if (Array.isArray(schema.items)) {
      tuple = schema.items.map((_, i) => this.child(location, 'items', i));
      additionalItems = this.openOrSchema(schema, 'additionalItems', location);
    } else if (schema.items !== undefined) {
      items = this.child(location, 'items');
    }
    return {
      kind: 'array',
      ...(items === undefined ? {} : { items }),
      tuple,
      tupleKeyword,
      additionalItems,
      additionalItemsKeyword,
      ...(schema.unevaluatedItems === undefined ? {} : { unevaluatedItems: this.openOrSchema(schema, 'unevaluatedItems', location) }),
      ...numeric(schema, 'minItems'),
      ...numeric(schema, 'maxItems'),
      uniqueItems: schema.uniqueItems === true,
      ...numeric(schema, 'minContains'),
      ...numeric(schema, 'maxContains'),
      annotations: none,
    };
  }
}

function withAnnotations(node: NormSchema, annotations: Annotations): NormSchema {
  return annotations.hasDefault ? ({ ...node, annotations } as NormSchema) : node;
}

function numeric<K extends string>(schema: JsonSchemaObject, keyword: K): Partial<Record<K, number>> {
  const value = schema[keyword];
  return typeof value === 'number' ? ({ [keyword]: value } as Partial<Record<K, number>>) : {};
}

function stringNode(schema: JsonSchemaObject, none: Annotations): StringNode {
  return {
    kind: 'string',
    ...numeric(schema, 'minLength'),
    ...numeric(schema, 'maxLength'),
    ...(typeof schema.pattern === 'string' ? { pattern: schema.pattern } : {}),
    ...(typeof schema.format === 'string' ? { format: schema.format } : {}),
    annotations: none,
  };
}

function numberNode(schema: JsonSchemaObject, integer: boolean, none: Annotations): NumberNode {
  const bounds: { minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number } = {
    ...numeric(schema, 'minimum'),
    ...numeric(schema, 'maximum'),
    ...numeric(schema, 'exclusiveMinimum'),
    ...numeric(schema, 'exclusiveMaximum'),
  };
  // draft-04: boolean exclusiveMinimum/exclusiveMaximum turn minimum/maximum exclusive.
  if (schema.exclusiveMaximum === true && bounds.maximum !== undefined) {
    bounds.exclusiveMaximum = bounds.maximum;
    delete bounds.maximum;
  }
  if (schema.exclusiveMinimum === true && bounds.minimum !== undefined) {
    bounds.exclusiveMinimum = bounds.minimum;
    delete bounds.minimum;
  }
  return { kind: 'number', integer, ...bounds, ...numeric(schema, 'multipleOf'), annotations: none };
}

