import { compile, type JSONSchema } from 'json-schema-to-typescript';
import type { TypeImport, TypeModuleTemplate } from '@ksdk/templates';
import { doc, lineComment } from '@ksdk/templates/code';
import { decodePropertyName, encodePropertyName } from '@ksdk/templates/propertyNames';
import { RESERVED_NAMES } from '@ksdk/templates/reservedNames';
import type { GenContext } from '../context/GenContext.js';
import { KsdkCliError } from '../errors/KsdkCliError.js';
import type { ProjectModel } from '../manifest/ProjectModel.js';
import { dataTypeName, handlerTypeName, NameAllocator, typeName } from '../util/naming.js';
import { parsePointer } from '../util/pointer.js';
import { locationKey, type SchemaFile, type SchemaLocation } from './SchemaFile.js';
import { fileStem, type SchemaGraph } from './SchemaGraph.js';
import { isSchemaObject, mapSchema, mapSubschemas } from './walkSchema.js';

/** Module (relative to the output root, no extension) that holds shared types. */
export const DEFINITIONS_MODULE = 'definitions';

/** The TypeScript types of all messages, grouped by the module they are declared in. */
export interface CompiledTypes {
  /** `messages/<Name>` and `definitions` → declarations and imports. */
  modules: Map<string, TypeModuleTemplate>;
  /** Message name → its body type name and whether that is an interface. */
  bodies: Map<string, { name: string; isInterface: boolean }>;
}

/** A schema that becomes a named TypeScript declaration. */
interface NamedType {
  location: SchemaLocation;
  name: string;
  module: string;
  /** Set on a message's body type. */
  message?: string;
}


