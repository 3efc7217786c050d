import type { ErrorObject } from 'ajv';
import { canonicalJson } from './JsonSchema.js';
import type { GenContext } from '../context/GenContext.js';
import { KsdkCliError, type Issue } from '../errors/KsdkCliError.js';
import type { MessageModel } from '../manifest/ProjectModel.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { joinPointer } from '../util/pointer.js';
import type { ValidatorBundle } from './bundleForValidator.js';
import { BundleMap } from './BundleMap.js';
import { CompiledValidators } from './compileValidators.js';
import { createAjv } from './createAjv.js';
import type { Draft } from './draft.js';
import type { SchemaFile } from './SchemaFile.js';
import type { SchemaGraph } from './SchemaGraph.js';
import { isSchemaObject, mapSchema, mapSubschemas, walkSchema } from './walkSchema.js';

/** The envelope metadata names (runtime `METADATA_KEYS`): a message body must not define them. */
export const RESERVED_PROPERTIES = ['id', 'timeStamp', 'raisingComponent', 'tenant', 'conversation'] as const;

/** A body property of a message, with where it is declared. */
export interface BodyProperty {
  name: string;
  file: SchemaFile;
  pointer: string;
}

/** What `checkSchemas` leaves for the later steps. */
export interface CheckedSchemas {
  /**
   * Each message's schema as one self-contained JSON Schema, by message name: what
   * `ksdk check` compares. Built when first asked for (`ksdk generate` never asks).
   */
  bundles: ReadonlyMap<string, ValidatorBundle>;
  /**
   * The one ajv compile of every message's schema, which the validator modules are
   * generated from. It settles once the schemas passed ajv's strict compile, and
   * rejects with located errors when they did not: until then the check is not over.
   */
  validators: Promise<CompiledValidators>;
}

/**
 * Checks every schema document against its draft's meta-schema and every
 * message body (an object, no reserved names, the partition-key property
 * exists), and starts the compile of every message's schema with ajv in strict
 * mode, once, shared definitions once (`CompiledValidators`; `inWorker`: in a
 * worker thread, while the caller goes on). Fails with located errors; those of
 * the compile reject `validators`.
 *
 * ajv names no file in its errors and warnings: when the compile fails or warns,
 * each message's schema is compiled again on its own, as one bundle, which
 * locates them (file, pointer) and reports each warning for every message it
 * concerns. A clean compile, the usual case, is the whole check.
 */
export function checkSchemas(ctx: GenContext, graph: SchemaGraph, messages: readonly MessageModel[], manifest: SourceDocument, options: { inWorker?: boolean } = {}): CheckedSchemas {
  // One ajv per draft: each instance compiles its meta-schema once, for every file of that draft.
  const metaSchemaCheckers = new Map<Draft, ReturnType<typeof createAjv>>();
  for (const file of graph.files.values()) {
    let ajv = metaSchemaCheckers.get(file.draft);
    if (!ajv) metaSchemaCheckers.set(file.draft, (ajv = createAjv(file.draft, { code: false })));
    checkAgainstMetaSchema(ajv, file);
  }
  for (const message of messages) checkBody(graph, message, rootOf(graph, message), manifest);
  // ajv compiles only schemas the meta-schema accepted.
  const bundles = new BundleMap(graph);
  const validators = CompiledValidators.compile(graph, messages, { inWorker: options.inWorker === true }).then((validators) => {
    if (validators.clean) return validators;
    for (const message of messages) compileStrict(ctx, bundles.get(message.name) as ValidatorBundle, message);
    const failure = validators.failure;
    if (failure !== undefined) {
      // Every message's schema compiled on its own: ajv failed on something the bundles do not have.
      throw new KsdkCliError('KSDK_INTERNAL', { file: failure.message.schemaDisplay, message: `internal: the validator of message ${failure.message.name} did not compile: ${failure.error}` });
    }
    return validators;
  });
  // Handled here too: a caller that fails on something else first never awaits it (a rejection nobody handles ends the process).
  validators.catch(() => undefined);
  return { bundles, validators };
}

