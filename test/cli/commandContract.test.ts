// What every ksdk command shares (issue 16, docs/cli.md): the flags --manifest, --cwd and
// --json from one base command, one exit-code table, and one error shape, with --json too.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Config } from '@oclif/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KsdkCommand } from '../../cli/src/command/KsdkCommand.js';
import { ERROR_EXIT, EXIT, type CliErrorCode } from '../../cli/src/index.js';
import { runKsdk } from './runKsdk.js';

const REPO = path.join(import.meta.dirname, '../..');
const CLI_ROOT = path.join(REPO, 'cli');
const COMMANDS_DIR = path.join(CLI_ROOT, 'src/commands');

/** Command ids (`topics:apply`) → source file, from cli/src/commands as oclif's `pattern` strategy finds them. */
function commandFiles(dir = COMMANDS_DIR, prefix = ''): Array<[string, string]> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e): Array<[string, string]> =>
    e.isDirectory() ? commandFiles(path.join(dir, e.name), `${prefix}${e.name}:`) : e.name.endsWith('.ts') ? [[`${prefix}${e.name.slice(0, -3)}`, path.join(dir, e.name)]] : [],
  );
}
const COMMANDS = commandFiles();

let config: Config;
let empty: string;
let taken: string;
beforeAll(async () => {
  config = await Config.load(CLI_ROOT);
  empty = await mkdtemp(path.join(tmpdir(), 'ksdk-cli-empty-'));
  taken = await mkdtemp(path.join(tmpdir(), 'ksdk-cli-taken-'));
  await writeFile(path.join(taken, 'ksdk.yaml'), 'source: urn:mine\nmessages: {}\n');
});
afterAll(async () => {
  for (const dir of [empty, taken]) await rm(dir, { recursive: true, force: true });
});

async function ksdk(id: string, argv: string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string; exit: number }> {
  const { stdout, stderr, exitCode } = await runKsdk(id, argv, env);
  return { stdout, stderr, exit: exitCode };
}

describe('every command', () => {
  it('is one of the five the docs name', () => {
    expect(COMMANDS.map(([id]) => id).sort()).toEqual(['check', 'generate', 'init', 'lock', 'topics:apply']);
  });

  it.each(COMMANDS)('%s extends KsdkCommand and has the shared flags --manifest, --cwd and --json', async (id, file) => {
    const command = ((await import(file)) as { default: typeof KsdkCommand }).default;
    expect(command.prototype).toBeInstanceOf(KsdkCommand);
    const loaded = await config.findCommand(id)!.load();
    const flags = { ...loaded.baseFlags, ...loaded.flags };
    expect(flags.manifest).toMatchObject({ char: 'm', default: 'ksdk.yaml' });
    expect(flags.cwd).toBeDefined();
    expect(loaded.enableJsonFlag).toBe(true);
  });
});

/** A failure of each command: [id, argv, env, code]. */
const FAILURES: Array<[string, (dirs: { empty: string; taken: string }) => string[], Record<string, string>, CliErrorCode]> = [
  ['generate', ({ empty }) => ['--cwd', empty], {}, 'KSDK_MANIFEST_NOT_FOUND'],
  ['check', ({ empty }) => ['--cwd', empty], {}, 'KSDK_MANIFEST_NOT_FOUND'],
  ['lock', ({ empty }) => ['--cwd', empty], {}, 'KSDK_MANIFEST_NOT_FOUND'],
  ['init', ({ taken }) => ['--cwd', taken], {}, 'KSDK_OUTPUT_CONFLICT'],
  ['init', ({ empty }) => ['--cwd', empty, '--manifest', 'ksdk.json'], {}, 'KSDK_USAGE'],
  ['topics:apply', ({ empty }) => ['--cwd', empty], { KSDK_BROKERS: '' }, 'KSDK_NO_BROKERS'],
  ...COMMANDS.map(([id]): (typeof FAILURES)[number] => [id, () => ['--no-such-flag'], {}, 'KSDK_USAGE']),
];

