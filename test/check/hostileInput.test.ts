// `ksdk check` and `ksdk lock` read schemas through the one schema graph `ksdk generate`
// uses (issue 16): the same `$ref`/`$anchor` resolution, and the same protections
// against hostile input — confinement to the project, size and depth limits, `$ref`
// cycles, unsupported keywords — for the working tree, a baseline folder, a lock file
// and the library's `checkCompatibility` alike. Each failure is a located `KsdkCliError`.
import { execFileSync } from 'node:child_process';
import { readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkCompatibility } from '../../cli/src/check/checkCompatibility.js';
import { runCheck } from '../../cli/src/check/runCheck.js';
import { runLock } from '../../cli/src/check/runLock.js';
import { generate, KsdkCliError } from '../../cli/src/index.js';
import type { JsonSchema } from '../../cli/src/schema/JsonSchema.js';
import { BASE_FILES, cliFailure, ORDER_PLACED, projects, writeFiles } from './projectFixture.js';

const { project, cleanup } = projects();
afterEach(cleanup);
const failure = cliFailure;

/** `{ type: object, properties: { a: { ... } } }`, `levels` deep: twice as deep in JSON. */
function nested(levels: number): JsonSchema {
  let schema: JsonSchema = { type: 'string' };
  for (let i = 0; i < levels; i++) schema = { type: 'object', properties: { a: schema } };
  return schema;
}

/** A lock file of the base project whose OrderPlaced schema is `schema`. */
async function lockWith(dir: string, schema: unknown): Promise<void> {
  await runLock({ cwd: dir });
  const lock = JSON.parse(await readFile(path.join(dir, 'ksdk.lock.json'), 'utf8')) as { messages: Record<string, { schema: unknown }> };
  lock.messages.OrderPlaced!.schema = schema;
  await writeFiles(dir, { 'ksdk.lock.json': `${JSON.stringify(lock, null, 2)}\n` });
}

describe('a lock file is input like any other', () => {
  it('nested deeper than the depth limit: KSDK_LIMIT_EXCEEDED at its line, before anything walks it', async () => {
    const dir = await project();
    await lockWith(dir, nested(150));
    const error = await failure(runCheck({ cwd: dir }));
    expect(error.code).toBe('KSDK_LIMIT_EXCEEDED');
    expect(error.file).toBe('ksdk.lock.json');
    expect(error.pointer).toMatch(/^\/messages\/OrderPlaced\/schema(\/properties\/a)+/);
    expect(error.line).toBeGreaterThan(1);
    expect(error.message).toMatch(/nested more than 200 levels deep/);
  });

  it('over the size limit: refused before it is read', async () => {
    const dir = await project();
    await runLock({ cwd: dir });
    const error = await failure(runCheck({ cwd: dir, limits: { lockFileBytes: 512 } }));
    expect(error.code).toBe('KSDK_LIMIT_EXCEEDED');
    expect(error.message).toMatch(/^ksdk\.lock\.json: in baseline lock file ksdk\.lock\.json: ksdk\.lock\.json is \d+ bytes, over the limit of 512 bytes per file/);
    // `ksdk lock` reads the existing lock file too.
    expect((await failure(runLock({ cwd: dir, limits: { lockFileBytes: 512 } }))).code).toBe('KSDK_LIMIT_EXCEEDED');
  });

  it('a FIFO: refused before it is opened (a read would block for ever), by check and by lock', async () => {
    const dir = await project();
    execFileSync('mkfifo', [path.join(dir, 'ksdk.lock.json')]);
    const checked = await failure(runCheck({ cwd: dir, baseline: 'ksdk.lock.json', baselineKind: 'lock' }));
    expect(checked.code).toBe('KSDK_INPUT_NOT_A_FILE');
    expect(checked.message).toContain('ksdk.lock.json is a FIFO, not a regular file');
    expect((await failure(runLock({ cwd: dir }))).code).toBe('KSDK_INPUT_NOT_A_FILE');
  });

  it('a schema in it with a $ref cycle that never reaches a property: KSDK_REF_CYCLE, as generate says', async () => {
    const dir = await project();
    const cyclic = { $defs: { A: { $ref: '#/$defs/B' }, B: { anyOf: [{ $ref: '#/$defs/A' }, { type: 'string' }] } }, $ref: '#/$defs/A' };
    await lockWith(dir, cyclic);
    const error = await failure(runCheck({ cwd: dir }));
    expect(error.code).toBe('KSDK_REF_CYCLE');
    expect(error.message).toMatch(/\$ref cycle that never reaches a property or an item/);
  });

  it('a schema in it with $dynamicRef: KSDK_SCHEMA_INVALID, as generate says', async () => {
    const dir = await project();
    await lockWith(dir, { type: 'object', properties: { a: { $dynamicRef: '#node' } } });
    const error = await failure(runCheck({ cwd: dir }));
    expect(error.code).toBe('KSDK_SCHEMA_INVALID');
    // Where it is: in the lock file, at the message's schema (not a file named after the message).
    expect(error.issues[0]).toMatchObject({
      file: 'ksdk.lock.json',
      pointer: '/messages/OrderPlaced/schema/properties/a/$dynamicRef',
      message: 'in baseline lock file ksdk.lock.json, OrderPlaced v1: $dynamicRef is not supported by ksdk; use $ref',
    });
    expect(error.issues[0]!.line).toBeGreaterThan(1);
  });

  it('a lock file that is not JSON: KSDK_LOCK_INVALID with the line', async () => {
    const dir = await project();
    await writeFiles(dir, { 'ksdk.lock.json': '{\n  "lockfileVersion": 1,\n  "messages": {,\n}\n' });
    const error = await failure(runCheck({ cwd: dir }));
    expect(error.code).toBe('KSDK_LOCK_INVALID');
    expect(error.issues[0]).toMatchObject({ file: 'ksdk.lock.json', line: 3 });
  });
});

