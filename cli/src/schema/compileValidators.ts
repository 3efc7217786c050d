import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { KsdkCliError } from '../errors/KsdkCliError.js';
import type { MessageModel } from '../manifest/ProjectModel.js';
import type { Draft } from './draft.js';
import { rewriteRefs } from './rewriteRefs.js';
import type { SchemaFile, SchemaLocation } from './SchemaFile.js';
import type { SchemaGraph } from './SchemaGraph.js';
import { runValidatorJob, type DraftJob, type ValidatorJob, type ValidatorJobResult, type ValidatorModule } from './validatorJob.js';
import { mapSchema, mapSubschemas } from './walkSchema.js';

export type { ValidatorModule };

/**
 * Every message's body validator, compiled by ajv with code generation on: one
 * ajv instance per JSON Schema draft (one instance compiles one draft; nearly
 * always there is one).
 *
 * Every schema a `$ref` points at (and every message's schema) is added to
 * ajv as a schema of its own, and each `$ref` names that schema's id, never a
 * fragment of another: ajv then compiles each of them into one function,
 * called from wherever it is referenced. (A `$ref` to a fragment would be
 * compiled anew for every schema that reaches it, and inlined `$ref`s are
 * copies.) So a definition several messages share is compiled once, and is in
 * the output once. Formats come from ajv-formats' `fullFormats`, as `formats`.
 *
 * This is the one compile of the schemas: `checkSchemas` runs it and, when it
 * is clean (no error, no strict-mode warning), that is the check; the code of
 * the same compile becomes the validator modules (`modules`).
 */
export class CompiledValidators {
  readonly #result: ValidatorJobResult;
  readonly #messages: ReadonlyMap<string, MessageModel>;

  private constructor(result: ValidatorJobResult, messages: readonly MessageModel[]) {
    this.#result = result;
    this.#messages = new Map(messages.map((m) => [m.name, m]));
  }

  /**
   * Compiles the validators of `messages`. `inWorker`: in a worker thread, so
   * the caller's thread goes on meanwhile (falls back to this thread if no worker
   * can be started).
   */
  static async compile(graph: SchemaGraph, messages: readonly MessageModel[], options: { inWorker: boolean }): Promise<CompiledValidators> {
    const job = validatorJob(graph, messages);
    const result = options.inWorker ? await runInWorker(job) : runValidatorJob(job);
    return new CompiledValidators(result, messages);
  }

  /** The first message whose schema ajv could not compile, with ajv's error. */
  get failure(): { message: MessageModel; error: string } | undefined {
    const failure = this.#result.failure;
    const message = failure && this.#messages.get(failure.message);
    return failure && message ? { message, error: failure.error } : undefined;
  }

  /** Strict-mode warnings ajv logged (not located: `checkSchemas` locates them per message). */
  get warnings(): readonly string[] {
    return this.#result.warnings;
  }

  /** No error and no warning: the compile checked every schema, nothing is left to report. */
  get clean(): boolean {
    return this.#result.failure === undefined && this.#result.warnings.length === 0;
  }

  /** The validators as ajv standalone code, one ESM module per draft, importing ajv's helpers from `VALIDATION_MODULE`. */
  modules(): ValidatorModule[] {
    const { failure, internal, modules } = this.#result;
    const file = failure ? this.#messages.get(failure.message)?.schemaDisplay : undefined;
    // `checkSchemas` reports every schema ajv cannot compile: this is ksdk's mistake, not the schema's.
    if (failure) throw new KsdkCliError('KSDK_INTERNAL', { file: file ?? '<validators>', message: `internal: the validator of message ${failure.message} did not compile: ${failure.error}` });
    if (internal) throw new KsdkCliError('KSDK_INTERNAL', internal);
    if (!modules) throw new Error('internal: no validator modules');
    return modules;
  }
}

/** The worker's module, built next to this one (none when this module runs from its TypeScript source, as in the tests). */
const WORKER_MODULE = new URL('./validatorWorker.js', import.meta.url);

