import path from 'node:path';
import { ident, moduleSpecifier, ts, type Code } from './code.js';

/** Module specifier from the file at `fromPath` to the module `toModule` (both relative to the output root, `/`-separated). */
export function importPath(fromPath: string, toModule: string): string {
  const rel = path.posix.relative(path.posix.dirname(fromPath), toModule);
  return moduleSpecifier(`${rel.startsWith('.') ? rel : `./${rel}`}.js`);
}

/** Output-root-relative module (no extension) of a message's type module. */
export function messageModule(name: string): string {
  return `messages/${ident(name)}`;
}

/** The typed validators every other module imports: `validate<Message>` for each message. */
export const VALIDATORS_MODULE = 'validators/index';

/** The ajv standalone code of one draft, e.g. `validators/draft-07`. Only `VALIDATORS_MODULE` imports it. */
export function ajvModule(draft: string): string {
  return `validators/${draft}`;
}

/** The name `VALIDATORS_MODULE` exports a message's validator under. */
export function validatorName(message: string): Code {
  return ts`validate${ident(message)}`;
}

export function producerModule(name: string): string {
  return `producers/${ident(name)}`;
}

/** Output-root-relative path of a module's file: `messages/OrderPlaced` → `messages/OrderPlaced.ts`. */
export function fileOf(module: string, extension: '.ts' | '.js' | '.d.ts' = '.ts'): string {
  return module + extension;
}
