import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../cli/src/index.js';
import { EXAMPLE, project, readTree, REPO, tempDir } from './helpers.js';
import { generateCase, schemaCases } from './schemaCases.js';

const TSC = path.join(REPO, 'node_modules/typescript/bin/tsc');
const RUNTIME_TYPES = path.join(REPO, 'runtime/dist/index.d.ts');
/** Every entry point of `@ksdk/runtime` (its package.json `exports`), mapped to the built declarations. */
const RUNTIME_PATHS = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(path.join(REPO, 'runtime/package.json'), 'utf8')).exports as Record<string, string | { types?: string }>).flatMap(([subpath, target]) =>
    typeof target === 'object' && target.types ? [[`@ksdk/runtime${subpath.slice(1)}`, [path.join(REPO, 'runtime', target.types)]]] : [],
  ),
);

/**
 * Runs `tsc --strict --noEmit` over `files`, with `@ksdk/runtime` and its subpaths resolved to
 * the built runtime's declarations (`npm run build` first). Returns tsc's output.
 */
async function typeCheck(files: string[]): Promise<{ status: number | null; output: string }> {
  expect(existsSync(RUNTIME_TYPES), 'the runtime must be built first: npm run build').toBe(true);
  const dir = await tempDir('ksdk-tsc-');
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2023'],
      types: ['node'],
      typeRoots: [path.join(REPO, 'node_modules/@types')],
      strict: true,
      noImplicitAny: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      exactOptionalPropertyTypes: false,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      skipLibCheck: true,
      noEmit: true,
      paths: RUNTIME_PATHS,
    },
    files,
  };
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const run = spawnSync(process.execPath, [TSC, '-p', path.join(dir, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('generated code compiles under tsc --strict', () => {
  it('the committed example client, and the compile-time tests of its types (wrong handler types, misspelt partition-key properties do not compile)', async () => {
    const generated = [...(await readTree(path.join(EXAMPLE, 'src/generated'))).keys()]
      .filter((f) => f.endsWith('.ts'))
      .map((f) => path.join(EXAMPLE, 'src/generated', f));
    const result = await typeCheck([...generated, path.join(REPO, 'test/generator/compile/typedApi.ts')]);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('each @ts-expect-error in the compile-time tests marks a real type error', async () => {
    // Without the directives, exactly the marked lines fail to compile.
    const source = await readFile(path.join(REPO, 'test/generator/compile/typedApi.ts'), 'utf8');
    const lines = source.split('\n');
    const expected = lines.flatMap((l, i) => (l.includes('// @ts-expect-error') ? [i + 2] : []));
    const dir = await tempDir('ksdk-expect-');
    await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    const stripped = path.join(dir, 'typedApi.ts');
    await writeFile(
      stripped,
      source.replace(/\/\/ @ts-expect-error.*$/gm, '// (expected error)').replaceAll('../../../generated-example/', `${path.join(REPO, 'generated-example')}/`),
    );
    const result = await typeCheck([stripped]);
    const failing = [...new Set(result.output.split('\n').flatMap((l) => /^\S*typedApi\.ts\((\d+),/.exec(l)?.[1] ?? []))].map(Number);
    expect(failing.sort((a, b) => a - b), result.output).toEqual(expected);
  });

  it('every schema edge case', async () => {
    const files: string[] = [];
    for (const [, c] of schemaCases) {
      const out = await generateCase(c);
      for (const f of (await readTree(out)).keys()) if (f.endsWith('.ts')) files.push(path.join(out, f));
    }
    const result = await typeCheck(files);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('every partition-key strategy, including a custom key function from the project', async () => {
    const schema = { type: 'object', required: ['orderId'], properties: { orderId: { type: 'string' }, region: { type: 'string' } } };
    const strategies: Record<string, string> = {
      ById: '{ strategy: message-id }',
      ByUniqueKey: '{ strategy: unique-key }',
      RoundRobin: '{ strategy: round-robin }',
      Sticky: '{ strategy: sticky, duration: 250ms }',
      Windowed: '{ strategy: time-window, window: 1m }',
      ByRegion: '{ strategy: property, property: region }',
      Hashed: '{ strategy: murmur3, property: orderId }',
      Custom: '{ strategy: custom, module: src/keys.ts, export: orderKey }',
    };
    const manifest = [
      'source: urn:ksdk:test',
      'messages:',
      ...Object.entries(strategies).flatMap(([name, key]) => [`  ${name}:`, '    schema: schemas/order.json', '    topic: orders', `    partitionKey: ${key}`]),
      '',
    ].join('\n');
    const keys = 'export function orderKey(message: { orderId: string }, now: number): string {\n  return `${message.orderId}-${Math.floor(now / 1000)}`;\n}\n';
    const dir = await project({ 'ksdk.yaml': manifest, 'schemas/order.json': schema, 'src/keys.ts': keys, 'package.json': { type: 'module' } });
    await generate('ksdk.yaml', { cwd: dir });
    const registry = await readFile(path.join(dir, 'src/generated/registry.ts'), 'utf8');
    await expect(registry).toMatchFileSnapshot('__snapshots__/registry-partition-keys.ts.snap');
    const generated = [...(await readTree(path.join(dir, 'src/generated'))).keys()].filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, 'src/generated', f));
    const result = await typeCheck([...generated, path.join(dir, 'src/keys.ts')]);
    expect(result.output).toBe('');
  });
});
