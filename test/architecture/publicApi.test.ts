// The runtime's public API (issue 16). Each entry point exports exactly the names
// docs/api.md lists for it, by name (no `export *`), each name from one entry point only;
// package.json maps every entry point for `exports` and `typesVersions`; the generator's
// symbols table names real exports of the entry points it says.
//
// Tests and benchmarks use the API the way an application does, through the package's
// entry points. The rule: a file named `*.unit.test.ts` is a unit test of internal modules
// and may import them from runtime/src, all from one folder (one concern: consumer/,
// streams/...); every other test, helper and benchmark imports `@ksdk/runtime` or one of
// its subpaths only (which resolve to the built package).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const REPO = path.join(import.meta.dirname, '../..');
const RUNTIME = path.join(REPO, 'runtime');
type Target = { types: string; default: string };
const packageJson = JSON.parse(readFileSync(path.join(RUNTIME, 'package.json'), 'utf8')) as {
  exports: Record<string, Target | string>;
  typesVersions: { '*': Record<string, string[]> };
};
const ENTRY_POINTS = Object.keys(packageJson.exports)
  .filter((subpath) => subpath !== './package.json')
  .map((subpath) => `@ksdk/runtime${subpath.slice(1)}`);
/** `@ksdk/runtime/otel` → `otel`; the root is `.`. */
const subpathOf = (entry: string) => (entry === '@ksdk/runtime' ? '.' : entry.slice('@ksdk/runtime/'.length));

/** docs/api.md: each `## \`@ksdk/runtime...\`` section's names (the backticked words of its bullet lines). */
function documentedApi(): Map<string, string[]> {
  const api = new Map<string, string[]>();
  let entry: string | undefined;
  for (const line of readFileSync(path.join(REPO, 'docs/api.md'), 'utf8').split('\n')) {
    if (line.startsWith('## ')) {
      entry = /^## `(@ksdk\/runtime[^`]*)`$/.exec(line)?.[1];
      if (entry !== undefined) api.set(entry, []);
    } else if (entry !== undefined && line.startsWith('- ')) {
      api.get(entry)!.push(...[...line.matchAll(/`([A-Za-z_$][\w$]*)`/g)].map((m) => m[1]!));
    }
  }
  return api;
}

/** The source file of an entry point: its `types` target, from dist/*.d.ts back to src/*.ts. */
function sourceOf(entry: string): string {
  const subpath = subpathOf(entry);
  const target = packageJson.exports[subpath === '.' ? '.' : `./${subpath}`] as Target;
  return path.join(RUNTIME, target.types.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '.ts'));
}

/** What each entry point exports (values and types), as the compiler sees it. */
function actualApi(): Map<string, string[]> {
  const files = ENTRY_POINTS.map(sourceOf);
  const program = ts.createProgram(files, { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true, types: ['node'] });
  const checker = program.getTypeChecker();
  return new Map(
    ENTRY_POINTS.map((entry, i) => {
      const module = checker.getSymbolAtLocation(program.getSourceFile(files[i]!)!)!;
      return [entry, checker.getExportsOfModule(module).map((s) => s.name)];
    }),
  );
}

const documented = documentedApi();
const actual = actualApi();
const sorted = (names: readonly string[]) => [...names].sort();

describe('the entry points of @ksdk/runtime', () => {
  it('are the ones docs/api.md documents, each in package.json exports (types + default) and typesVersions', () => {
    expect([...documented.keys()].sort()).toEqual([...ENTRY_POINTS].sort());
    for (const entry of ENTRY_POINTS) {
      const subpath = subpathOf(entry);
      const target = packageJson.exports[subpath === '.' ? '.' : `./${subpath}`] as Target;
      expect(target.default, entry).toBe(target.types.replace(/\.d\.ts$/, '.js'));
      if (subpath !== '.') expect(packageJson.typesVersions['*'][subpath], entry).toEqual([target.types]);
    }
    expect(Object.keys(packageJson.typesVersions['*']).sort()).toEqual(ENTRY_POINTS.filter((e) => e !== '@ksdk/runtime').map(subpathOf).sort());
  });

  it.each(ENTRY_POINTS)('%s exports exactly the names docs/api.md lists for it', (entry) => {
    const listed = documented.get(entry) ?? [];
    expect(new Set(listed).size, `${entry}: a name listed twice`).toBe(listed.length);
    expect(sorted(actual.get(entry)!)).toEqual(sorted(listed));
  });

  it('export each name from one entry point only, and by name (no `export *`)', () => {
    const homes = new Map<string, string[]>();
    for (const [entry, names] of actual) for (const name of names) homes.set(name, [...(homes.get(name) ?? []), entry]);
    expect([...homes].filter(([, entries]) => entries.length > 1)).toEqual([]);
    for (const entry of ENTRY_POINTS) expect(readFileSync(sourceOf(entry), 'utf8'), entry).not.toMatch(/export\s*\*/);
  });

  it('the root stays the application API: the internals it used to re-export are gone', () => {
    const root = actual.get('@ksdk/runtime')!;
    for (const internal of ['decodeRecord', 'encodeMessage', 'PartitionChooser', 'murmur3Hash', 'toPositive', 'headersAsText', 'previousAttempts', 'failureHeaders', 'startPublishInterceptors', 'backoffMs']) {
      expect(root, internal).not.toContain(internal);
    }
  });

  it('the symbols table names exports of the entry points it says (generated code imports them from there)', async () => {
    const { symbols } = await import('@ksdk/runtime/codegen');
    const entries = Object.entries(symbols);
    expect(entries.length).toBeGreaterThan(20);
    for (const [name, symbol] of entries) expect(actual.get(symbol.from), `${name} from ${symbol.from}`).toContain(name);
  });
});

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
