import { doc, ident, ts } from './lib/code.js';
import { emitFile } from './lib/emit.js';
import { fileOf, importPath, messageModule } from './lib/modules.js';
import { tidyTypes } from './lib/tidyTypes.js';
import type { ClientModel, GeneratedFile, MessageTemplate, TypeModuleTemplate } from './model.js';
import type { SourceFile } from 'ts-morph';

/**
 * `messages/<Name>.ts`: the message type (envelope metadata + body, flat),
 * then the body type and the named types json-schema-to-typescript declared
 * for it, with doc comments from the schema's `description`s.
 */
export function renderMessageFile(model: ClientModel, message: MessageTemplate): GeneratedFile {
  const path = fileOf(messageModule(message.name));
  const content = emitFile(path, model.manifest, (file) => {
    file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: model.runtimeModule, namedImports: ['MessageMetadata'] });
    addTypeImports(file, path, message.types);
    const docs = [messageDoc(message)];
    const name = ident(message.name);
    const data = ident(message.dataTypeName);
    if (message.dataIsInterface) {
      file.addInterface({ isExported: true, name, extends: ['MessageMetadata', data], docs });
    } else {
      file.addTypeAlias({ isExported: true, name, type: ts`MessageMetadata & ${data}`, docs });
    }
    addDeclarations(file, message.types);
  });
  return { path, content };
}

/** `definitions.ts`: named types from schema files that are not a message's own schema. */
export function renderDefinitionsFile(model: ClientModel, definitions: TypeModuleTemplate): GeneratedFile {
  const path = 'definitions.ts';
  const content = emitFile(path, model.manifest, (file) => {
    addTypeImports(file, path, definitions);
    addDeclarations(file, definitions);
  });
  return { path, content };
}

function addTypeImports(file: SourceFile, path: string, types: TypeModuleTemplate): void {
  for (const imp of types.imports) {
    file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: importPath(path, imp.module), namedImports: imp.names.map(ident) });
  }
}

function addDeclarations(file: SourceFile, types: TypeModuleTemplate): void {
  if (types.declarations.length === 0) return;
  file.addStatements(types.declarations.join('\n\n'));
  tidyTypes(file);
}

function messageDoc(message: MessageTemplate): string {
  const summary = doc`Message \`${message.name}\`: CloudEvents type \`${message.cloudEventType}\`, published to topic \`${message.topic}\`.
The envelope metadata (\`id\`, \`timeStamp\`, ...) and the body fields of \`${message.schemaFile}\`, flat.`;
  return message.description ? doc`${message.description}\n\n${summary}` : summary;
}
