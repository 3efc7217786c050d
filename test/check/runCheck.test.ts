import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../cli/src/check/CheckReport.js';
import { formatReport } from '../../cli/src/check/formatReport.js';
import { runCheck } from '../../cli/src/check/runCheck.js';
import { runLock } from '../../cli/src/check/runLock.js';
import {
  BASE_FILES,
  COMMON,
  MANIFEST,
  ORDER_PLACED,
  commitFiles,
  copyProject,
  gitProject,
  orderPlaced,
  removeDir,
  tempDir,
  writeFiles,
} from './projectFixture.js';

const dirs: string[] = [];
async function track<T extends string>(dir: Promise<T>): Promise<T> {
  const d = await dir;
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});

function incompatible(report: CheckReport): [string, string, string][] {
  return report.messages.flatMap((m) => m.findings.filter((f) => f.verdict === 'incompatible').map((f) => [m.name, f.rule, f.pointer] as [string, string, string]));
}

describe('runCheck with a git-ref baseline', () => {
  it('fails a narrowing made in a referenced file, with the pointer where the message uses it', async () => {
    const dir = await track(gitProject());
    await writeFiles(dir, { 'schemas/common.schema.json': { ...COMMON, $defs: { Money: { type: 'number', minimum: 0, maximum: 1000 } } } });
    const report = await runCheck({ cwd: dir, baseline: 'HEAD' });
    expect(report.compatible).toBe(false);
    expect(report.baseline.kind).toBe('git');
    expect(report.baseline.description).toMatch(/^git ref HEAD \([0-9a-f]{7}\)$/);
    expect(incompatible(report)).toEqual([['OrderPlaced', 'MAXIMUM_ADDED', '/properties/total/maximum']]);
    const placed = report.messages.find((m) => m.name === 'OrderPlaced');
    expect(placed?.status).toBe('changed');
    expect(placed?.mode).toBe('BACKWARD');
  });

  it('passes a compatible change and leaves unchanged messages unchanged', async () => {
    const dir = await track(gitProject());
    await writeFiles(dir, { 'schemas/order-placed.schema.json': orderPlaced({ note: { type: 'string' } }) });
    const report = await runCheck({ cwd: dir, baseline: 'main' });
    expect(report.compatible).toBe(true);
    expect(report.messages.map((m) => [m.name, m.status, m.compatible])).toEqual([
      ['OrderCancelled', 'unchanged', true],
      ['OrderPlaced', 'changed', true],
    ]);
    expect(report.messages[1]?.findings.map((f) => f.rule)).toEqual(['OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL']);
  });

  it('FORWARD from the manifest is overridden by --mode', async () => {
    const dir = await track(gitProject());
    await writeFiles(dir, { 'schemas/order-placed.schema.json': orderPlaced({ note: { type: 'string' } }) });
    expect((await runCheck({ cwd: dir, baseline: 'HEAD', mode: 'FORWARD' })).compatible).toBe(false);
    expect((await runCheck({ cwd: dir, baseline: 'HEAD', mode: 'NONE' })).compatible).toBe(true);
  });

  it('checks every earlier version from git history in a transitive mode', async () => {
    // v1 has note: string; v2 drops it; the working tree re-adds it as a number.
    const dir = await track(gitProject({ ...BASE_FILES, 'schemas/order-placed.schema.json': orderPlaced({ note: { type: 'string' } }) }));
    await commitFiles(dir, { 'schemas/order-placed.schema.json': ORDER_PLACED }, 'v2');
    await writeFiles(dir, { 'schemas/order-placed.schema.json': orderPlaced({ note: { type: 'number' } }) });

    const latestOnly = await runCheck({ cwd: dir, baseline: 'HEAD' });
    expect(latestOnly.compatible).toBe(true);

    const transitive = await runCheck({ cwd: dir, baseline: 'HEAD', mode: 'BACKWARD_TRANSITIVE' });
    expect(transitive.compatible).toBe(false);
    const placed = transitive.messages.find((m) => m.name === 'OrderPlaced');
    expect(placed?.checkedAgainst).toHaveLength(2);
    const failing = placed?.findings.filter((f) => f.verdict === 'incompatible') ?? [];
    expect(failing.map((f) => [f.rule, f.pointer])).toEqual([['TYPE_CHANGED', '/properties/note']]);
    expect(failing[0]?.kind === 'schema' ? failing[0].against : undefined).toBe(placed?.checkedAgainst[0]);
  });

  it('per-message compatibility in the manifest wins over the default', async () => {
    const dir = await track(gitProject());
    await writeFiles(dir, {
      'ksdk.yaml': MANIFEST.replace('    topic: order-events\n    partitionKey', '    topic: order-events\n    compatibility: { mode: none }\n    partitionKey'),
      'schemas/order-placed.schema.json': orderPlaced({ orderId: { type: 'integer' } }),
    });
    const report = await runCheck({ cwd: dir, baseline: 'HEAD' });
    expect(report.messages.find((m) => m.name === 'OrderPlaced')?.mode).toBe('NONE');
    expect(report.compatible).toBe(true);
  });
});

