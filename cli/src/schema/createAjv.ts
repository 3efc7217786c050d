import { _, Ajv, type Options } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Draft } from './draft.js';
import { isSchemaObject, walkSchema } from './walkSchema.js';

type AnyAjv = Ajv | Ajv2019 | Ajv2020;

/** ajv-formats is CommonJS: its default export is `module.exports.default`. */
const addFormats = (addFormatsModule as unknown as { default: (ajv: AnyAjv) => AnyAjv }).default;

export interface AjvSetup {
  /** Emit standalone ESM code (validators); false only validates. */
  code: boolean;
  /** Receives ajv's strict-mode warnings (`strictTypes`, `strictTuples`). */
  onWarning?: (message: string) => void;
  /** Schemas whose `x-` annotation keywords must be accepted. */
  annotationsFrom?: unknown[];
}

/**
 * The one ajv configuration ksdk uses for message schemas, for checking and for
 * generating code, so that a schema that passes `ksdk check` also generates.
 * Strict about the schema itself (unknown keywords and formats are errors),
 * lenient where strictness would reject common, valid schemas (union types,
 * `properties` without `type: object`: those are warnings).
 */
export function createAjv(draft: Draft, setup: AjvSetup): AnyAjv {
  const warn = setup.onWarning ?? (() => undefined);
  const options: Options = {
    allErrors: true,
    strict: true,
    strictSchema: true,
    strictNumbers: true,
    strictTypes: 'log',
    strictTuples: 'log',
    strictRequired: false,
    allowUnionTypes: true,
    allowMatchingProperties: true,
    // Every schema file was checked against its draft's meta-schema already (`checkSchemas`, which
    // checks large enums in linear time); ajv's own check on compile would compare enum items pairwise.
    validateSchema: false,
    // `constructor`, `toString`... are valid property names: look at own properties only.
    ownProperties: true,
    validateFormats: true,
    logger: { log: () => undefined, warn: (...args: unknown[]) => warn(args.map(String).join(' ')), error: (...args: unknown[]) => warn(args.map(String).join(' ')) },
    // Generated code calls a `$ref`'s function instead of inlining its target: a definition
    // several messages (or properties) share is compiled once, not copied into each.
    ...(setup.code ? { inlineRefs: false, code: { source: true, esm: true, lines: true, optimize: true, formats: _`formats` } } : {}),
  };
  const ajv: AnyAjv = draft === '2020-12' ? new Ajv2020(options) : draft === '2019-09' ? new Ajv2019(options) : new Ajv(options);
  addFormats(ajv);
  for (const keyword of annotationKeywords(setup.annotationsFrom ?? [])) ajv.addKeyword(keyword);
  return ajv;
}

/** `x-...` keywords used in the schemas: annotations ajv must not reject as unknown. */
function annotationKeywords(schemas: unknown[]): string[] {
  const found = new Set<string>();
  for (const schema of schemas) {
    walkSchema(schema, '', (node) => {
      if (!isSchemaObject(node)) return;
      for (const key of Object.keys(node)) if (key.startsWith('x-')) found.add(key);
    });
  }
  return [...found].sort();
}
