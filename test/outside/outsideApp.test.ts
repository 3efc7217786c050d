import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTree, REPO, tempDir } from '../generator/helpers.js';
import { deleteTopics, readAll } from '../helpers/kafka.js';
import { javaPartition } from '@ksdk/runtime/wire';
import { appSource, readmeSource, type AppNames } from './appSource.js';

/**
 * ksdk as a new user meets it: the three packages packed with `npm pack`,
 * installed from the tarballs into fresh apps outside the repository (an ES
 * module app and a CommonJS one, as `npm init -y` makes it), `ksdk init` and
 * `ksdk generate`, compiled with the app's own `tsc` (configured by
 * `tsc --init`, no allowJs), and run with `node` against the broker: publish,
 * handler, a failing message in the dead-letter topic (read back from the
 * broker), and a process that ends by itself after `stop()`/`close()`.
 */

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Milliseconds from the first `RESULT ` line on stdout to the exit (undefined without one). */
  msAfterResult: number | undefined;
}

/** npm's own variables (this runs under `npm test`) must not steer the app's npm. */
const ENV: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE_OPTIONS' && !k.startsWith('VITEST')));

const BROKERS = process.env.KSDK_BROKERS ?? '127.0.0.1:9092';
const started = Date.now();
function progress(text: string): void {
  process.stdout.write(`outside-app [${((Date.now() - started) / 1000).toFixed(1)} s] ${text}\n`);
}

/** Runs a command to its end (killed after `timeoutMs`), capturing its output. */
function run(cwd: string, command: string, args: readonly string[], timeoutMs = 180_000): Promise<Ran> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let resultAt: number | undefined;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (resultAt === undefined && /^RESULT /m.test(stdout)) resultAt = Date.now();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - t0, msAfterResult: resultAt === undefined ? undefined : Date.now() - resultAt });
    });
  });
}

/** Like `run`, and fails the test with the command's output unless it exits 0. */
async function ok(cwd: string, command: string, ...args: string[]): Promise<Ran> {
  const ran = await run(cwd, command, args);
  expect(ran.code, `${command} ${args.join(' ')} exited ${ran.code ?? ran.signal}\n${ran.stdout}\n${ran.stderr}`).toBe(0);
  return ran;
}

let tarballs: { runtime: string; templates: string; cli: string };
const topics: string[] = [];

beforeAll(async () => {
  expect(existsSync(path.join(REPO, 'cli/dist/commands/init.js')), 'build first: npm run build').toBe(true);
  const out = await tempDir('ksdk-tarballs-');
  progress('npm pack -w runtime -w templates -w cli');
  await ok(REPO, 'npm', 'pack', '--pack-destination', out, '-w', 'runtime', '-w', 'templates', '-w', 'cli');
  const files = await readdir(out);
  const find = (name: string) => path.join(out, files.find((f) => f.startsWith(`ksdk-${name}-`)) ?? `missing ksdk-${name}`);
  tarballs = { runtime: find('runtime'), templates: find('templates'), cli: find('cli') };
  for (const t of Object.values(tarballs)) expect(existsSync(t), t).toBe(true);
}, 120_000);

afterAll(async () => {
  if (topics.length > 0) await deleteTopics(topics).catch(() => undefined);
});

const hashOf = async (dir: string) => createHash('sha256').update(JSON.stringify([...(await readTree(dir))])).digest('hex');

