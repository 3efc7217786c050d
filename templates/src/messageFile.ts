import { doc, ident, ts } from './lib/code.js';
import { StructureKind } from 'ts-morph';
import { emitFile, type Statement } from './lib/emit.js';
import { fileOf, importPath, messageModule } from './lib/modules.js';
import { runtimeImports } from './lib/runtimeImports.js';
import { printTypes } from './lib/printTypes.js';
import type { ClientCodeModel, GeneratedFile, MessageTemplate, TypeModuleTemplate } from './model.js';

/**
 * `messages/<Name>.ts`: the message type (envelope metadata + body, flat),
 * then the body type and the named types json-schema-to-typescript declared
 * for it, with doc comments from the schema's `description`s.
 */
export function renderMessageFile(model: ClientCodeModel, message: MessageTemplate): GeneratedFile {
  const path = fileOf(messageModule(message.name));
  const docs = [messageDoc(message)];
  const name = ident(message.name);
  const data = ident(message.dataTypeName);
  const content = emitFile(path, model.manifest, [
    ...runtimeImports(['MessageMetadata']),
    ...typeImports(path, message.types),
    message.dataIsInterface
      ? { kind: StructureKind.Interface, isExported: true, name, extends: ['MessageMetadata', data], docs }
      : { kind: StructureKind.TypeAlias, isExported: true, name, type: ts`MessageMetadata & ${data}`, docs },
  ], declarations(message.types));
  return { path, content };
}

/** `definitions.ts`: named types from schema files that are not a message's own schema. */
export function renderDefinitionsFile(model: ClientCodeModel, definitions: TypeModuleTemplate): GeneratedFile {
  const path = 'definitions.ts';
  const content = emitFile(path, model.manifest, typeImports(path, definitions), declarations(definitions));
  return { path, content };
}

function typeImports(path: string, types: TypeModuleTemplate): Statement[] {
  return types.imports.map((imp) => ({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: importPath(path, imp.module), namedImports: imp.names.map(ident) }));
}

function declarations(types: TypeModuleTemplate): string {
  return types.declarations.length === 0 ? '' : printTypes(types.declarations.join('\n\n'));
}

function messageDoc(message: MessageTemplate): string {
  const summary = doc`Message \`${message.name}\`: CloudEvents type \`${message.cloudEventType}\`, published to topic \`${message.topic}\`.
The envelope metadata (\`id\`, \`timeStamp\`, ...) and the body fields of \`${message.schemaFile}\`, flat.`;
  return message.description ? doc`${message.description}\n\n${summary}` : summary;
}