function rootOf(graph: SchemaGraph, message: MessageModel): SchemaFile {
  const root = graph.roots.get(message.name);
  if (!root) throw new Error(`internal: no schema loaded for ${message.name}`);
  return root;
}

/** Meta-schema validation, with pointers into the file (ajv's compile error has none). */
function checkAgainstMetaSchema(ajv: ReturnType<typeof createAjv>, file: SchemaFile): void {
  const value = withLargeEnumsChecked(file);
  if (ajv.validateSchema(value as object)) return;
  const errors = (ajv.errors ?? []) as ErrorObject[];
  const issues = narrowest(errors).map((e) => file.doc.issue(e.instancePath, `invalid JSON Schema: ${describe(e)}`));
  throw new KsdkCliError('KSDK_SCHEMA_INVALID', issues, { cause: errors });
}

/** Enums longer than this are checked for duplicates here, in linear time, instead of by the meta-schema. */
const LARGE_ENUM = 64;

/**
 * The draft-07 meta-schema asks for `enum` items to be unique; ajv checks that
 * by comparing every pair (items may be any JSON), which takes minutes for an
 * enum of 100,000 values. Large enums are checked here with a set of their
 * canonical JSON texts instead (a duplicate fails with its pointer), and the
 * meta-schema sees a one-item stand-in: what it checks besides uniqueness
 * (an array with at least one item) holds for both.
 */
function withLargeEnumsChecked(file: SchemaFile): unknown {
  return mapSchema(file.doc.value, '', (node, pointer, recurse) => {
    const out = mapSubschemas(node, pointer, recurse);
    if (Array.isArray(node.enum) && node.enum.length > LARGE_ENUM) {
      const seen = new Map<string, number>();
      node.enum.forEach((item, i) => {
        const text = canonicalJson(item);
        const first = seen.get(text);
        if (first !== undefined) {
          throw new KsdkCliError('KSDK_SCHEMA_INVALID', file.doc.issue(joinPointer(pointer, 'enum', i), `invalid JSON Schema: enum values must be unique; item ${i} repeats item ${first}`));
        }
        seen.set(text, i);
      });
      out.enum = node.enum.slice(0, 1);
    }
    return out;
  });
}

/**
 * Meta-schemas report one mistake several times (each `anyOf` branch, then the
 * `anyOf` itself). Keep the deepest path, and there the most telling error.
 */
function narrowest(errors: ErrorObject[]): ErrorObject[] {
  const deepest = errors.filter((e) => !errors.some((o) => o !== e && o.instancePath.startsWith(`${e.instancePath}/`)));
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of deepest) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  const out: ErrorObject[] = [];
  for (const group of byPath.values()) {
    let kept = group.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
    if (kept.some((e) => e.keyword === 'enum')) kept = kept.filter((e) => e.keyword !== 'type');
    const seen = new Set<string>();
    for (const e of kept.length > 0 ? kept : group) {
      const text = describe(e);
      if (!seen.has(text)) out.push(e);
      seen.add(text);
    }
  }
  return out;
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'enum') return `${error.message ?? 'invalid'}: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (error.keyword === 'type') return `must be ${String(params.type)}`;
  return error.message ?? error.keyword;
}

/** The properties a message body declares at its top level (following `$ref` and `allOf`/`anyOf`/`oneOf`). */
export function bodyProperties(graph: SchemaGraph, root: SchemaFile): BodyProperty[] {
  const out: BodyProperty[] = [];
  const seen = new Set<string>();
  const visit = (file: SchemaFile, pointer: string, depth: number): void => {
    const key = `${file.id}#${pointer}`;
    if (seen.has(key) || depth > 16) return;
    seen.add(key);
    const node = graph.node({ file, pointer });
    if (!isSchemaObject(node)) return;
    if (isSchemaObject(node.properties)) {
      for (const name of Object.keys(node.properties)) out.push({ name, file, pointer: joinPointer(pointer, 'properties', name) });
    }
    if (typeof node.$ref === 'string') {
      const target = graph.refTarget(file.id, pointer);
      visit(target.file, target.pointer, depth + 1);
    }
    for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
      const branches = node[keyword];
      if (Array.isArray(branches)) branches.forEach((_, i) => visit(file, joinPointer(pointer, keyword, i), depth + 1));
    }
  };
  visit(root, '', 0);
  return out;
}

