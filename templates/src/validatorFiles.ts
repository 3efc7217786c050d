import { VariableDeclarationKind } from 'ts-morph';
import { doc } from './lib/code.js';
import { emitFile } from './lib/emit.js';
import { fileOf, validatorModule } from './lib/modules.js';
import type { ClientModel, GeneratedFile, MessageTemplate } from './model.js';

/**
 * `validators/<Name>.js` and its `.d.ts`: ajv's standalone code for the body
 * schema, so the runtime never compiles a schema. The code imports ajv's
 * helpers from `@ksdk/runtime/validation` only.
 */
export function renderValidatorFiles(model: ClientModel, message: MessageTemplate): GeneratedFile[] {
  const base = validatorModule(message.name);
  const js = emitFile(fileOf(base, '.js'), model.manifest, () => undefined, message.validatorCode);
  const dts = emitFile(fileOf(base, '.d.ts'), model.manifest, (file) => {
    file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: model.runtimeModule, namedImports: ['ValidateFunction'] });
    file.addVariableStatement({
      hasDeclareKeyword: true,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: 'validate', type: 'ValidateFunction' }],
      docs: [doc`Validates the body of message \`${message.name}\` against \`${message.schemaFile}\` (ajv standalone code).`],
    });
    file.addExportDeclaration({ namedExports: ['validate'] });
    file.addExportAssignment({ isExportEquals: false, expression: 'validate' });
  });
  return [
    { path: fileOf(base, '.d.ts'), content: dts },
    { path: fileOf(base, '.js'), content: js },
  ];
}