describe('the working tree and a baseline folder: the confinement generate applies', () => {
  const outside = { ...ORDER_PLACED, properties: { ...ORDER_PLACED.properties, total: { $ref: '../../outside.schema.json' } } };

  it('a $ref out of the project: lock and check refuse it as generate does', async () => {
    const dir = await project({ ...BASE_FILES, 'schemas/order-placed.schema.json': outside });
    for (const run of [() => runLock({ cwd: dir }), () => runCheck({ cwd: dir, baseline: dir, baselineKind: 'folder' }), () => generate('ksdk.yaml', { cwd: dir })]) {
      const error = await failure(run);
      expect(error.code).toBe('KSDK_INPUT_OUTSIDE_PROJECT');
      expect(error.issues[0]).toMatchObject({ file: 'schemas/order-placed.schema.json', pointer: '/properties/total/$ref' });
    }
  });

  it('a baseline folder whose schema links out of it', async () => {
    const dir = await project();
    const baseline = await project();
    const secret = await project({ 'secret.json': { type: 'string' } });
    await symlink(path.join(secret, 'secret.json'), path.join(baseline, 'schemas/common.schema.json.link'));
    await writeFiles(baseline, { 'schemas/order-placed.schema.json': { ...ORDER_PLACED, properties: { ...ORDER_PLACED.properties, total: { $ref: 'common.schema.json.link' } } } });
    const error = await failure(runCheck({ cwd: dir, baseline, baselineKind: 'folder' }));
    expect(error.code).toBe('KSDK_INPUT_OUTSIDE_PROJECT');
    expect(error.message).toMatch(/is a symlink to a file outside the project/);
  });
});

describe('checkCompatibility: the same reference resolution and limits as generate', () => {
  it('resolves $anchor references (check once refused them)', () => {
    const withAnchor = (money: object): JsonSchema => ({
      type: 'object',
      properties: { total: { $ref: '#money' } },
      $defs: { Money: { $anchor: 'money', ...money } },
    });
    const result = checkCompatibility(withAnchor({ type: 'number' }), withAnchor({ type: 'number', maximum: 10 }), 'BACKWARD');
    expect(result.compatible).toBe(false);
    expect(result.findings.map((f) => [f.rule, f.pointer])).toEqual([['MAXIMUM_ADDED', '/properties/total/maximum']]);
  });

  it('an anchor that does not exist: KSDK_REF_UNRESOLVED at the $ref', () => {
    const error = (() => {
      try {
        checkCompatibility({ properties: { a: { $ref: '#nowhere' } } }, { type: 'object' });
      } catch (e) {
        return e as KsdkCliError;
      }
      throw new Error('expected a failure');
    })();
    expect(error.code).toBe('KSDK_REF_UNRESOLVED');
    expect(error.issues[0]).toMatchObject({ file: 'previous.schema.json', pointer: '/properties/a/$ref', message: 'cannot resolve $ref "#nowhere": no anchor "nowhere" in previous.schema.json' });
  });

  it('more schemas than the limit: KSDK_LIMIT_EXCEEDED', async () => {
    const wide: JsonSchema = { type: 'object', properties: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`p${i}`, { type: 'string' }])) };
    const error = await failure(() => checkCompatibility(wide, wide, 'BACKWARD', { limits: { subschemas: 20 } }));
    expect(error.code).toBe('KSDK_LIMIT_EXCEEDED');
    expect(error.message).toMatch(/more than 20 schemas/);
  });

  it('a value nested deeper than the limit: KSDK_LIMIT_EXCEEDED naming the pointer', async () => {
    const error = await failure(() => checkCompatibility(nested(150), { type: 'object' }));
    expect(error.code).toBe('KSDK_LIMIT_EXCEEDED');
    expect(error.issues[0]?.pointer).toMatch(/^(\/properties\/a)+/);
  });
});