function checkBody(graph: SchemaGraph, message: MessageModel, root: SchemaFile, manifest: SourceDocument): void {
  const value = root.doc.value;
  if (isSchemaObject(value) && value.type !== undefined) {
    const types = Array.isArray(value.type) ? value.type : [value.type];
    if (types.length !== 1 || types[0] !== 'object') {
      throw new KsdkCliError(
        'KSDK_SCHEMA_INVALID',
        root.doc.issue('/type', `the body of message ${message.name} must be an object (it is the CloudEvents data), not ${JSON.stringify(value.type)}`),
      );
    }
  }
  const properties = bodyProperties(graph, root);
  const reserved = properties.filter((p) => (RESERVED_PROPERTIES as readonly string[]).includes(p.name));
  if (reserved.length > 0) {
    throw new KsdkCliError(
      'KSDK_RESERVED_PROPERTY',
      reserved.map((p) =>
        p.file.doc.issue(
          p.pointer,
          `property "${p.name}" of message ${message.name} is reserved: ${RESERVED_PROPERTIES.join(', ')} are the envelope metadata every message carries; rename it`,
          { key: true },
        ),
      ),
    );
  }
  const key = message.partitionKey;
  if (key && (key.strategy === 'property' || key.strategy === 'murmur3')) {
    const names = [...new Set(properties.map((p) => p.name))];
    if (!names.includes(key.property)) {
      throw new KsdkCliError(
        'KSDK_UNKNOWN_PROPERTY',
        manifest.issue(
          joinPointer(message.pointer, 'partitionKey', 'property'),
          `partition-key property "${key.property}" is not a property of message ${message.name} (${root.display}); known: ${names.sort().join(', ') || 'none'}`,
        ),
      );
    }
  }
}

/** Compiles the bundle as the generator will; strict-mode errors are located where ajv names a path. */
function compileStrict(ctx: GenContext, bundle: ValidatorBundle, message: MessageModel): void {
  const warnings: string[] = [];
  const ajv = createAjv(bundle.draft, { code: false, onWarning: (m) => warnings.push(m), annotationsFrom: [bundle.schema] });
  try {
    ajv.compile(bundle.schema as object);
  } catch (err) {
    if (err instanceof RangeError) {
      throw new KsdkCliError('KSDK_LIMIT_EXCEEDED', { file: message.schemaDisplay, pointer: '', message: `the schema of message ${message.name} nests too deeply to compile (the stack overflowed); flatten it` }, { cause: err });
    }
    throw new KsdkCliError('KSDK_SCHEMA_INVALID', locateAjvMessage(bundle, (err as Error).message, message), { cause: err });
  }
  for (const w of [...new Set(warnings)]) {
    const issue = locateAjvMessage(bundle, w, message);
    ctx.warn({ ...issue, message: issue.message.replace('invalid JSON Schema for message', 'JSON Schema of message') });
  }
}

/** ajv names a path in some messages (`at "#/properties/a"`, `at path "#/..."`); otherwise find the keyword it names. */
export function locateAjvMessage(bundle: ValidatorBundle, text: string, message: MessageModel): Issue {
  const at = /at (?:path )?"#([^"]*)"/.exec(text)?.[1];
  let pointer: string | undefined = at === undefined ? undefined : safeDecode(at);
  if (pointer !== undefined && /unknown format "/.test(text)) pointer = joinPointer(pointer, 'format');
  const keyword = /unknown keyword: "([^"]+)"/.exec(text)?.[1];
  if (pointer === undefined && keyword !== undefined) {
    walkSchema(bundle.schema, '', (node, p) => {
      if (pointer === undefined && isSchemaObject(node) && keyword in node) pointer = joinPointer(p, keyword);
    });
  }
  const origin = bundle.origin(pointer ?? '');
  const clean = text.replace(/^strict mode: /, '').replace(/ \(strictMode: true\)$/, '');
  return origin.file.doc.issue(origin.pointer, `invalid JSON Schema for message ${message.name}: ${clean}`, { key: keyword !== undefined });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
