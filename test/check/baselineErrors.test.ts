// An error in the baseline says it is in the baseline, and which one (issue 13 item 12):
// the manifest loader names `ksdk.yaml` or `schemas/x.json` as the working tree's files,
// which sent the user to a file that is fine. A folder's files are named by their path
// from the project, a git ref's as `git show` takes them (`ref:path`), a lock file's
// schemas by their place in the lock file, with the line.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCheck } from '../../cli/src/check/runCheck.js';
import { runLock } from '../../cli/src/check/runLock.js';
import { BASE_FILES, cliFailure, gitIn, gitProject, projects, writeFiles, type Files } from './projectFixture.js';

const BIN = path.join(import.meta.dirname, '../../cli/bin/run.js');
const SCHEMA = 'schemas/order-placed.schema.json';

const { project, track, cleanup } = projects();
afterEach(cleanup);
const failure = cliFailure;

/** A repository whose commit tagged v1 has a schema that is not JSON; the working tree's is fine. */
async function gitWithBrokenSchemaAtV1(files: Files = BASE_FILES, prefix = ''): Promise<{ repo: string; cwd: string }> {
  const repo = track(await gitProject(Object.fromEntries(Object.entries(files).map(([name, content]) => [`${prefix}${name}`, content]))));
  await writeFiles(repo, { [`${prefix}${SCHEMA}`]: '{ "type": "object",\n  broken\n}\n' });
  gitIn(repo, 'commit', '-qam', 'broken');
  gitIn(repo, 'tag', 'v1');
  await writeFiles(repo, { [`${prefix}${SCHEMA}`]: files[SCHEMA]! });
  return { repo, cwd: path.join(repo, prefix) };
}

describe('a git ref baseline', () => {
  it('whose schema is not JSON: the file as `ref:path`, the line, and the ref and commit', async () => {
    const { cwd } = await gitWithBrokenSchemaAtV1();
    const error = await failure(runCheck({ cwd, baseline: 'v1' }));
    expect(error.code).toBe('KSDK_SCHEMA_SYNTAX');
    expect(error.issues[0]).toMatchObject({ file: `v1:${SCHEMA}`, line: 2 });
    expect(error.issues[0]!.message).toMatch(/^in baseline git ref v1 \([0-9a-f]{7}\): not valid JSON/);
  });

  it('in a project below the repository root: the path is the one `git show ref:path` takes', async () => {
    const { repo, cwd } = await gitWithBrokenSchemaAtV1(BASE_FILES, 'services/orders/');
    const error = await failure(runCheck({ cwd, baseline: 'v1' }));
    expect(error.issues[0]!.file).toBe(`v1:services/orders/${SCHEMA}`);
    // The name leads to the broken text, read with git from anywhere in the repository.
    expect(execFileSync('git', ['show', error.issues[0]!.file], { cwd: repo, encoding: 'utf8' })).toContain('broken');
  });

  it('through the bin: exit 2, and stderr names the ref', async () => {
    const { cwd } = await gitWithBrokenSchemaAtV1();
    const human = spawnSync(process.execPath, [BIN, 'check', '--cwd', cwd, '--baseline', 'v1'], { encoding: 'utf8' });
    expect(human.status).toBe(2);
    expect(human.stderr).toMatch(new RegExp(`^  v1:${SCHEMA}:2:\\d+ /: in baseline git ref v1 \\([0-9a-f]{7}\\): not valid JSON`, 'm'));
    const json = spawnSync(process.execPath, [BIN, 'check', '--cwd', cwd, '--baseline', 'v1', '--json'], { encoding: 'utf8' });
    expect(json.status).toBe(2);
    expect((JSON.parse(json.stdout) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'KSDK_SCHEMA_SYNTAX', message: expect.stringContaining('in baseline git ref v1') });
  });
});