/** Runs the job in a worker thread; on this thread if no worker can be started (the result is the same). */
function runInWorker(job: ValidatorJob): Promise<ValidatorJobResult> {
  let worker: Worker;
  try {
    if (!existsSync(WORKER_MODULE)) return Promise.resolve(runValidatorJob(job));
    worker = new Worker(WORKER_MODULE);
  } catch {
    return Promise.resolve(runValidatorJob(job));
  }
  return new Promise<ValidatorJobResult>((resolve, reject) => {
    let settled = false;
    worker.once('message', (result: ValidatorJobResult) => {
      settled = true;
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', (err) => {
      settled = true;
      reject(new KsdkCliError('KSDK_INTERNAL', { file: '<validators>', message: `internal: the validator compile failed: ${err.message}` }, { cause: err }));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new KsdkCliError('KSDK_INTERNAL', { file: '<validators>', message: `internal: the validator compile stopped (exit code ${code})` }));
    });
    worker.postMessage(job);
  });
}

/** What ajv compiles for `messages`, as plain data: per draft (in draft order), every schema they reach and their roots' ids. */
function validatorJob(graph: SchemaGraph, messages: readonly MessageModel[]): ValidatorJob {
  const byDraft = new Map<Draft, MessageModel[]>();
  for (const m of messages) {
    const draft = rootOf(graph, m).draft;
    const group = byDraft.get(draft);
    if (group) group.push(m);
    else byDraft.set(draft, [m]);
  }
  return {
    drafts: [...byDraft.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(
        ([draft, group]): DraftJob => ({
          draft,
          schemas: [...schemasFor(graph, group)],
          messages: group.map((m) => ({ name: m.name, id: schemaId({ file: rootOf(graph, m), pointer: '' }) })),
          file: rootOf(graph, group[0] as MessageModel).display,
        }),
      ),
  };
}

function rootOf(graph: SchemaGraph, message: MessageModel): SchemaFile {
  const root = graph.roots.get(message.name);
  if (!root) throw new Error(`internal: no schema loaded for ${message.name}`);
  return root;
}

/**
 * Every schema the messages reach, as ajv will hold it, by id: each message's
 * schema and each `$ref` target, with its `$ref`s pointing at their targets'
 * ids, annotations dropped, and `definitions`/`$defs` dropped (their members
 * are reached through `$ref`s only, and each such target is a schema here).
 */
function schemasFor(graph: SchemaGraph, messages: readonly MessageModel[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const queue: SchemaLocation[] = messages.map((m) => ({ file: rootOf(graph, m), pointer: '' }));
  const refTo = (target: SchemaLocation): string => {
    const id = schemaId(target);
    if (!out.has(id)) queue.push(target);
    return id;
  };
  // An index, not shift(): with thousands of schemas a queue that shifts is quadratic.
  for (let next = 0, at = queue[0]; at; at = queue[++next]) {
    const id = schemaId(at);
    if (out.has(id)) continue;
    out.set(id, undefined);
    out.set(id, forAjv(rewriteRefs(graph, at, refTo, false)));
  }
  return out;
}

/**
 * The id ajv knows a schema by: `ksdk:` and its file's project-relative path (or URL)
 * with the pointer, as one opaque URI segment (everything but letters, digits and
 * `-._~` percent-encoded, which is already the normal form ajv's URI resolver
 * compares). No `..`, `#` or `/` in a path can change what it names, and no path of
 * this machine ends up in the code.
 */
function schemaId(at: SchemaLocation): string {
  const name = at.pointer === '' ? at.file.display : `${at.file.display}#${at.pointer}`;
  return `ksdk:${[...new TextEncoder().encode(name)].map((b) => (UNRESERVED.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('')}`;
}

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * Keywords that never change what validates; dropped so the generated code does not carry
 * them. `definitions`/`$defs` too: every `$ref` names a schema of its own (see `schemasFor`).
 */
const DROPPED = ['title', 'description', '$comment', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'definitions', '$defs'];

function forAjv(schema: unknown): unknown {
  return mapSchema(schema, '', (node, pointer, recurse) => {
    const out = mapSubschemas(node, pointer, recurse);
    for (const k of DROPPED) delete out[k];
    for (const k of Object.keys(out)) if (k.startsWith('x-')) delete out[k];
    return out;
  });
}
