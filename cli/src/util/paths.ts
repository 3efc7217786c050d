import path from 'node:path';

/** `to` relative to `from`, always with `/` (generated code and messages never show OS separators). */
export function relativePosix(from: string, to: string): string {
  const rel = path.relative(from, to);
  return rel.split(path.sep).join('/');
}

/** True when `child` is `parent` itself or inside it. */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** A relative module specifier for an ES import: `./x.js`, `../y/z.js`. */
export function moduleSpecifier(fromDir: string, toFile: string): string {
  const rel = relativePosix(fromDir, toFile);
  return rel.startsWith('.') ? rel : `./${rel}`;
}