describe('a folder baseline', () => {
  it('with a broken manifest: the manifest by its path from the project, the line, and the folder', async () => {
    const cwd = await project();
    const baseline = await project({ ...BASE_FILES, 'ksdk.yaml': 'source: urn:test:orders\nmessages:\n  OrderPlaced: [\n' });
    const ref = path.relative(cwd, baseline);
    const error = await failure(runCheck({ cwd, baseline: ref }));
    expect(error.code).toBe('KSDK_MANIFEST_SYNTAX');
    expect(error.issues[0]).toMatchObject({ file: `${ref}/ksdk.yaml`, line: expect.any(Number) });
    expect(error.issues[0]!.message).toMatch(new RegExp(`^in baseline folder ${ref.replaceAll('.', '\\.')}: YAML syntax error`));
    expect(existsSync(path.resolve(cwd, error.issues[0]!.file))).toBe(true);
  });

  it('whose schema is missing', async () => {
    const cwd = await project();
    const { [SCHEMA]: _, ...rest } = BASE_FILES;
    const baseline = await project(rest);
    const error = await failure(runCheck({ cwd, baseline, baselineKind: 'folder' }));
    expect(error.code).toBe('KSDK_SCHEMA_NOT_FOUND');
    // Located where the folder's manifest names it.
    expect(error.issues[0]).toMatchObject({ file: `${path.relative(cwd, baseline)}/ksdk.yaml`, pointer: '/messages/OrderPlaced/schema' });
    expect(error.issues[0]!.message).toBe(`in baseline folder ${baseline}: schema file ${SCHEMA} of message OrderPlaced not found`);
  });
});

describe('a lock file baseline', () => {
  it('that is not JSON (the default baseline, no --baseline): the lock file, the line, and that it is the baseline', async () => {
    const cwd = await project({ ...BASE_FILES, 'ksdk.lock.json': '{\n  "lockfileVersion": 1,\n  "messages": {,\n}\n' });
    const error = await failure(runCheck({ cwd }));
    expect(error.code).toBe('KSDK_LOCK_INVALID');
    expect(error.issues[0]).toMatchObject({ file: 'ksdk.lock.json', line: 3 });
    expect(error.issues[0]!.message).toMatch(/^in baseline lock file ksdk\.lock\.json: not valid JSON/);
  });

  it('an earlier version in its history that ksdk refuses: located in the lock file, with the version', async () => {
    const cwd = await project();
    await runLock({ cwd });
    const file = path.join(cwd, 'ksdk.lock.json');
    const lock = JSON.parse(await readFile(file, 'utf8')) as { messages: Record<string, { version: number; history: unknown[] }> };
    const placed = lock.messages.OrderPlaced!;
    placed.version = 2;
    placed.history = [{ version: 1, fingerprint: 'sha256:0', schema: { type: 'object', properties: { a: { $dynamicRef: '#node' } } } }];
    await writeFiles(cwd, { 'ksdk.lock.json': `${JSON.stringify(lock, null, 2)}\n` });
    const error = await failure(runCheck({ cwd, mode: 'BACKWARD_TRANSITIVE' }));
    expect(error.code).toBe('KSDK_SCHEMA_INVALID');
    expect(error.issues[0]).toMatchObject({
      file: 'ksdk.lock.json',
      pointer: '/messages/OrderPlaced/history/0/schema/properties/a/$dynamicRef',
      message: 'in baseline lock file ksdk.lock.json, OrderPlaced v1: $dynamicRef is not supported by ksdk; use $ref',
    });
    const text = (await readFile(file, 'utf8')).split('\n');
    expect(text[error.issues[0]!.line! - 1]).toContain('"$dynamicRef"');
    // Not transitive: only the latest version is compared, and it is fine.
    expect((await runCheck({ cwd, mode: 'BACKWARD' })).compatible).toBe(true);
  });
});

describe('the working tree', () => {
  it('is never called the baseline', async () => {
    const cwd = await project({ ...BASE_FILES, [SCHEMA]: '{ broken' });
    const baseline = await project();
    const error = await failure(runCheck({ cwd, baseline, baselineKind: 'folder' }));
    expect(error.code).toBe('KSDK_SCHEMA_SYNTAX');
    expect(error.issues[0]!.file).toBe(SCHEMA);
    expect(error.message).not.toContain('baseline');
  });
});