describe('one error shape and one exit-code table', () => {
  it.each(FAILURES)('%s %#: --json prints { error: { code, message, issues, suggestions } } and exits with the code’s exit code', async (id, argv, env, code) => {
    const { stdout, exit } = await ksdk(id, [...argv({ empty, taken }), '--json'], env);
    const body = JSON.parse(stdout) as { error: Record<string, unknown> };
    expect(Object.keys(body)).toEqual(['error']);
    expect(Object.keys(body.error).sort()).toEqual(['code', 'issues', 'message', 'suggestions']);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toEqual(expect.any(String));
    expect(body.error.issues).toEqual(expect.any(Array));
    expect(body.error.suggestions).toEqual(expect.any(Array));
    expect(exit).toBe(ERROR_EXIT[code]);
  });

  it.each(FAILURES.filter(([, , , code]) => code !== 'KSDK_USAGE'))('%s %#: without --json, `ksdk <command> failed (<code>):` and the issues on stderr, the same exit code', async (id, argv, env, code) => {
    const { stdout, stderr, exit } = await ksdk(id, argv({ empty, taken }), env);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(`ksdk ${id.replace(':', ' ')} failed (${code}):`);
    expect(exit).toBe(ERROR_EXIT[code]);
  });

  it('a located issue is `file:line:column pointer: message` on stderr and an entry of `issues` with --json', async () => {
    const human = await ksdk('init', ['--cwd', taken]);
    expect(human.stderr).toContain('  ksdk.yaml: exists already; ksdk init never overwrites a file (nothing was written)\n');
    const json = JSON.parse((await ksdk('init', ['--cwd', taken, '--json'])).stdout) as { error: { issues: unknown[] } };
    expect(json.error.issues).toEqual([{ file: 'ksdk.yaml', message: 'exists already; ksdk init never overwrites a file (nothing was written)' }]);
  });

  it('an unknown flag without --json: oclif’s usage error, exit 2', async () => {
    const { stderr, exit } = await ksdk('generate', ['--no-such-flag']);
    expect(stderr).toContain('Nonexistent flag: --no-such-flag');
    expect(exit).toBe(EXIT.input);
  });
});

/** The real bin, as a user runs it: its exit code is what a CI step sees (runKsdk above runs commands in this process). */
function bin(argv: readonly string[]): Promise<{ stdout: string; stderr: string; exit: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(CLI_ROOT, 'bin/run.js'), ...argv], { cwd: empty, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (exit) => resolve({ stdout, stderr, exit }));
  });
}

/** Flag-parsing errors of `ksdk check` (issue 13 item 12): [what, argv after `check`, code, message]. */
const CHECK_USAGE: Array<[string, string[], CliErrorCode, RegExp]> = [
  ['an unknown flag', ['--no-such-flag'], 'KSDK_USAGE', /^Nonexistent flag: --no-such-flag/],
  ['--baseline without its value', ['--baseline'], 'KSDK_USAGE', /^Flag --baseline expects a value/],
  ['--cwd without its value', ['--cwd'], 'KSDK_USAGE', /^Flag --cwd expects a value/],
  ['a --baseline-kind not in the list', ['--baseline-kind', 'bogus'], 'KSDK_USAGE', /^Expected --baseline-kind=bogus to be one of: auto, git, folder, lock/],
  ['a --history-depth that is not an integer', ['--history-depth', 'abc'], 'KSDK_USAGE', /Expected an integer but received: abc/],
  // Without --json oclif first looks for a command `check:extra-arg` and says it found none (still exit 2).
  ['an argument ksdk check does not take', ['extra-arg'], 'KSDK_USAGE', /^Unexpected argument: extra-arg|command check:extra-arg not found/],
  ['an unknown --mode', ['--mode', 'bogus'], 'KSDK_CHECK_USAGE', /^unknown compatibility mode "bogus"/],
];

describe('usage errors through the bin (cli/bin/run.js): exit 2, never KSDK_INTERNAL', () => {
  it.each(CHECK_USAGE)('check with %s, --json: { error: { code } } on stdout, nothing on stderr', async (_what, argv, code, message) => {
    // --json first: after a flag that takes a value it would be read as that value.
    const { stdout, stderr, exit } = await bin(['check', '--json', ...argv]);
    expect(stderr).toBe('');
    const body = JSON.parse(stdout) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
    expect(exit).toBe(EXIT.input);
  });

  it.each(CHECK_USAGE)('check with %s, without --json: the error on stderr, nothing on stdout', async (_what, argv, _code, message) => {
    const { stdout, stderr, exit } = await bin(['check', ...argv]);
    expect(stdout).toBe('');
    // oclif wraps the message to the terminal and marks each line with ` ›`.
    const text = stderr.replace(/\s*›\s*/g, ' ').replace(/\s+/g, ' ');
    expect(text).toMatch(new RegExp(message.source.replaceAll('^', '')));
    expect(exit).toBe(EXIT.input);
  });

  it.each(COMMANDS.map(([id]) => [id]))('%s --json --no-such-flag: KSDK_USAGE, exit 2', async (id) => {
    const { stdout, exit } = await bin([...id.split(':'), '--json', '--no-such-flag']);
    expect((JSON.parse(stdout) as { error: { code: string } }).error.code).toBe('KSDK_USAGE');
    expect(exit).toBe(EXIT.input);
  });
});

describe('docs/cli.md', () => {
  const doc = readFileSync(path.join(REPO, 'docs/cli.md'), 'utf8');

  it('lists every error code with its exit code, and no other', () => {
    const rows = [...doc.matchAll(/^\| `(KSDK_[A-Z_]+)` \| (\d) \|/gm)].map((m) => [m[1], Number(m[2])]);
    expect(rows).toEqual(Object.entries(ERROR_EXIT));
  });

  it('explains every exit code', () => {
    const rows = [...doc.matchAll(/^\| `(\d)` \|/gm)].map((m) => Number(m[1]));
    expect(rows).toEqual(Object.values(EXIT));
  });
});