/** Keywords that, as the last pointer segment, say nothing about what a schema is. */
const STRUCTURAL = new Set(['items', 'additionalProperties', 'additionalItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'prefixItems', 'allOf', 'anyOf', 'oneOf', 'properties', 'definitions', '$defs', 'patternProperties']);

/** Keywords that shape a TypeScript type; others next to a `$ref` only constrain values (`maximum`, `format`...). */
const SHAPING = new Set(['type', 'properties', 'additionalProperties', 'patternProperties', 'items', 'prefixItems', 'enum', 'const', 'oneOf', 'anyOf', 'allOf', 'required']);

/**
 * Keywords json-schema-to-typescript must not see: they would declare extra,
 * unnamed-by-us types, or (`tsType`, `tsEnumNames`) put a schema's text into the
 * code as it is.
 */
const DROPPED = ['$id', '$schema', '$anchor', '$defs', 'definitions', '$comment', 'tsEnumNames', 'tsType', 'title'];

/**
 * Turns the message schemas into TypeScript with json-schema-to-typescript,
 * one declaration per named schema, each compiled on its own with every other
 * named schema replaced by a reference to its (globally unique) name:
 * - a message's schema → `<Message>Data`, in `messages/<Message>`;
 * - a `$ref` target or a titled subschema → its title, definition key or file
 *   name, in the module of the message whose schema file holds it, or in
 *   `definitions` when it lives in a shared file.
 * Names never collide across modules, so `index.ts` can re-export them all.
 */
export async function compileTypes(ctx: GenContext, model: ProjectModel, graph: SchemaGraph): Promise<CompiledTypes> {
  const names = new NameAllocator();
  // Names the generated code uses, and the globals it relies on (a schema titled "Promise" gets a prefixed name).
  names.reserve(...RESERVED_NAMES);
  for (const m of model.messages) names.reserve(m.name, dataTypeName(m.name));
  for (const p of model.producers) names.reserve(p.name);
  for (const s of model.subscriptions) names.reserve(handlerTypeName(s.name));

  // Which module a schema file's types live in.
  const homes = new Map<string, string>();
  for (const m of model.messages) {
    const file = graph.roots.get(m.name) as SchemaFile;
    if (!homes.has(file.id)) homes.set(file.id, `messages/${m.name}`);
  }

  const named = new Map<string, NamedType>();
  for (const m of model.messages) {
    const file = graph.roots.get(m.name) as SchemaFile;
    const key = locationKey(file.id, '');
    if (!named.has(key)) named.set(key, { location: { file, pointer: '' }, name: dataTypeName(m.name), module: `messages/${m.name}` });
  }
  const others = [...graph.targets.entries(), ...graph.titled.entries()]
    .filter(([key]) => !named.has(key))
    .sort(([, a], [, b]) => compareText(a.file.display, b.file.display) || compareText(a.pointer, b.pointer));
  for (const [key, location] of others) {
    if (named.has(key)) continue;
    const preferred = preferredName(graph, location);
    const name = names.allocate(preferred, typeName(`${typeName(fileStem(location.file))}${preferred}`));
    named.set(key, { location, name, module: homes.get(location.file.id) ?? DEFINITIONS_MODULE });
  }

  const modules = new Map<string, { declarations: string[]; imports: Map<string, Set<string>> }>();
  const moduleOf = (module: string) => {
    let entry = modules.get(module);
    if (!entry) {
      entry = { declarations: [], imports: new Map() };
      modules.set(module, entry);
    }
    return entry;
  };
  const bodies = new Map<string, { name: string; isInterface: boolean }>();

  // Message bodies first (in message order), then the other named types (in name-allocation order).
  const jobs: NamedType[] = [];
  for (const m of model.messages) {
    const file = graph.roots.get(m.name) as SchemaFile;
    jobs.push({ location: { file, pointer: '' }, name: dataTypeName(m.name), module: `messages/${m.name}`, message: m.name });
  }
  const messageRoots = new Set(jobs.map((j) => locationKey(j.location.file.id, '')));
  for (const [key, type] of named) if (type.location.pointer !== '' || !messageRoots.has(key)) jobs.push(type);
  // The module each type name is declared in (a name's first declaration wins).
  const homeOf = new Map<string, string>();
  for (const t of [...named.values(), ...jobs]) if (!homeOf.has(t.name)) homeOf.set(t.name, t.module);

  for (const [i, job] of jobs.entries()) {
    ctx.progress({ stage: 'types', message: `type ${job.name}`, current: i + 1, total: jobs.length });
    // json-schema-to-typescript's promises settle at once: let the event loop turn now and then, so progress shows.
    if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
    const referenced = new Set<string>();
    const schema = typesSchema(graph, named, job, referenced);
    let code: string;
    try {
      code = await compile(schema as JSONSchema, job.name, JSTT_OPTIONS);
    } catch (err) {
      throw new KsdkCliError(
        'KSDK_SCHEMA_INVALID',
        job.location.file.doc.issue(job.location.pointer, `cannot generate a TypeScript type from this schema: ${(err as Error).message}`),
        { cause: err },
      );
    }
    // Every name is `typeName`'s, which json-schema-to-typescript keeps: a renamed declaration would leave references dangling.
    if (!new RegExp(`^export (interface|type) ${job.name}\\b`, 'm').test(code)) throw new Error(`internal: json-schema-to-typescript did not declare ${job.name}`);
    const module = moduleOf(job.module);
    module.declarations.push(tidyComments(code).trim());
    for (const name of [...referenced].sort()) {
      const home = homeOf.get(name);
      if (home === undefined || home === job.module) continue;
      let set = module.imports.get(home);
      if (!set) module.imports.set(home, (set = new Set()));
      set.add(name);
    }
    if (job.message !== undefined) {
      bodies.set(job.message, { name: job.name, isInterface: new RegExp(`^export interface ${job.name}\\b`, 'm').test(code) });
    }
  }

  const out = new Map<string, TypeModuleTemplate>();
  for (const [module, entry] of [...modules.entries()].sort(([a], [b]) => compareText(a, b))) {
    const imports: TypeImport[] = [...entry.imports.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([from, set]) => ({ module: from, names: [...set].sort(compareText) }));
    out.set(module, { declarations: entry.declarations, imports });
  }
  return { modules: out, bodies };
}

const JSTT_OPTIONS = {
  bannerComment: '',
  format: false,
  additionalProperties: false,
  unknownAny: true,
  strictIndexSignatures: true,
  declareExternallyReferenced: true,
  ignoreMinAndMaxItems: true,
  unreachableDefinitions: false,
  enableConstEnums: false,
  inferStringEnumKeysFromValues: false,
  // Nothing external is left to resolve: every `$ref` was replaced by a type name.
  cwd: '/',
  $refOptions: { resolve: { external: false } },
} as const;

/** The schema json-schema-to-typescript compiles for one named type. */
function typesSchema(graph: SchemaGraph, named: Map<string, NamedType>, job: NamedType, referenced: Set<string>): unknown {
  const { file, pointer: rootPointer } = job.location;
  const reference = (name: string, annotations: Record<string, unknown>): Record<string, unknown> => {
    referenced.add(name);
    const out: Record<string, unknown> = { tsType: name, ...annotations };
    if (typeof out.description === 'string') out.description = doc(out.description);
    return out;
  };
  const root = graph.node(job.location);
  const schema = mapSchema(root, rootPointer, (node, pointer, recurse) => {
    const key = locationKey(file.id, pointer);
    const nested = pointer !== rootPointer ? named.get(key) : undefined;
    if (nested) return reference(nested.name, pick(node, ['description', 'deprecated']));
    // Definitions are reached through `$ref`s only, each as a named type of its own.
    const { definitions: _definitions, $defs: _defs, ...rest } = node;
    const out = withPlaceholderNames(mapSubschemas(rest, pointer, recurse));
    for (const k of DROPPED) delete out[k];
    if (typeof out.description === 'string') out.description = doc(out.description);
    if (typeof node.$ref === 'string') {
      const target = graph.refTarget(file.id, pointer);
      const targetKey = locationKey(target.file.id, target.pointer);
      const targetName = named.get(targetKey)?.name ?? (targetKey === locationKey(file.id, '') ? job.name : undefined);
      if (targetName === undefined) throw new Error(`internal: $ref target ${targetKey} has no type name`);
      delete out.$ref;
      // Keywords next to `$ref` that change the type (not just constrain values) make an intersection.
      const shaping = Object.keys(out).filter((k) => SHAPING.has(k));
      if (shaping.length === 0) return reference(targetName, pick(out, ['description', 'deprecated']));
      return { allOf: [reference(targetName, {}), out], ...pick(out, ['description']) };
    }
    return prefixItemsAsTuple(out);
  });
  if (isSchemaObject(schema)) return { ...schema, title: job.name };
  // A boolean schema: `true` is anything, `false` nothing.
  return schema === false ? { title: job.name, not: {} } : { title: job.name };
}

/**
 * Property names (in `properties` and `required`) replaced by placeholders that
 * `tidyTypes` turns back into keys: json-schema-to-typescript never writes a
 * name a user chose (it would leave `[k: string]` as an index signature).
 */
function withPlaceholderNames(node: Record<string, unknown>): Record<string, unknown> {
  if (isSchemaObject(node.properties)) {
    node.properties = Object.fromEntries(Object.entries(node.properties).map(([name, schema]) => [encodePropertyName(name), schema]));
  }
  if (Array.isArray(node.required)) node.required = node.required.map((name) => (typeof name === 'string' ? encodePropertyName(name) : name));
  // Patterns appear only in a comment json-schema-to-typescript writes (escaping the first `*/` only); `tidyComments` rewrites it.
  if (isSchemaObject(node.patternProperties)) {
    node.patternProperties = Object.fromEntries(Object.entries(node.patternProperties).map(([pattern, schema]) => [encodePropertyName(pattern), schema]));
  }
  return node;
}

/**
 * json-schema-to-typescript knows draft-07 tuples only: 2020-12 `prefixItems`
 * (+ `items` for the rest) becomes `items` (array) + `additionalItems`.
 */
function prefixItemsAsTuple(node: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(node.prefixItems)) return node;
  const { prefixItems, items, ...rest } = node;
  return { ...rest, items: prefixItems, additionalItems: items === undefined ? true : items };
}

/**
 * json-schema-to-typescript's note on `patternProperties` names no type when the
 * object is inline, and its pattern is a placeholder (`withPlaceholderNames`):
 * say what it means, with the pattern written through `doc`.
 */
function tidyComments(code: string): string {
  return code.replace(
    /This interface was referenced by `[^`\n]*`'s JSON-Schema definition\n\s*\* via the `patternProperty` "([^"\n]*)"\./g,
    (_m, placeholder: string) => lineComment(doc`Properties whose names match \`${decodePropertyName(placeholder) ?? placeholder}\`.`),
  );
}

function pick(node: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (node[k] !== undefined) out[k] = node[k];
  return out;
}

function preferredName(graph: SchemaGraph, location: SchemaLocation): string {
  const node = graph.node(location);
  if (isSchemaObject(node) && typeof node.title === 'string' && node.title.trim() !== '') return typeName(node.title);
  const segments = parsePointer(location.pointer);
  if (segments.length === 0) return typeName(fileStem(location.file));
  const meaningful: string[] = [];
  for (let i = segments.length - 1; i >= 0; i--) {
    const s = segments[i] as string;
    const isKeyword = STRUCTURAL.has(s) && !(i > 0 && ['properties', 'definitions', '$defs', 'patternProperties'].includes(segments[i - 1] as string));
    if (isKeyword || /^[0-9]+$/.test(s)) {
      if (meaningful.length === 0) meaningful.unshift(/^[0-9]+$/.test(s) ? `Option${Number(s) + 1}` : s);
      continue;
    }
    meaningful.unshift(s);
    break;
  }
  return typeName(meaningful.join(' '));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
