import path from 'node:path';

/** Module specifier from the file at `fromPath` to the module `toModule` (both relative to the output root, `/`-separated). */
export function importPath(fromPath: string, toModule: string): string {
  const rel = path.posix.relative(path.posix.dirname(fromPath), toModule);
  return `${rel.startsWith('.') ? rel : `./${rel}`}.js`;
}

/** Output-root-relative module (no extension) of a message's type module. */
export function messageModule(name: string): string {
  return `messages/${name}`;
}

export function validatorModule(name: string): string {
  return `validators/${name}`;
}

export function producerModule(name: string): string {
  return `producers/${name}`;
}
