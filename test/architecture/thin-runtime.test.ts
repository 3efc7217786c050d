import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const GENERATOR_ONLY = ['ts-morph', 'oclif', '@oclif/core', 'json-schema-to-typescript', 'yaml'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

interface NpmTree {
  dependencies?: Record<string, NpmTree>;
}

function packageNames(tree: NpmTree, into = new Set<string>()): Set<string> {
  for (const [name, child] of Object.entries(tree.dependencies ?? {})) {
    into.add(name);
    packageNames(child, into);
  }
  return into;
}

describe('the runtime stays thin', () => {
  it('never imports from cli/ or a generator-only package', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(join(root, 'runtime/src'))) {
      const text = readFileSync(file, 'utf8');
      for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const target = spec!;
        const intoCli = target.startsWith('.') && relative(root, join(file, '..', target)).startsWith('cli');
        if (intoCli || GENERATOR_ONLY.some((p) => target === p || target.startsWith(`${p}/`))) offenders.push(`${relative(root, file)} → ${target}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps generator packages out of an application’s production dependency tree', () => {
    const out = execFileSync('npm', ['ls', '--workspace=generated-example', '--omit=dev', '--all', '--json'], { cwd: root, encoding: 'utf8' });
    const names = packageNames(JSON.parse(out) as NpmTree);
    expect(names.has('@ksdk/runtime')).toBe(true);
    expect(names.has('kafkajs')).toBe(true);
    expect(GENERATOR_ONLY.filter((p) => names.has(p))).toEqual([]);
    expect(names.has('@ksdk/cli')).toBe(false);
  });

  it('generated code imports only @ksdk/runtime and its own files', () => {
    const dir = join(root, 'generated-example/src/generated');
    const imports = new Set<string>();
    const walk = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
    for (const file of walk(dir).filter((f) => /\.(ts|js)$/.test(f))) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)) if (!spec!.startsWith('.')) imports.add(spec!);
    }
    expect([...imports].sort()).toEqual(expect.arrayContaining(['@ksdk/runtime']));
    expect([...imports].filter((i) => !i.startsWith('@ksdk/runtime'))).toEqual([]);
  });
});
