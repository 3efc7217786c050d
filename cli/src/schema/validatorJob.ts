import standaloneModule from 'ajv/dist/standalone/index.js';
import { createAjv } from './createAjv.js';
import type { Draft } from './draft.js';

type StandaloneCode = (ajv: unknown, refs: Record<string, string>) => string;
/** ajv's standalone module is CommonJS: the function is `module.exports.default`. */
const standaloneCode = (standaloneModule as unknown as { default: StandaloneCode }).default;

/** The module the generated validators import ajv's runtime helpers (and `formats`) from. */
export const VALIDATION_MODULE = '@ksdk/runtime/validation';

/**
 * ajv runtime helpers the standalone code `require`s, and the names
 * `@ksdk/runtime/validation` exports them under.
 */
const RUNTIME_HELPERS: Record<string, string> = {
  'ajv/dist/runtime/ucs2length': 'ucs2length',
  'ajv/dist/runtime/equal': 'equal',
  'ajv/dist/runtime/uri': 'uri',
};

/**
 * What ajv compiles, as plain data (it crosses to a worker thread): per JSON
 * Schema draft, every schema by id with its `$ref`s naming other ids, and the
 * messages with the id of their schema.
 */
export interface ValidatorJob {
  drafts: DraftJob[];
}

export interface DraftJob {
  draft: Draft;
  schemas: Array<[id: string, schema: unknown]>;
  /** In export order. */
  messages: Array<{ name: string; id: string }>;
  /** Where an internal error in this draft's code is reported (a schema file). */
  file: string;
}

/** The validators of every message whose schema is of one draft: one ajv standalone module. */
export interface ValidatorModule {
  draft: Draft;
  /** ESM JavaScript; its only import is from the validation module. */
  code: string;
  /** Each message, in export order, with the name `code` exports its validator under. */
  exports: Array<{ message: string; name: string }>;
}

export interface ValidatorJobResult {
  /** The first message whose schema ajv could not compile, and ajv's error. */
  failure?: { message: string; error: string };
  /** Strict-mode warnings ajv logged, not located. */
  warnings: string[];
  /** Without a failure: the modules, in draft order. */
  modules?: ValidatorModule[];
  /** ksdk could not turn ajv's code into a module (a bug of ksdk, not of the schemas). */
  internal?: { file: string; message: string };
}

/**
 * The name a module exports a message's validator under. Never a bare message name:
 * a message called `Object` or `Array` would shadow the global ajv's code uses.
 */
export function exportName(message: string): string {
  return `validate${message}`;
}

/**
 * Compiles every schema of the job once, one ajv instance per draft (every
 * schema a `$ref` names is a schema of its own there, so ajv compiles each into
 * one function, called wherever it is referenced), and, when nothing failed,
 * writes each draft's validators as one standalone ESM module.
 */
export function runValidatorJob(job: ValidatorJob): ValidatorJobResult {
  const warnings: string[] = [];
  let failure: ValidatorJobResult['failure'];
  const compiled = job.drafts.map((d) => {
    const ajv = createAjv(d.draft, { code: true, onWarning: (w) => warnings.push(w), annotationsFrom: d.schemas.map(([, schema]) => schema) });
    for (const [id, schema] of d.schemas) ajv.addSchema(schema as object, id);
    for (const m of d.messages) {
      if (failure !== undefined) break;
      try {
        ajv.getSchema(m.id);
      } catch (error) {
        failure = { message: m.name, error: error instanceof Error ? error.message : String(error) };
      }
    }
    return { d, ajv };
  });
  if (failure !== undefined) return { failure, warnings };
  const modules: ValidatorModule[] = [];
  for (const { d, ajv } of compiled) {
    const exports: Record<string, string> = {};
    const firstExport = new Map<string, string>();
    const aliases: string[] = [];
    for (const m of d.messages) {
      // Messages that share a schema share its validator: ajv's standalone code would declare the function once per export.
      const first = firstExport.get(m.id);
      if (first === undefined) {
        firstExport.set(m.id, exportName(m.name));
        exports[exportName(m.name)] = m.id;
      } else {
        aliases.push(`export const ${exportName(m.name)} = ${first};`);
      }
    }
    const code = importHelpers([standaloneCode(ajv, exports), ...aliases].join('\n'));
    if (typeof code !== 'string') return { warnings, internal: { file: d.file, message: code.internal } };
    modules.push({ draft: d.draft, code, exports: d.messages.map((m) => ({ message: m.name, name: exportName(m.name) })) });
  }
  return { warnings, modules };
}

/** ajv's `require`s of its runtime helpers become one import from the validation module. */
function importHelpers(raw: string): string | { internal: string } {
  const imports = new Set<string>();
  let unknown: string | undefined;
  let code = raw.replace(/require\("([^"]+)"\)\.default/g, (match, module: string) => {
    const name = RUNTIME_HELPERS[module];
    if (name === undefined) {
      unknown ??= module;
      return match;
    }
    imports.add(name);
    return name;
  });
  if (unknown !== undefined) return { internal: `internal: ajv code needs "${unknown}", which ${VALIDATION_MODULE} does not provide` };
  if (/\brequire\(/.test(code)) return { internal: 'internal: ajv code has a require() ksdk cannot rewrite' };
  if (/^const formats\d+ = formats\b/m.test(code)) imports.add('formats');
  code = code.replace(/^"use strict";\n?/, '');
  const header = imports.size === 0 ? '' : `import { ${[...imports].sort().join(', ')} } from '${VALIDATION_MODULE}';\n`;
  return `${header}${code}`;
}
