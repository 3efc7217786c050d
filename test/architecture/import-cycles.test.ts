// The modules of each package form no import cycle (issue 16): an import cycle makes load
// order matter (a value imported before its module finished loading is undefined) and ties
// modules that should change apart. Type-only imports count too: they tie designs together.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './importGraph.js';

const REPO = path.join(import.meta.dirname, '../..');

// [sources, a file and one of its imports (the walk sees real edges), least number of files]
const PACKAGES: Array<[string, [string, string], number]> = [
  ['runtime/src', ['consumer/ConsumerInstance.ts', 'consumer/decideFailure.ts'], 100],
  ['cli/src', ['commands/check.ts', 'check/runCheck.ts'], 50],
  ['templates/src', ['registryFile.ts', 'lib/runtimeImports.ts'], 10],
];

describe.each(PACKAGES)('%s imports', (sources, [file, imported], least) => {
  it('form no cycle (value and type imports alike)', () => {
    const graph = importGraph(path.join(REPO, sources));
    expect(graph.size).toBeGreaterThan(least);
    expect(graph.get(file)).toContain(imported);
    expect(importCycles(graph)).toEqual([]);
  });
});

describe('the import graph walker', () => {
  it('the walker finds a cycle when there is one: a → b → c → a, a type import closing it, and a file importing itself', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ksdk-import-graph-'));
    try {
      await writeFile(path.join(dir, 'a.ts'), "import { b } from './b.js';\nexport const a = () => b;\n");
      await writeFile(path.join(dir, 'b.ts'), "export {\n  c as b,\n} from './c.js';\n");
      await writeFile(path.join(dir, 'c.ts'), "import type { A } from './d.js';\nexport const c = async () => (await import('./a.js')).a as unknown as A;\n");
      await writeFile(path.join(dir, 'd.ts'), 'export type A = number;\n');
      await writeFile(path.join(dir, 'e.ts'), "import * as self from './e.js';\nexport const e = self;\n");
      const graph = importGraph(dir);
      expect(graph.get('c.ts')).toEqual(['a.ts', 'd.ts']);
      expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
