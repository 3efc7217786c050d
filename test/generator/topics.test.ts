// Topics in the manifest (issue 12, items 4 and 6): every topic a subscription reads, forwards
// to or dead-letters to must be declared, with a located error and a "did you mean"; nothing is
// written on error; the generated registry lists every topic with its declared settings; and a
// chain hop to a dead-letter topic is generated as a dead-letter.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { generate, KsdkCliError, loadProject } from '../../cli/src/index.js';
import { BIN, hashTree, project, writeFiles } from './helpers.js';

const SCHEMA = { type: 'object', required: ['orderId'], properties: { orderId: { type: 'string' } } };

// Line numbers matter: the tests below name them.
const MANIFEST = `source: urn:ksdk:test
messages:
  OrderPlaced:
    schema: schemas/order.json
    topic: orders
subscriptions:
  - name: orderProcessor
    message: OrderPlaced
    groupId: order-processor
    retry: { mode: topic-chain, nextTopic: orders.retry-1 }
    deadLetterTopic: orders.dlt
  - name: orderRetry
    topic: orders.retry-1
    message: OrderPlaced
    groupId: order-retry
    retry: { mode: topic-chain, nextTopic: orders.dlt }
topicDefaults:
  partitions: 3
  config: { retention.ms: 604800000 }
topics:
  orders.retry-1: {}
  orders.dlt:
    partitions: 1
    config: { retention.ms: "1209600000", cleanup.policy: delete }
`;

async function failure(dir: string): Promise<KsdkCliError> {
  const error = await generate('ksdk.yaml', { cwd: dir }).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(KsdkCliError);
  return error as KsdkCliError;
}

describe('undeclared topics', () => {
  let dir: string;
  let output: string;
  let before: string;

  beforeEach(async () => {
    dir = await project({ 'ksdk.yaml': MANIFEST, 'schemas/order.json': SCHEMA });
    await generate('ksdk.yaml', { cwd: dir });
    output = path.join(dir, 'src/generated');
    before = await hashTree(output);
  });

  it('a misspelt topic, retry topic and dead-letter topic are each an error at file:line:column with a suggestion, and nothing is written', async () => {
    await writeFiles(dir, {
      'ksdk.yaml': MANIFEST.replace('nextTopic: orders.retry-1', 'nextTopic: orders.retyr-1')
        .replace('deadLetterTopic: orders.dlt', 'deadLetterTopic: orders.dtl')
        .replace('topic: orders.retry-1\n', 'topic: order.retry-1\n'),
    });
    const e = await failure(dir);
    expect(e.code).toBe('KSDK_UNKNOWN_TOPIC');
    expect(e.issues.map(({ file, line, column, pointer }) => ({ file, line, column, pointer }))).toEqual([
      { file: 'ksdk.yaml', line: 10, column: 44, pointer: '/subscriptions/0/retry/nextTopic' },
      { file: 'ksdk.yaml', line: 11, column: 22, pointer: '/subscriptions/0/deadLetterTopic' },
      { file: 'ksdk.yaml', line: 13, column: 12, pointer: '/subscriptions/1/topic' },
    ]);
    expect(e.issues[0]!.message).toMatch(/^subscription orderProcessor forwards failed records to "orders\.retyr-1", which is not declared .*; did you mean "orders\.retry-1"\?$/);
    expect(e.issues[1]!.message).toMatch(/^subscription orderProcessor dead-letters to "orders\.dtl", which is not declared .*; did you mean "orders\.dlt"\?$/);
    expect(e.issues[2]!.message).toMatch(/^subscription orderRetry reads topic "order\.retry-1", which is not declared .*; did you mean "orders\.retry-1"\?$/);
    expect(await hashTree(output)).toBe(before);
  });

  it('the CLI prints one clickable line per issue and exits 2, leaving the output folder as it was', async () => {
    await writeFiles(dir, { 'ksdk.yaml': MANIFEST.replace('deadLetterTopic: orders.dlt', 'deadLetterTopic: orders.dtl') });
    const run = spawnSync(process.execPath, [BIN, 'generate', '--cwd', dir], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('ksdk generate failed (KSDK_UNKNOWN_TOPIC):');
    expect(run.stderr).toMatch(/\n {2}ksdk\.yaml:11:22 \/subscriptions\/0\/deadLetterTopic: subscription orderProcessor dead-letters to "orders\.dtl", .*did you mean "orders\.dlt"\?\n/);
    expect(await hashTree(output)).toBe(before);
  });

  it('without a close match there is no suggestion, and a topic far from every declared one is still refused', async () => {
    await writeFiles(dir, { 'ksdk.yaml': MANIFEST.replace('deadLetterTopic: orders.dlt', 'deadLetterTopic: payments-dead-letters') });
    const e = await failure(dir);
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]!.message).not.toMatch(/did you mean/);
    expect(await hashTree(output)).toBe(before);
  });

  it('a message\'s topic counts as declared; a ksdk check baseline may use topics it never declared', async () => {
    const bare = await project({
      'ksdk.yaml': MANIFEST.slice(0, MANIFEST.indexOf('topicDefaults:')),
      'schemas/order.json': SCHEMA,
    });
    // orderProcessor reads `orders` (a message's topic): fine; its retry and dead-letter topics are not declared.
    await expect(loadProject('ksdk.yaml', { cwd: bare })).rejects.toMatchObject({ code: 'KSDK_UNKNOWN_TOPIC' });
    const baseline = await loadProject('ksdk.yaml', { cwd: bare, baseline: true });
    expect(baseline.model.topics.map((t) => t.name)).toEqual(['orders', 'orders.dlt', 'orders.retry-1']);
  });

  it('a config value beyond 2^53 and a malformed config name are refused where they are written', async () => {
    await writeFiles(dir, { 'ksdk.yaml': MANIFEST.replace('retention.ms: "1209600000"', 'retention.ms: 90071992547409930') });
    const big = await failure(dir);
    expect(big.issues[0]).toMatchObject({ line: 24, pointer: '/topics/orders.dlt/config/retention.ms' });
    expect(big.issues[0]!.message).toMatch(/write the value as a string/);

    await writeFiles(dir, { 'ksdk.yaml': MANIFEST.replace('    partitions: 1\n', '    partitions: 0\n') });
    const zero = await failure(dir);
    expect(zero.code).toBe('KSDK_MANIFEST_INVALID');
    expect(zero.issues[0]).toMatchObject({ line: 23, pointer: '/topics/orders.dlt/partitions' });

    await writeFiles(dir, { 'ksdk.yaml': MANIFEST.replace('cleanup.policy: delete', 'Cleanup Policy: delete') });
    const name = await failure(dir);
    expect(name.code).toBe('KSDK_MANIFEST_INVALID');
    expect(name.issues.some((i) => i.line === 24 && i.pointer?.startsWith('/topics/orders.dlt/config') && /config name/.test(i.message))).toBe(true);
    expect(await hashTree(output)).toBe(before);
  });
});

