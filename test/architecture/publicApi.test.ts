// The runtime's public API (issue 16): tests and benchmarks use it the way an application
// does, through the package's entry points. The rule: a file named `*.unit.test.ts` is a
// unit test of internal modules and may import them from runtime/src, all from one folder
// (one concern: consumer/, streams/...); every other test, helper and benchmark imports
// `@ksdk/runtime` or one of its subpaths only (which resolve to the built package).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const REPO = path.join(import.meta.dirname, '../..');
const RUNTIME = path.join(REPO, 'runtime');
const packageJson = JSON.parse(readFileSync(path.join(RUNTIME, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
const ENTRY_POINTS = Object.keys(packageJson.exports)
  .filter((subpath) => subpath !== './package.json')
  .map((subpath) => `@ksdk/runtime${subpath.slice(1)}`);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return ['node_modules', 'out', '__snapshots__'].includes(e.name) ? [] : sourceFiles(full);
    return /\.(m|c)?ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

interface RuntimeImport {
  file: string;
  specifier: string;
  /** The runtime/src folder it reaches into (`consumer`, `streams`...), for a relative import of runtime code. */
  internal?: string;
}

/** Every import of runtime code in `files`: static, type-only, re-exports and `import()`. */
function runtimeImports(files: readonly string[]): RuntimeImport[] {
  return files.flatMap((file) =>
    ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.flatMap(({ fileName: specifier }): RuntimeImport[] => {
      const rel = path.relative(REPO, file);
      if (specifier === '@ksdk/runtime' || specifier.startsWith('@ksdk/runtime/')) return [{ file: rel, specifier }];
      if (!specifier.startsWith('.')) return [];
      const target = path.relative(RUNTIME, path.resolve(path.dirname(file), specifier));
      if (target.startsWith('..')) return [];
      const [top, folder] = target.split(path.sep);
      return [{ file: rel, specifier, internal: top === 'src' && folder !== undefined && !folder.includes('.') ? folder : target }];
    }),
  );
}

const imports = runtimeImports([...sourceFiles(path.join(REPO, 'test')), ...sourceFiles(path.join(REPO, 'bench'))]);
const isUnitTest = (file: string) => file.endsWith('.unit.test.ts');

describe('tests and benchmarks import the runtime as an application does', () => {
  it('through the entry points of @ksdk/runtime, unless the file is a unit test', () => {
    const offenders = imports.filter((i) => (i.internal !== undefined && !isUnitTest(i.file)) || (i.internal === undefined && !ENTRY_POINTS.includes(i.specifier)));
    expect(offenders.map((i) => `${i.file} → ${i.specifier}`)).toEqual([]);
    // The rule sees imports of every kind, and the public ones dominate.
    expect(imports.filter((i) => i.internal === undefined).length).toBeGreaterThan(100);
  });

  it('a unit test reaches into one folder of runtime/src (the unit it tests)', () => {
    const folders = new Map<string, Set<string>>();
    for (const i of imports.filter((i) => i.internal !== undefined && isUnitTest(i.file))) folders.set(i.file, (folders.get(i.file) ?? new Set()).add(i.internal!));
    const spread = [...folders].filter(([, f]) => f.size > 1 || [...f].some((name) => name.includes('/') || name.includes(path.sep)));
    expect(spread.map(([file, f]) => `${file}: ${[...f].join(', ')}`)).toEqual([]);
    // The rule applies to real files: the unit tests of today reach into runtime/src.
    expect(folders.size).toBeGreaterThan(3);
  });
});
