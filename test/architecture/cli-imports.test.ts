// The CLI's modules form no import cycle (issue 16): an import cycle makes load order
// matter (a value imported before its module finished loading is undefined) and ties
// modules that should change apart. Type-only imports count too: they tie designs together.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './importGraph.js';

const CLI_SRC = path.join(import.meta.dirname, '../../cli/src');

describe('cli/src imports', () => {
  it('form no cycle (value and type imports alike)', () => {
    const graph = importGraph(CLI_SRC);
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('commands/check.ts')).toContain('check/runCheck.ts');
    expect(importCycles(graph)).toEqual([]);
  });

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
