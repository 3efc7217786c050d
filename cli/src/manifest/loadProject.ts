import path from 'node:path';
import { GenContext, InputRefused, type ContextOptions } from '../context/GenContext.js';
import { KsdkCliError, type Issue } from '../errors/KsdkCliError.js';
import type { ValidatorBundle } from '../schema/bundleForValidator.js';
import { checkSchemas } from '../schema/checkSchemas.js';
import type { CompiledValidators } from '../schema/compileValidators.js';
import { buildSchemaGraph } from '../schema/buildSchemaGraph.js';
import type { SchemaGraph } from '../schema/SchemaGraph.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { joinPointer } from '../util/pointer.js';
import { normalizeManifest } from './normalizeManifest.js';
import type { ProjectModel } from './ProjectModel.js';
import { readManifest } from './readManifest.js';
import { validateManifest } from './validateManifest.js';

export interface LoadProjectOptions extends ContextOptions {
  /** Directory `manifestPath` and `out` are resolved against. Default: `process.cwd()`. */
  cwd?: string;
  /** Output folder override (the `--out` flag). */
  out?: string;
  /**
   * The manifest is a baseline of `ksdk check`: a past revision, maybe written
   * before ksdk required topics to be declared. Topics it uses without declaring
   * them count as declared. Default false.
   */
  baseline?: boolean;
  /**
   * Compile the validators in a worker thread (`true`) or on the calling thread
   * (`false`). Default: in a worker when the project has 50 schema files or more.
   */
  compileInWorker?: boolean;
}

/** A manifest with everything it names loaded and checked. */
export interface Project {
  model: ProjectModel;
  /** The parsed manifest (locate any pointer with `manifest.locate`). */
  manifest: SourceDocument;
  /** Every schema document and `$ref` reachable from the messages. */
  graph: SchemaGraph;
  /**
   * Each message's schema as one self-contained JSON Schema (other files
   * embedded under `$defs`, every `$ref` local), by message name. This is what
   * the validators are compiled from, and what `ksdk check` compares.
   */
  schemas: ReadonlyMap<string, ValidatorBundle>;
  /**
   * Every message's validator, compiled once by ajv as the last step of the schema
   * check: what the validator modules are generated from. Settled when
   * `loadProject` returns; `openProject` returns while it compiles, and it rejects
   * with the located errors of a schema ajv's strict compile refuses.
   */
  validators: Promise<CompiledValidators>;
  /** Non-fatal findings (ajv strict-mode warnings, odd group ids). */
  warnings: readonly Issue[];
  context: GenContext;
}

/** The manifest alone, validated and normalized: what commands that need no schema (`ksdk topics`) read. */
export interface LoadedManifest {
  model: ProjectModel;
  manifest: SourceDocument;
  context: GenContext;
}

/**
 * Reads `manifestPath` (YAML or JSON) and validates it against
 * `schemas/ksdk-manifest.schema.json` and the semantic rules (names, topics,
 * retry settings), without loading any message schema. Throws `KsdkCliError`
 * naming the file, line and field; never exits the process.
 */
export async function loadManifest(manifestPath: string, options: LoadProjectOptions = {}): Promise<LoadedManifest> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const manifestFile = path.resolve(cwd, manifestPath);
  const context = new GenContext(path.dirname(manifestFile), options);

  context.progress({ stage: 'manifest', message: `reading ${context.display(manifestFile)}` });
  const manifest = await readManifest(context, manifestFile);
  const document = validateManifest(manifest);
  context.allowRoots(document.schemaRoots ?? []);
  const model = normalizeManifest(context, manifest, document, manifestFile, {
    cwd,
    declareUsedTopics: options.baseline === true,
    ...(options.out === undefined ? {} : { out: options.out }),
  });
  return { model, manifest, context };
}

/**
 * Reads `manifestPath` (YAML or JSON), validates it against
 * `schemas/ksdk-manifest.schema.json` and the semantic rules, loads every
 * message schema and the files they `$ref`, and checks them (meta-schema,
 * reserved names, ajv strict compile). Throws `KsdkCliError` naming the file,
 * line and field of the first kind of problem found; never exits the process.
 *
 * This is the stable entry point `ksdk generate` and `ksdk check` share.
 */
export async function loadProject(manifestPath: string, options: LoadProjectOptions = {}): Promise<Project> {
  const project = await openProject(manifestPath, options);
  await project.validators;
  return project;
}

/** Projects with at least this many schema files compile their validators in a worker thread (below, starting one costs more than it saves). */
const WORKER_THRESHOLD = 50;

/**
 * `loadProject`, except that it returns before ajv's strict compile of the
 * schemas is over: `validators` settles (or rejects with located errors) later,
 * and the compile runs in a worker thread when the project is large enough. What
 * `ksdk generate` uses, to compile the types meanwhile. The check is not over
 * until `validators` settled: nothing may be written before.
 */
export async function openProject(manifestPath: string, options: LoadProjectOptions = {}): Promise<Project> {
  const { model, manifest, context } = await loadManifest(manifestPath, options);
  await checkCustomModules(context, manifest, model);

  const graph = await buildSchemaGraph(
    context,
    model.messages.map((m) => ({ name: m.name, schemaFile: m.schemaFile, declaredAt: () => manifest.issue(joinPointer(m.pointer, 'schema'), '') })),
  );
  context.progress({ stage: 'schemas', message: `checking ${graph.files.size} schema file(s)` });
  const { bundles, validators } = checkSchemas(context, graph, model.messages, manifest, { inWorker: options.compileInWorker ?? graph.files.size >= WORKER_THRESHOLD });
  return { model, manifest, graph, schemas: bundles, validators, warnings: context.warnings, context };
}

/** A `custom` partition-key module must exist: the generated registry imports it. */
async function checkCustomModules(context: GenContext, manifest: SourceDocument, model: ProjectModel): Promise<void> {
  for (const m of model.messages) {
    const key = m.partitionKey;
    if (key?.strategy !== 'custom') continue;
    const at = joinPointer(m.pointer, 'partitionKey', 'module');
    try {
      await context.readInput(key.module, { confined: true });
    } catch (err) {
      if (err instanceof InputRefused) throw new KsdkCliError(err.code, manifest.issue(at, `partition-key module of message ${m.name}: ${err.message}`), { cause: err });
      throw new KsdkCliError('KSDK_MANIFEST_INVALID', manifest.issue(at, `partition-key module ${context.display(key.module)} of message ${m.name} not found`), { cause: err });
    }
  }
}
