import standaloneModule from 'ajv/dist/standalone/index.js';
import { KsdkCliError } from '../errors/KsdkCliError.js';
import type { MessageModel } from '../manifest/ProjectModel.js';
import type { ValidatorBundle } from './bundleForValidator.js';
import { locateAjvMessage } from './checkSchemas.js';
import { createAjv } from './createAjv.js';
import { mapSchema, mapSubschemas } from './walkSchema.js';

type StandaloneCode = (ajv: unknown, validate: unknown) => string;
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

/**
 * The standalone ESM validator of one message body: ajv code whose only
 * imports are from `validationModule`, so an application needs nothing but
 * the runtime. Formats come from ajv-formats' `fullFormats`, as `formats`.
 */
export function compileValidator(bundle: ValidatorBundle, message: MessageModel, validationModule: string): string {
  const schema = withoutAnnotations(bundle.schema);
  const ajv = createAjv(bundle.draft, { code: true, annotationsFrom: [schema] });
  let code: string;
  try {
    code = standaloneCode(ajv, ajv.compile(schema as object));
  } catch (err) {
    throw new KsdkCliError('KSDK_SCHEMA_INVALID', locateAjvMessage(bundle, (err as Error).message, message), { cause: err });
  }
  const imports = new Set<string>();
  code = code.replace(/require\("([^"]+)"\)\.default/g, (_match, module: string) => {
    const name = RUNTIME_HELPERS[module];
    if (name === undefined) throw new KsdkCliError('KSDK_INTERNAL', { file: message.schemaDisplay, message: `internal: ajv code needs "${module}", which @ksdk/runtime/validation does not provide` });
    imports.add(name);
    return name;
  });
  if (/\brequire\(/.test(code)) {
    throw new KsdkCliError('KSDK_INTERNAL', { file: message.schemaDisplay, message: 'internal: ajv code has a require() ksdk cannot rewrite' });
  }
  if (/^const formats\d+ = formats\b/m.test(code)) imports.add('formats');
  const header = imports.size === 0 ? '' : `import { ${[...imports].sort().join(', ')} } from '${validationModule}';\n`;
  return `${header}${code.replace(/^"use strict";\n?/, '')}`;
}

/** Keywords that never change what validates; dropped so the generated code does not carry them. */
const ANNOTATIONS = ['title', 'description', '$comment', 'examples', 'deprecated', 'readOnly', 'writeOnly'];

function withoutAnnotations(schema: unknown): unknown {
  return mapSchema(schema, '', (node, pointer, recurse) => {
    const out = mapSubschemas(node, pointer, recurse);
    for (const k of ANNOTATIONS) delete out[k];
    for (const k of Object.keys(out)) if (k.startsWith('x-')) delete out[k];
    return out;
  });
}