describe('chain to the dead-letter topic', () => {
  it('a hop whose nextTopic is a dead-letter topic is generated as a dead-letter (deadLetterTopic set)', async () => {
    const dir = await project({ 'ksdk.yaml': MANIFEST, 'schemas/order.json': SCHEMA });
    const { model } = await loadProject('ksdk.yaml', { cwd: dir });
    const retry = model.subscriptions.find((s) => s.name === 'orderRetry')!;
    expect(retry).toMatchObject({ retry: { mode: 'topic-chain', nextTopic: 'orders.dlt' }, deadLetterTopic: 'orders.dlt' });
    // The first hop goes on to a retry topic: a forward, no change.
    expect(model.subscriptions.find((s) => s.name === 'orderProcessor')).toMatchObject({ retry: { nextTopic: 'orders.retry-1' }, deadLetterTopic: 'orders.dlt' });
    expect(model.topics.find((t) => t.name === 'orders.dlt')).toMatchObject({ deadLetter: true, uses: ['dead-letter'] });
    expect(model.topics.find((t) => t.name === 'orders.retry-1')).toMatchObject({ deadLetter: false, uses: ['consumed', 'retry'] });
  });

  it('`deadLetter: true` marks a topic no subscription names as its dead-letter topic', async () => {
    const manifest = MANIFEST.replace('    deadLetterTopic: orders.dlt\n', '').replace('  orders.dlt:\n', '  orders.dlt:\n    deadLetter: true\n');
    const dir = await project({ 'ksdk.yaml': manifest, 'schemas/order.json': SCHEMA });
    const { model } = await loadProject('ksdk.yaml', { cwd: dir });
    expect(model.subscriptions.find((s) => s.name === 'orderRetry')).toMatchObject({ deadLetterTopic: 'orders.dlt' });
    expect(model.subscriptions.find((s) => s.name === 'orderProcessor')!.deadLetterTopic).toBeUndefined();
  });

  it('a hop to one dead-letter topic from a subscription that dead-letters to another is refused', async () => {
    const manifest = MANIFEST.replace(
      '    retry: { mode: topic-chain, nextTopic: orders.dlt }\n',
      '    retry: { mode: topic-chain, nextTopic: orders.dlt }\n    deadLetterTopic: orders.retry-dlt\n',
    ).replace('topics:\n', 'topics:\n  orders.retry-dlt: {}\n');
    const dir = await project({ 'ksdk.yaml': manifest, 'schemas/order.json': SCHEMA });
    await generate('ksdk.yaml', { cwd: dir }).then(
      () => expect.unreachable('generated'),
      (e: KsdkCliError) => {
        expect(e.code).toBe('KSDK_MANIFEST_INVALID');
        expect(e.issues[0]).toMatchObject({ line: 16, pointer: '/subscriptions/1/retry/nextTopic' });
        expect(e.issues[0]!.message).toMatch(/"orders\.dlt" is a dead-letter topic, but subscription orderRetry dead-letters to "orders\.retry-dlt"/);
      },
    );
  });
});

describe('the generated registry', () => {
  it('lists every topic the app uses, retry and dead-letter topics included, with the declared settings over topicDefaults', async () => {
    const dir = await project({ 'ksdk.yaml': MANIFEST, 'schemas/order.json': SCHEMA });
    await generate('ksdk.yaml', { cwd: dir });
    const registry = await readFile(path.join(dir, 'src/generated/registry.ts'), 'utf8');
    const topicsBlock = registry.slice(registry.indexOf('export const topics'));
    expect(topicsBlock).toContain(`  orders: {
    name: 'orders',
    messages: [messages.OrderPlaced],
    partitions: 3,
    config: {
      'retention.ms': '604800000',
    },
  },`);
    expect(topicsBlock).toContain(`  'orders.dlt': {
    name: 'orders.dlt',
    messages: [messages.OrderPlaced],
    partitions: 1,
    config: {
      'cleanup.policy': 'delete',
      'retention.ms': '1209600000',
    },
    deadLetter: true,
  },`);
    expect(topicsBlock).toContain(`  'orders.retry-1': {
    name: 'orders.retry-1',`);
    const subscriptions = await readFile(path.join(dir, 'src/generated/subscriptions.ts'), 'utf8');
    expect(subscriptions).toMatch(/orderRetry: \{[^}]*retry: \{\s*mode: 'topic-chain',\s*nextTopic: 'orders\.dlt',\s*\},\s*deadLetterTopic: 'orders\.dlt',/);
  });
});