// The ES module app gets the TypeScript `npm install typescript` installs today (7, the native
// compiler); the CommonJS app the oldest one the README supports for it (5.8+, `require` of ESM).
describe.each([
  ['ESM', 'module', '7.0.2'],
  ['CommonJS', 'commonjs', '5.9.3'],
] as const)('an app outside the repository (%s, TypeScript %s)', (variant, type, typescript) => {
  it('installs the packed packages, scaffolds, generates, compiles with plain tsc, and runs against the broker', async () => {
    // Letters and digits, always a digit followed by a lower-case letter (`OrderEsm1b…`): the names the type generator renames (typeName).
    const tag = `${variant.slice(0, 3).toLowerCase()}1b${[...randomBytes(5)].map((b) => (b % 36).toString(36)).join('')}`;
    const app = await tempDir(`ksdk-outside-${tag}-`);
    expect(path.relative(REPO, app).startsWith('..'), 'the app is outside the repository').toBe(true);
    expect(app.startsWith(tmpdir())).toBe(true);
    const step = (text: string) => progress(`${variant}: ${text}`);

    step(`npm init -y in ${app}`);
    await ok(app, 'npm', 'init', '-y');
    await ok(app, 'npm', 'pkg', 'set', `type=${type}`);
    // As a user would after `npm install @ksdk/runtime` and `npm install -D @ksdk/cli typescript`,
    // from the tarballs; @ksdk/templates comes with the CLI (from the registry, once published).
    await ok(
      app,
      'npm',
      'pkg',
      'set',
      `dependencies.@ksdk/runtime=file:${tarballs.runtime}`,
      `devDependencies.@ksdk/cli=file:${tarballs.cli}`,
      `devDependencies.@ksdk/templates=file:${tarballs.templates}`,
      `devDependencies.typescript=${typescript}`,
      'devDependencies.@types/node=20.19.9',
    );
    step('npm install --prefer-offline');
    const installed = await ok(app, 'npm', 'install', '--prefer-offline', '--no-audit', '--no-fund');
    step(`installed in ${(installed.ms / 1000).toFixed(1)} s`);

    // The app's production dependencies hold no generator package.
    const prodTree = await ok(app, 'npm', 'ls', '--omit=dev', '--all', '--parseable');
    expect(prodTree.stdout).toContain(`${path.sep}@ksdk${path.sep}runtime`);
    for (const pkg of ['ts-morph', '@oclif', 'json-schema-to-typescript', '@ksdk/cli', '@ksdk/templates']) expect(prodTree.stdout).not.toContain(`node_modules/${pkg}`);

    step('npx ksdk --help');
    const help = await ok(app, 'npx', '--no', '--', 'ksdk', '--help');
    // Every command the CLI has (a folder of commands is listed as its topic), from the built CLI.
    const commands = (await readdir(path.join(REPO, 'cli/dist/commands'), { withFileTypes: true }))
      .flatMap((e) => (e.isDirectory() ? [e.name] : e.name.endsWith('.js') ? [e.name.slice(0, -3)] : []))
      .sort();
    expect(commands).toEqual(expect.arrayContaining(['check', 'generate', 'init', 'lock']));
    for (const command of commands) expect(help.stdout, command).toMatch(new RegExp(`^ {2}${command} `, 'm'));
    expect(help.stderr).not.toMatch(/ModuleLoadError|MODULE_NOT_FOUND/);
    expect(existsSync(path.join(app, 'node_modules/@ksdk/cli/schemas/ksdk-manifest.schema.json'))).toBe(true);

    const message = `Order${tag.charAt(0).toUpperCase()}${tag.slice(1)}`;
    step(`npx ksdk init --message ${message}`);
    const init = await ok(app, 'npx', '--no', '--', 'ksdk', 'init', '--message', message);
    const kebab = message.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
    expect(init.stdout).toContain(`created  schemas/${kebab}.schema.json`);
    expect(init.stdout).toContain('npx ksdk generate');
    const names: AppNames = {
      message,
      producer: `${message}Producer`,
      subscription: `${message.charAt(0).toLowerCase()}${message.slice(1)}Handler`,
      topic: kebab,
      deadLetterTopic: `${kebab}.dlt`,
    };
    topics.push(names.topic, names.deadLetterTopic);

    // init refuses to overwrite (the same files, or the default ones: ksdk.yaml exists).
    const before = await hashOf(app);
    for (const args of [['--message', message], []]) {
      const again = await run(app, 'npx', ['--no', '--', 'ksdk', 'init', ...args]);
      expect(again.code, again.stderr).toBe(3);
      expect(again.stderr).toContain('ksdk.yaml: exists already');
    }
    expect(await hashOf(app)).toBe(before);

    step('npx ksdk generate');
    const generated = await ok(app, 'npx', '--no', '--', 'ksdk', 'generate');
    expect(generated.stdout).toContain('validators/index.ts');

    // The manifest's topics (ksdk init declared them), created by the CLI; a second run creates nothing.
    step(`npx ksdk topics apply --brokers ${BROKERS}`);
    const topicsOf = (ran: Ran) => (JSON.parse(ran.stdout) as { topics: Array<{ name: string; status: string }> }).topics.map((t) => `${t.name}: ${t.status}`).sort();
    const applied = await ok(app, 'npx', '--no', '--', 'ksdk', 'topics', 'apply', '--brokers', BROKERS, '--json');
    expect(topicsOf(applied)).toEqual([`${names.topic}.dlt: created`, `${names.topic}: created`].sort());
    const reapplied = await ok(app, 'npx', '--no', '--', 'ksdk', 'topics', 'apply', '--brokers', BROKERS, '--json');
    expect(topicsOf(reapplied)).toEqual([`${names.topic}.dlt: exists`, `${names.topic}: exists`].sort());

    step(`npx tsc --init, npx tsc (TypeScript ${typescript})`);
    // The app's own tsconfig, as `tsc --init` writes it; a CommonJS app turns off
    // verbatimModuleSyntax (which forbids `import` in CommonJS files, its own included).
    await ok(app, 'npx', '--no', '--', 'tsc', '--init', '--rootDir', 'src', '--outDir', 'dist', '--types', 'node', ...(type === 'commonjs' ? ['--verbatimModuleSyntax', 'false'] : []));
    expect(await readFile(path.join(app, 'tsconfig.json'), 'utf8')).not.toMatch(/^\s*"allowJs"/m);
    await mkdir(path.join(app, 'src'), { recursive: true });
    await writeFile(path.join(app, 'src/main.ts'), appSource(names));
    await writeFile(path.join(app, 'src/readme.ts'), readmeSource(await readFile(path.join(REPO, 'README.md'), 'utf8'), names, BROKERS));
    const tsc = await run(app, 'npx', ['--no', '--', 'tsc']);
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
    expect(tsc.code).toBe(0);
    for (const f of ['main.js', 'readme.js', 'generated/index.js', 'generated/validators/index.js', 'generated/validators/draft-07.js']) expect(existsSync(path.join(app, 'dist', f)), f).toBe(true);
    if (type === 'commonjs') expect(await readFile(path.join(app, 'dist/main.js'), 'utf8')).toContain('require("@ksdk/runtime")');

    step('node dist/main.js (publish, handle, dead-letter, stop, close)');
    const app$ = await run(app, process.execPath, ['dist/main.js'], 120_000);
    step(`node exited ${app$.code ?? app$.signal} after ${(app$.ms / 1000).toFixed(1)} s, ${app$.msAfterResult ?? '?'} ms after its last line`);
    // Exit 0 by itself, promptly: nothing (socket, timer) keeps the process alive after stop() and close().
    expect(app$.signal, app$.stderr).toBeNull();
    expect(app$.code, app$.stderr).toBe(0);
    expect(app$.msAfterResult, 'the process lingered after close()').toBeLessThan(10_000);
    const line = app$.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    expect(line, `${app$.stdout}\n${app$.stderr}`).toBeDefined();
    const result = JSON.parse((line as string).slice('RESULT '.length)) as {
      good: string;
      bad: string;
      handled: string[];
      deadLettered: string[];
      refused: string;
      entryPoints: Record<string, unknown>;
    };
    expect(result.refused).toBe('ValidationError KSDK_VALIDATION');
    // Every subpath of the package loads in the app (tsc resolved their types above).
    expect(result.entryPoints).toEqual({
      codegen: '@ksdk/runtime/codegen',
      otel: '@ksdk/runtime',
      testing: 'function',
      transport: 3,
      validation: 'object',
      wire: javaPartition('c-42', 12),
    });
    expect(result.handled).toEqual(['order-1']);
    expect(result.deadLettered).toEqual([result.bad]);

    // What the broker holds: the two valid messages on the topic (the invalid one was never
    // sent), and exactly the failing one on the dead-letter topic, with the reason.
    const sent = await readAll(names.topic);
    expect(sent.map((r) => (JSON.parse(String(r.value)) as { id: string }).id).sort()).toEqual([result.good, result.bad].sort());
    const dead = await readAll(names.deadLetterTopic);
    expect(dead).toHaveLength(1);
    const record = dead[0]!;
    expect((JSON.parse(String(record.value)) as { id: string; data: { note?: string } }).id).toBe(result.bad);
    const header = (name: string) => String(record.headers[name] ?? '');
    expect(header('ksdk-original-topic')).toBe(names.topic);
    expect(header('ksdk-attempts')).toBe('3');
    expect(header('ksdk-failure-reason')).not.toBe('');
    step(`dead-letter record: reason ${header('ksdk-failure-reason')}, attempts ${header('ksdk-attempts')}`);

    step('node dist/readme.js (the README quick start)');
    const readme = await run(app, process.execPath, ['dist/readme.js'], 60_000);
    expect(readme.code, `${readme.stdout}\n${readme.stderr}`).toBe(0);
    // The handler prints the CloudEvents extension the quick start publishes with.
    expect(readme.stdout).toBe('order o-1 42 eu-west-1\n');

    if (type === 'commonjs') {
      // Older CommonJS settings: classic `module: commonjs` (node10 resolution) compiles too;
      // `module: node16` cannot require an ES module, and tsc says so at compile time.
      step('tsc --module commonjs --moduleResolution node10; tsc --module node16');
      const node10 = await run(app, 'npx', ['--no', '--', 'tsc', '--noEmit', '--module', 'commonjs', '--moduleResolution', 'node10']);
      expect(`${node10.stdout}${node10.stderr}`).toBe('');
      expect(node10.code).toBe(0);
      const node16 = await run(app, 'npx', ['--no', '--', 'tsc', '--noEmit', '--module', 'node16', '--moduleResolution', 'node16']);
      expect(node16.code).not.toBe(0);
      expect(node16.stdout).toContain("error TS1479: The current file is a CommonJS module whose imports will produce 'require' calls; however, the referenced file is an ECMAScript module");
    }
  }, 300_000);
});