describe('runCheck with a folder baseline', () => {
  it('compares with another checkout and reports manifest changes', async () => {
    const baseline = await track(tempDir());
    await writeFiles(baseline, BASE_FILES);
    const dir = await track(tempDir());
    await copyProject(baseline, dir);
    await writeFiles(dir, {
      'ksdk.yaml': MANIFEST.replace('partitionKey: { strategy: property, property: customerId }', 'partitionKey: { strategy: property, property: orderId }').replace(
        '  OrderCancelled:\n    schema: schemas/order-cancelled.schema.json\n    topic: order-events\n',
        '  OrderCancelled:\n    schema: schemas/order-cancelled.schema.json\n    topic: order-events\n    type: com.example.OrderCancelled.v2\n',
      ),
    });
    const report = await runCheck({ cwd: dir, baseline });
    expect(report.baseline.kind).toBe('folder');
    expect(incompatible(report)).toEqual([
      ['OrderCancelled', 'CLOUDEVENT_TYPE_CHANGED', '/messages/OrderCancelled/type'],
      ['OrderPlaced', 'PARTITION_KEY_STRATEGY_CHANGED', '/messages/OrderPlaced/partitionKey'],
    ]);
  });

  it('a topic renamed, and a message removed while a subscription still reads its topic, are breaking', async () => {
    const baseline = await track(tempDir());
    await writeFiles(baseline, BASE_FILES);
    const dir = await track(tempDir());
    await writeFiles(dir, {
      ...BASE_FILES,
      'ksdk.yaml': `source: urn:test:orders
messages:
  OrderPlaced:
    schema: schemas/order-placed.schema.json
    topic: orders.v2
    partitionKey: { strategy: property, property: customerId }
subscriptions:
  - name: orders
    topic: order-events
    messages: [OrderPlaced]
    groupId: orders
topics:
  order-events: {}
`,
    });
    const report = await runCheck({ cwd: dir, baseline });
    expect(incompatible(report)).toEqual([
      ['OrderCancelled', 'MESSAGE_REMOVED', '/messages/OrderCancelled'],
      ['OrderPlaced', 'TOPIC_RENAMED', '/messages/OrderPlaced/topic'],
    ]);
    expect(report.messages.find((m) => m.name === 'OrderCancelled')?.status).toBe('removed');
  });
});

