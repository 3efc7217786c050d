import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The import graph of the TypeScript sources under `root`: each file (path
 * relative to `root`, `/`-separated) → the files under `root` it imports.
 * Every kind of import counts: `import`, `import type`, `export ... from`,
 * `import()`. Read with TypeScript's own scanner, so multi-line imports and
 * comments are handled as the compiler handles them.
 */
export function importGraph(root: string): Map<string, string[]> {
  const absoluteRoot = path.resolve(root);
  const files = sourceFiles(absoluteRoot);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolveSource(path.resolve(path.dirname(file), fileName));
      if (target !== undefined && target.startsWith(absoluteRoot + path.sep)) targets.add(relative(absoluteRoot, target));
    }
    graph.set(relative(absoluteRoot, file), [...targets].sort());
  }
  return graph;
}

/** Every import cycle: the strongly connected components of more than one file, or a file importing itself (Tarjan). */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next++;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) cycles.push(component.sort());
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return cycles;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : /\.(m|c)?ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** `./x.js` → `./x.ts` (ESM specifiers name the emitted file), or `./x/index.ts`. */
function resolveSource(specifier: string): string | undefined {
  const stem = specifier.replace(/\.(m|c)?js$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.mts`, `${stem}.cts`, specifier, path.join(specifier, 'index.ts')]) {
    if (existsSync(candidate) && candidate.endsWith('ts')) return candidate;
  }
  return undefined;
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
