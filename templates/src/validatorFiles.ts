import { StructureKind, VariableDeclarationKind } from 'ts-morph';
import { doc, ident, member, type Code } from './lib/code.js';
import { emitFile, emitVerbatim, type Statement } from './lib/emit.js';
import { ajvModule, fileOf, importPath, validatorName, VALIDATORS_MODULE } from './lib/modules.js';
import { runtimeImports } from './lib/runtimeImports.js';
import type { ClientModel, GeneratedFile } from './model.js';

/**
 * Why the ajv module is not type-checked, in its own words: the comment lines
 * between the header and `// @ts-nocheck`.
 */
const AJV_PREAMBLE = [
  "// ajv's standalone validator code for every message body of this JSON Schema draft: plain",
  '// JavaScript, untyped, so it is not type-checked (`@ts-nocheck` below; no `allowJs` needed).',
  '// Shared definitions are compiled once. Import the typed validators from `./index.js`.',
  '// @ts-nocheck',
];

/**
 * The body validators: one `validators/<draft>.ts` per JSON Schema draft with
 * ajv's standalone code, emitted as ajv wrote it (never reformatted), so the
 * runtime never compiles a schema and the app's own `tsc` compiles them like
 * any other module; and `validators/index.ts`, which gives each validator its
 * type (`ValidateFunction`): the only module other code imports them from.
 * The code imports ajv's helpers from `@ksdk/runtime/validation` only.
 */
export function renderValidatorFiles(model: Pick<ClientModel, 'manifest' | 'messages' | 'validators'>): GeneratedFile[] {
  const files = model.validators.map(
    (v): GeneratedFile => ({ path: fileOf(ajvModule(v.draft)), content: emitVerbatim(model.manifest, AJV_PREAMBLE, v.code) }),
  );
  const path = fileOf(VALIDATORS_MODULE);
  const schemaFiles = new Map(model.messages.map((m) => [m.name, m.schemaFile]));
  const entries = model.validators.flatMap((v) => v.exports.map((e) => ({ ...e, from: ajvNamespace(v.draft) })));
  const content = emitFile(path, model.manifest, [
    ...runtimeImports(['ValidateFunction']),
    ...model.validators.map((v): Statement => ({ kind: StructureKind.ImportDeclaration, moduleSpecifier: importPath(path, ajvModule(v.draft)), namespaceImport: ajvNamespace(v.draft) })),
    ...entries
      .sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0))
      .map(({ message, name, from }): Statement => ({
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [doc`Validates the body of message \`${message}\` against \`${schemaFiles.get(message) ?? ''}\`.`],
        declarations: [{ name: validatorName(message), type: 'ValidateFunction', initializer: member(from, name) }],
      })),
  ]);
  return [...files, { path, content }];
}

/** `draft-2020-12` → `draft202012`: the namespace the index imports a draft's module as. */
function ajvNamespace(draft: string): Code {
  return ident(draft.replace(/[^A-Za-z0-9]/g, ''));
}
