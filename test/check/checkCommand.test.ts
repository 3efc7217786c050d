import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runKsdk } from '../cli/runKsdk.js';
import { COMMON, gitProject, orderPlaced, removeDir, writeFiles } from './projectFixture.js';

const CLI_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../cli');

/** Runs `ksdk check` or `ksdk lock` (the built CLI) in this process, capturing stdout/stderr and the exit code. */
function run(command: 'check' | 'lock', argv: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  return runKsdk(command, argv);
}

let dir: string;
beforeEach(async () => {
  dir = await gitProject();
});
afterEach(async () => {
  await removeDir(dir);
});

describe('ksdk check (command)', () => {
  it('exits 0 and prints the report when compatible', async () => {
    const { stdout, exitCode } = await run('check', ['--cwd', dir, '--baseline', 'HEAD']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('ksdk check against git ref HEAD');
    expect(stdout).toContain('compatible: 2 message(s)');
  });

  it('exits 1 when incompatible; --json prints the typed report', async () => {
    await writeFiles(dir, { 'schemas/common.schema.json': { ...COMMON, $defs: { Money: { type: 'integer', minimum: 0 } } } });
    const { stdout, exitCode } = await run('check', ['--cwd', dir, '--baseline', 'HEAD', '--json']);
    expect(exitCode).toBe(1);
    const report = JSON.parse(stdout);
    expect(Object.keys(report).sort()).toEqual(['baseline', 'compatible', 'lenient', 'messages', 'mode', 'summary', 'warnings']);
    expect(report).toMatchObject({ compatible: false, mode: 'BACKWARD', baseline: { kind: 'git', ref: 'HEAD' } });
    const placed = report.messages.find((m: { name: string }) => m.name === 'OrderPlaced');
    expect(placed.findings).toEqual([
      {
        kind: 'schema',
        pointer: '/properties/total/type',
        rule: 'TYPE_NARROWED',
        message: 'type number → integer',
        backward: { compatible: false, registryRule: 'TYPE_NARROWED' },
        forward: { compatible: true, registryRule: 'TYPE_EXTENDED' },
        verdicts: { BACKWARD: 'incompatible', FORWARD: 'compatible', FULL: 'incompatible' },
        verdict: 'incompatible',
        breaks: 'backward',
        hint: expect.any(String),
      },
    ]);
  });

  it('--lenient accepts an optional property added to an open content model', async () => {
    await writeFiles(dir, { 'schemas/order-placed.schema.json': orderPlaced({}, { additionalProperties: true }) });
    await run('check', ['--cwd', dir, '--baseline', 'HEAD']);
    const { gitIn } = await import('./projectFixture.js');
    gitIn(dir, 'commit', '-qam', 'open model');
    await writeFiles(dir, { 'schemas/order-placed.schema.json': orderPlaced({ note: { type: 'string' } }, { additionalProperties: true }) });
    expect((await run('check', ['--cwd', dir, '--baseline', 'HEAD'])).exitCode).toBe(1);
    expect((await run('check', ['--cwd', dir, '--baseline', 'HEAD', '--lenient'])).exitCode).toBe(0);
  });

  it('exits 2 with a clear error for a baseline that does not exist', async () => {
    const { stderr, exitCode } = await run('check', ['--cwd', dir, '--baseline', 'no-such-branch']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('baseline "no-such-branch" is neither a folder, a lock file nor a git ref');
  });

  it('exits 2 for an unknown mode', async () => {
    const { exitCode } = await run('check', ['--cwd', dir, '--baseline', 'HEAD', '--mode', 'SIDEWAYS']);
    expect(exitCode).toBe(2);
  });

  it('--json errors carry the stable code, in the one error shape of every command (docs/cli.md)', async () => {
    const { stdout, exitCode } = await run('check', ['--cwd', dir, '--baseline', 'no-such-branch', '--json']);
    expect(exitCode).toBe(2);
    expect(JSON.parse(stdout)).toEqual({
      error: {
        code: 'KSDK_BASELINE_NOT_FOUND',
        message: expect.stringContaining('no-such-branch'),
        issues: [],
        suggestions: expect.arrayContaining(['another checkout: --baseline ../main']),
      },
    });
  });
});

describe('ksdk lock (command)', () => {
  it('writes the lock file, then --check exits 0 until a schema changes', async () => {
    expect((await run('lock', ['--cwd', dir])).exitCode).toBe(0);
    expect((await run('lock', ['--cwd', dir, '--check'])).exitCode).toBe(0);
    await writeFiles(dir, { 'schemas/order-placed.schema.json': orderPlaced({ note: { type: 'string' } }) });
    expect((await run('lock', ['--cwd', dir, '--check'])).exitCode).toBe(1);
    expect((await run('check', ['--cwd', dir])).exitCode).toBe(0);
  });
});

describe('the real bin', () => {
  const bin = path.join(CLI_ROOT, 'bin/run.js');
  const built = existsSync(path.join(CLI_ROOT, 'dist/commands/check.js'));
  it.skipIf(!built)('exits 1 for an incompatible change and 2 for a missing baseline (needs `npm run build`)', async () => {
    await writeFiles(dir, { 'schemas/order-placed.schema.json': orderPlaced({ orderId: { type: 'integer' } }) });
    const incompatible = spawnSync(process.execPath, [bin, 'check', '--cwd', dir, '--baseline', 'HEAD', '--json'], { encoding: 'utf8' });
    expect(incompatible.status).toBe(1);
    expect(JSON.parse(incompatible.stdout).compatible).toBe(false);
    const missing = spawnSync(process.execPath, [bin, 'check', '--cwd', dir, '--baseline', 'no-such-ref'], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('KSDK_BASELINE_NOT_FOUND');
  });
});
