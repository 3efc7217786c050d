import standaloneModule from 'ajv/dist/standalone/index.js';
import { KsdkCliError } from '../errors/KsdkCliError.js';
import type { MessageModel } from '../manifest/ProjectModel.js';
import { createAjv } from './createAjv.js';
import type { Draft } from './draft.js';
import { rewriteRefs } from './rewriteRefs.js';
import type { SchemaFile, SchemaLocation } from './SchemaFile.js';
import type { SchemaGraph } from './SchemaGraph.js';
import { isSchemaObject, mapSchema, mapSubschemas } from './walkSchema.js';

type StandaloneCode = (ajv: unknown, refs: Record<string, string>) => string;
/** ajv's standalone module is CommonJS: the function is `module.exports.default`. */
const standaloneCode = (standaloneModule as unknown as { default: StandaloneCode }).default;

/**
 * ajv runtime helpers the standalone code `require`s, and the names
 * `@ksdk/runtime/validation` exports them under.
 */
const RUNTIME_HELPERS: Record<string, string> = {
  'ajv/dist/runtime/ucs2length': 'ucs2length',
  'ajv/dist/runtime/equal': 'equal',
  'ajv/dist/runtime/uri': 'uri',
};

/** The validators of every message whose schema is of one draft: one ajv standalone module. */
export interface ValidatorModule {
  draft: Draft;
  /** ESM JavaScript; its only import is from the validation module. */
  code: string;
  /** Each message, in export order, with the name `code` exports its validator under. */
  exports: Array<{ message: string; name: string }>;
}

/**
 * The name a module exports a message's validator under. Never a bare message name:
 * a message called `Object` or `Array` would shadow the global ajv's code uses.
 */
function exportName(message: string): string {
  return `validate${message}`;
}

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
 * the same compile becomes the validator modules (`validatorModules`).
 */
export class CompiledValidators {
  /** Per draft, in draft order. */
  readonly #drafts: CompiledDraft[];
  /** The first error ajv threw, with the message whose schema it compiled. */
  readonly failure: { message: MessageModel; error: unknown } | undefined;
  /** Strict-mode warnings ajv logged (not located: `checkSchemas` locates them per message). */
  readonly warnings: readonly string[];

  private constructor(drafts: CompiledDraft[], failure: CompiledValidators['failure'], warnings: string[]) {
    this.#drafts = drafts;
    this.failure = failure;
    this.warnings = warnings;
  }

  static compile(graph: SchemaGraph, messages: readonly MessageModel[]): CompiledValidators {
    const byDraft = new Map<Draft, MessageModel[]>();
    for (const m of messages) {
      const draft = rootOf(graph, m).draft;
      const group = byDraft.get(draft);
      if (group) group.push(m);
      else byDraft.set(draft, [m]);
    }
    const warnings: string[] = [];
    let failure: CompiledValidators['failure'];
    const drafts = [...byDraft.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([draft, group]): CompiledDraft => {
        const schemas = schemasFor(graph, group);
        const ajv = createAjv(draft, { code: true, onWarning: (w) => warnings.push(w), annotationsFrom: [...schemas.values()] });
        for (const [id, schema] of schemas) ajv.addSchema(schema as object, id);
        const exports: Record<string, string> = {};
        const firstExport = new Map<string, string>();
        const aliases: string[] = [];
        for (const m of group) {
          const id = schemaId({ file: rootOf(graph, m), pointer: '' });
          if (failure === undefined) {
            try {
              ajv.getSchema(id);
            } catch (error) {
              failure = { message: m, error };
            }
          }
          // Messages that share a schema share its validator: ajv's standalone code would declare the function once per export.
          const first = firstExport.get(id);
          if (first === undefined) {
            firstExport.set(id, exportName(m.name));
            exports[exportName(m.name)] = id;
          } else {
            aliases.push(`export const ${exportName(m.name)} = ${first};`);
          }
        }
        return { draft, ajv, exports, aliases, messages: group, file: rootOf(graph, group[0] as MessageModel).display };
      });
    return new CompiledValidators(drafts, failure, warnings);
  }

  /** No error and no warning: the compile checked every schema, nothing is left to report. */
  get clean(): boolean {
    return this.failure === undefined && this.warnings.length === 0;
  }

  /** The validators as ajv standalone code, one ESM module per draft importing its helpers from `validationModule`. */
  modules(validationModule: string): ValidatorModule[] {
    return this.#drafts.map((d) => {
      if (this.failure !== undefined) {
        const { message, error } = this.failure;
        // `checkSchemas` reports every schema ajv cannot compile: this is ksdk's mistake, not the schema's.
        throw new KsdkCliError('KSDK_INTERNAL', { file: message.schemaDisplay, message: `internal: the validator of message ${message.name} did not compile: ${(error as Error).message}` }, { cause: error });
      }
      const code = [standaloneCode(d.ajv, d.exports), ...d.aliases].join('\n');
      return { draft: d.draft, code: importHelpers(code, validationModule, d.file), exports: d.messages.map((m) => ({ message: m.name, name: exportName(m.name) })) };
    });
  }
}

interface CompiledDraft {
  draft: Draft;
  ajv: ReturnType<typeof createAjv>;
  /** Export name → schema id, for ajv's `standaloneCode`. */
  exports: Record<string, string>;
  /** `export const` lines for messages that share another's schema. */
  aliases: string[];
  messages: MessageModel[];
  /** Where an internal error in this draft's code is reported. */
  file: string;
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

/** ajv's `require`s of its runtime helpers become one import from the validation module. */
function importHelpers(raw: string, validationModule: string, file: string): string {
  const imports = new Set<string>();
  let code = raw.replace(/require\("([^"]+)"\)\.default/g, (_match, module: string) => {
    const name = RUNTIME_HELPERS[module];
    if (name === undefined) throw new KsdkCliError('KSDK_INTERNAL', { file, message: `internal: ajv code needs "${module}", which ${validationModule} does not provide` });
    imports.add(name);
    return name;
  });
  if (/\brequire\(/.test(code)) throw new KsdkCliError('KSDK_INTERNAL', { file, message: 'internal: ajv code has a require() ksdk cannot rewrite' });
  if (/^const formats\d+ = formats\b/m.test(code)) imports.add('formats');
  code = code.replace(/^"use strict";\n?/, '');
  const header = imports.size === 0 ? '' : `import { ${[...imports].sort().join(', ')} } from '${validationModule}';\n`;
  return `${header}${code}`;
}

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
