import path from 'node:path';
import { ident, moduleSpecifier } from './code.js';

/** Module specifier from the file at `fromPath` to the module `toModule` (both relative to the output root, `/`-separated). */
export function importPath(fromPath: string, toModule: string): string {
  const rel = path.posix.relative(path.posix.dirname(fromPath), toModule);
  return moduleSpecifier(`${rel.startsWith('.') ? rel : `./${rel}`}.js`);
}

/** Output-root-relative module (no extension) of a message's type module. */
export function messageModule(name: string): string {
  return `messages/${ident(name)}`;
}

export function validatorModule(name: string): string {
  return `validators/${ident(name)}`;
}

export function producerModule(name: string): string {
  return `producers/${ident(name)}`;
}

/** Output-root-relative path of a module's file: `messages/OrderPlaced` → `messages/OrderPlaced.ts`. */
export function fileOf(module: string, extension: '.ts' | '.js' | '.d.ts' = '.ts'): string {
  return module + extension;
}
