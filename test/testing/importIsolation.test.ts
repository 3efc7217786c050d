// Importing `@ksdk/runtime/testing` must not load kafkajs (nor open connections): an
// application's unit tests import it next to their handlers, with no broker anywhere.
// Nor must `@ksdk/runtime/codegen`: the generator imports its `symbols` table.
// Checked on the compiled entry in a fresh Node process, because vitest's own module
// graph would hide what plain Node loads. The runtime's main entry is the control:
// it does load kafkajs, which shows the check can see it.
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
// Inside the repo so the compiled files resolve kafkajs, ajv... from node_modules.
const outDir = join(root, 'node_modules', '.cache', `ksdk-import-isolation-${process.pid}`);

/** Imports `entry` in a fresh Node process; returns the kafkajs files in its module cache. */
async function kafkajsModulesAfterImporting(entry: string): Promise<string[]> {
  const script = [
    `await import(${JSON.stringify(entry)});`,
    `const { createRequire } = await import('node:module');`,
    `const cache = createRequire(import.meta.url).cache;`,
    `console.log(JSON.stringify(Object.keys(cache).filter((file) => file.includes('/kafkajs/'))));`,
  ].join('\n');
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
  return JSON.parse(stdout.trim()) as string[];
}

describe('@ksdk/runtime/testing', () => {
  beforeAll(async () => {
    // Compile the current sources (type errors elsewhere do not stop the emit).
    await run(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'runtime', '--outDir', outDir, '--composite', 'false', '--declaration', 'false', '--declarationMap', 'false', '--sourceMap', 'false', '--incremental', 'false'],
      { cwd: root },
    ).catch((err: { stdout?: string }) => {
      if (!existsSync(join(outDir, 'testing', 'index.js'))) throw new Error(`tsc emitted nothing: ${err.stdout ?? String(err)}`);
    });
  }, 120_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('loads no kafkajs when imported', async () => {
    expect(await kafkajsModulesAfterImporting(join(outDir, 'testing', 'index.js'))).toEqual([]);
  });

  const built = join(root, 'runtime', 'dist', 'testing', 'index.js');
  it.runIf(existsSync(built))('loads no kafkajs from the built package entry (runtime/dist)', async () => {
    expect(await kafkajsModulesAfterImporting(built)).toEqual([]);
  });

  it('(and @ksdk/runtime/codegen, which the generator imports, loads no kafkajs either)', async () => {
    expect(await kafkajsModulesAfterImporting(join(outDir, 'codegen', 'index.js'))).toEqual([]);
  });

  it('(control: the main entry does load kafkajs, so the check would see it)', async () => {
    expect((await kafkajsModulesAfterImporting(join(outDir, 'index.js'))).length).toBeGreaterThan(0);
  });

  it('produces and stores records without loading kafkajs', async () => {
    const entry = JSON.stringify(join(outDir, 'testing', 'index.js'));
    const script = [
      `const { InMemoryKafka } = await import(${entry});`,
      `const { createRequire } = await import('node:module');`,
      `const cache = createRequire(import.meta.url).cache;`,
      `const kafka = new InMemoryKafka({ topics: { t: 2 } });`,
      `const producer = kafka.createProducer();`,
      `await producer.connect();`,
      `await producer.send({ topic: 't', messages: [{ key: 'k', value: 'v' }] });`,
      `console.log(JSON.stringify({ records: kafka.records('t').length, kafkajs: Object.keys(cache).some((f) => f.includes('/kafkajs/')) }));`,
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
    expect(JSON.parse(stdout.trim())).toEqual({ records: 1, kafkajs: false });
  });
});