describe('runCheck with a lock-file baseline (ksdk lock)', () => {
  it('uses ksdk.lock.json by default, and its history for transitive modes', async () => {
    const dir = await track(tempDir());
    await writeFiles(dir, { ...BASE_FILES, 'schemas/order-placed.schema.json': orderPlaced({ note: { type: 'string' } }) });
    const first = await runLock({ cwd: dir });
    expect(first).toMatchObject({ file: 'ksdk.lock.json', written: true, upToDate: false });
    const lock = JSON.parse(await readFile(path.join(dir, 'ksdk.lock.json'), 'utf8'));
    expect(Object.keys(lock.messages)).toEqual(['OrderCancelled', 'OrderPlaced']);
    expect(lock.messages.OrderPlaced).toMatchObject({ version: 1, topic: 'order-events', schemaFile: 'schemas/order-placed.schema.json', history: [] });
    expect(lock.messages.OrderPlaced.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);

    expect(await runLock({ cwd: dir, check: true })).toMatchObject({ upToDate: true, written: false });

    // v2 drops `note`, lock again: v1 moves into the history.
    await writeFiles(dir, { 'schemas/order-placed.schema.json': ORDER_PLACED });
    expect((await runLock({ cwd: dir, check: true })).upToDate).toBe(false);
    const second = await runLock({ cwd: dir });
    expect(second.newVersions).toEqual([{ message: 'OrderPlaced', version: 2 }]);
    expect(second.lock.messages.OrderPlaced?.history.map((h) => h.version)).toEqual([1]);

    // The working tree re-adds note as a number: fine against v2, not against v1.
    await writeFiles(dir, { 'schemas/order-placed.schema.json': orderPlaced({ note: { type: 'number' } }) });
    const latest = await runCheck({ cwd: dir });
    expect(latest.baseline).toEqual({ kind: 'lock', ref: 'ksdk.lock.json', description: 'lock file ksdk.lock.json' });
    expect(latest.compatible).toBe(true);
    const transitive = await runCheck({ cwd: dir, mode: 'FULL_TRANSITIVE' });
    expect(transitive.compatible).toBe(false);
    expect(transitive.messages.find((m) => m.name === 'OrderPlaced')?.checkedAgainst).toEqual(['v1', 'v2']);
  });

  it('writes byte-identical lock files for the same project', async () => {
    const a = await track(tempDir());
    const b = await track(tempDir());
    await writeFiles(a, BASE_FILES);
    await writeFiles(b, BASE_FILES);
    await runLock({ cwd: a });
    await runLock({ cwd: b });
    expect(await readFile(path.join(a, 'ksdk.lock.json'), 'utf8')).toBe(await readFile(path.join(b, 'ksdk.lock.json'), 'utf8'));
  });

  it('rejects a corrupt lock file with KSDK_LOCK_INVALID', async () => {
    const dir = await track(tempDir());
    await writeFiles(dir, { ...BASE_FILES, 'ksdk.lock.json': '{"lockfileVersion": 99}' });
    await expect(runCheck({ cwd: dir })).rejects.toMatchObject({ code: 'KSDK_LOCK_INVALID' });
  });
});

describe('runCheck: input errors', () => {
  it('a baseline that is neither a folder, a lock file nor a git ref', async () => {
    const dir = await track(gitProject());
    await expect(runCheck({ cwd: dir, baseline: 'origin/does-not-exist' })).rejects.toMatchObject({
      name: 'KsdkCliError',
      code: 'KSDK_BASELINE_NOT_FOUND',
      message: 'baseline "origin/does-not-exist" is neither a folder, a lock file nor a git ref',
    });
  });

  it('a git baseline outside a repository', async () => {
    const dir = await track(tempDir());
    await writeFiles(dir, BASE_FILES);
    await expect(runCheck({ cwd: dir, baseline: 'main', baselineKind: 'git' })).rejects.toMatchObject({ code: 'KSDK_BASELINE_NOT_FOUND' });
  });

  it('no baseline and no lock file', async () => {
    const dir = await track(tempDir());
    await writeFiles(dir, BASE_FILES);
    await expect(runCheck({ cwd: dir })).rejects.toMatchObject({ code: 'KSDK_CHECK_USAGE' });
  });

  it('a baseline whose manifest does not exist at that ref', async () => {
    const dir = await track(gitProject({ 'README.md': 'nothing yet\n' }));
    await writeFiles(dir, BASE_FILES);
    await expect(runCheck({ cwd: dir, baseline: 'HEAD' })).rejects.toMatchObject({ code: 'KSDK_MANIFEST_NOT_FOUND' });
  });
});

describe('formatReport', () => {
  it('groups findings per message with pointer, rule, verdict and hint', async () => {
    const dir = await track(gitProject());
    await writeFiles(dir, { 'schemas/order-placed.schema.json': orderPlaced({ customerId: { type: 'string', maxLength: 36 } }) });
    const text = formatReport(await runCheck({ cwd: dir, baseline: 'HEAD' }));
    expect(text).toContain('✗ OrderPlaced (schemas/order-placed.schema.json) — changed, BACKWARD');
    expect(text).toContain('    ✗ /properties/customerId/maxLength  MAX_LENGTH_ADDED: maxLength added (36)');
    expect(text).toContain('breaks consumers on the new schema reading old data (BACKWARD); BACKWARD incompatible, FORWARD compatible, FULL incompatible');
    expect(text).toContain('        hint: ');
    expect(text).toContain('✓ OrderCancelled (schemas/order-cancelled.schema.json) — unchanged');
    expect(text.trimEnd().split('\n').at(-1)).toBe('INCOMPATIBLE: 1 of 2 message(s), 1 breaking change(s)');
  });
});
