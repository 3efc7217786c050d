import { StructureKind } from 'ts-morph';
import { emitFile } from './lib/emit.js';
import { importPath } from './lib/modules.js';
import type { ClientCodeModel, GeneratedFile } from './model.js';

/** `index.ts`: re-exports every generated module (validators are reached through `messages`). */
export function renderIndexFile(model: ClientCodeModel, modules: readonly string[]): GeneratedFile {
  const path = 'index.ts';
  const content = emitFile(
    path,
    model.manifest,
    [...modules].sort().map((module) => ({ kind: StructureKind.ExportDeclaration, moduleSpecifier: importPath(path, module) })),
  );
  return { path, content };
}
