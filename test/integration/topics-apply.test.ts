// Topic provisioning on the real broker (issue 12, item 4): ensureTopics() and `ksdk topics apply`
// create what is missing with the declared partitions, replication factor and configs, are
// idempotent (a second run creates nothing), and report drift — fewer partitions, another config —
// without altering the topic.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DefaultClientFactory, ensureTopics, KsdkError, type EnsureTopicsReport, type TopicSpec } from '@ksdk/runtime';
import { BIN, project, writeFiles } from '../generator/helpers.js';
import { admin, brokers, createTopic, deleteTopics, uniqueTopic } from '../helpers/kafka.js';

const made = new Set<string>();
afterAll(async () => {
  await deleteTopics([...made]);
});

const factory = new DefaultClientFactory({ brokers: brokers(), kafka: { logLevel: 0 } });

/** What the broker says about a topic: partition count, replicas per partition, the named configs. */
async function onBroker(topic: string, configs: string[] = []): Promise<{ partitions: number; replicas: number; config: Record<string, string | undefined> }> {
  const a = await admin();
  const { topics } = await a.fetchTopicMetadata({ topics: [topic] });
  const meta = topics[0]!;
  const config: Record<string, string | undefined> = {};
  if (configs.length > 0) {
    const { resources } = await a.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: topic, configNames: configs }] });
    for (const name of configs) config[name] = resources[0]!.configEntries.find((e) => e.configName === name)?.configValue;
  }
  return { partitions: meta.partitions.length, replicas: Math.max(...meta.partitions.map((p) => p.replicas.length)), config };
}

function names(...prefixes: string[]): string[] {
  const out = prefixes.map((p) => uniqueTopic(p));
  for (const n of out) made.add(n);
  return out;
}

describe('ensureTopics', () => {
  it('creates missing topics with their settings; a second call creates nothing and finds no drift', async () => {
    const [events, dlt, plain] = names('apply-events', 'apply-dlt', 'apply-plain');
    const specs: TopicSpec[] = [
      { name: events!, partitions: 3, replicationFactor: 1, config: { 'retention.ms': '604800000', 'cleanup.policy': 'delete' } },
      { name: dlt!, partitions: 1, config: { 'retention.ms': '1209600000' }, deadLetter: true },
      { name: plain! },
    ];
    const first = await ensureTopics(factory, specs);
    expect(first.created).toEqual([events, dlt, plain]);
    expect(first.topics.map((t) => t.status)).toEqual(['created', 'created', 'created']);
    expect(await onBroker(events!, ['retention.ms', 'cleanup.policy'])).toEqual({ partitions: 3, replicas: 1, config: { 'retention.ms': '604800000', 'cleanup.policy': 'delete' } });
    expect(await onBroker(dlt!, ['retention.ms'])).toEqual({ partitions: 1, replicas: 1, config: { 'retention.ms': '1209600000' } });
    // Undeclared settings are the broker's defaults (scripts/kafka: num.partitions=1).
    expect(await onBroker(plain!)).toMatchObject({ partitions: 1, replicas: 1 });

    const second = await ensureTopics(factory, specs);
    expect(second).toMatchObject({ created: [], missing: [], drift: [] });
    expect(second.topics.map((t) => t.status)).toEqual(['exists', 'exists', 'exists']);
  });

  it('reports fewer partitions, another replication factor and another config as drift, and alters nothing', async () => {
    const [narrow, tuned, unknownConfig] = names('drift-narrow', 'drift-tuned', 'drift-unknown');
    await createTopic(narrow!, 1);
    await createTopic(tuned!, 2, { 'retention.ms': '3600000' });
    await createTopic(unknownConfig!, 1);
    const report: EnsureTopicsReport = await ensureTopics(factory, [
      { name: narrow!, partitions: 4, replicationFactor: 2 },
      { name: tuned!, partitions: 2, config: { 'retention.ms': '86400000' } },
      { name: unknownConfig!, config: { 'retention.mss': '1' } },
    ]);
    expect(report.created).toEqual([]);
    expect(report.topics.map((t) => [t.topic, t.status])).toEqual([
      [narrow, 'drift'],
      [tuned, 'drift'],
      [unknownConfig, 'drift'],
    ]);
    expect(report.drift.map((d) => [d.topic, d.setting, d.config, d.declared, d.actual])).toEqual([
      [narrow, 'partitions', undefined, '4', '1'],
      [narrow, 'replicationFactor', undefined, '2', '1'],
      [tuned, 'config', 'retention.ms', '86400000', '3600000'],
      [unknownConfig, 'config', 'retention.mss', '1', undefined],
    ]);
    expect(report.drift[0]!.message).toMatch(new RegExp(`topic "${narrow}" has 1 partition\\(s\\), the manifest declares 4\\. Not changed`));
    expect(report.drift[2]!.message).toMatch(/has retention\.ms=3600000, the manifest declares 86400000\. Not changed/);
    expect(report.drift[3]!.message).toMatch(/the broker knows no config "retention\.mss"/);
    // Nothing was altered.
    expect(await onBroker(narrow!)).toMatchObject({ partitions: 1, replicas: 1 });
    expect(await onBroker(tuned!, ['retention.ms'])).toMatchObject({ partitions: 2, config: { 'retention.ms': '3600000' } });
  });

  it('two processes applying the same topics at once both succeed; the topics are created once, as declared', async () => {
    const [a, b] = names('race-a', 'race-b');
    const specs: TopicSpec[] = [{ name: a!, partitions: 2 }, { name: b!, partitions: 3, config: { 'retention.ms': '7200000' } }];
    const other = new DefaultClientFactory({ brokers: brokers(), clientId: 'ksdk-other-process', kafka: { logLevel: 0 } });
    const reports = await Promise.all([ensureTopics(factory, specs), ensureTopics(other, specs)]);
    // However the race went, nobody claims a topic twice and nothing differs from the declaration.
    const created = reports.flatMap((r) => r.created);
    expect(created.filter((t) => t === a).length).toBeLessThanOrEqual(1);
    expect(created.filter((t) => t === b).length).toBeLessThanOrEqual(1);
    expect(reports.flatMap((r) => r.drift)).toEqual([]);
    expect(await onBroker(a!)).toMatchObject({ partitions: 2 });
    expect(await onBroker(b!, ['retention.ms'])).toMatchObject({ partitions: 3, config: { 'retention.ms': '7200000' } });
    expect((await ensureTopics(factory, specs)).topics.map((t) => t.status)).toEqual(['exists', 'exists']);
  });

  it('a dry run creates nothing and lists what is missing', async () => {
    const [absent] = names('dry-absent');
    const report = await ensureTopics(factory, [{ name: absent!, partitions: 2 }], { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, created: [], missing: [absent] });
    expect(await (await admin()).listTopics()).not.toContain(absent);
  });

  it('a topic the broker refuses (replication factor above the brokers there are) fails the call, naming it and its settings', async () => {
    const [tooMany] = names('refused');
    const err = await ensureTopics(factory, [{ name: tooMany!, replicationFactor: 3 }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KsdkError);
    expect((err as KsdkError).message).toMatch(new RegExp(`refused to create "${tooMany}" \\(INVALID_REPLICATION_FACTOR: .*replicationFactor 3`));
  });
});

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'topics', 'apply', ...args], { env: { ...process.env, NO_COLOR: '1', KSDK_BROKERS: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('ksdk topics apply', () => {
  async function projectWith(topics: { orders: string; dlt: string; retry: string }): Promise<string> {
    const manifest = `source: urn:ksdk:test
messages:
  OrderPlaced:
    schema: schemas/order.json
    topic: ${topics.orders}
subscriptions:
  - name: orderProcessor
    message: OrderPlaced
    groupId: order-processor
    retry: { mode: topic-chain, nextTopic: ${topics.retry} }
    deadLetterTopic: ${topics.dlt}
topicDefaults:
  partitions: 2
  replicationFactor: 1
topics:
  ${topics.retry}: {}
  ${topics.dlt}: { partitions: 1, config: { retention.ms: 1209600000 } }
`;
    return project({ 'ksdk.yaml': manifest, 'schemas/order.json': { type: 'object' } });
  }

  it('creates every topic of the manifest (retry and dead-letter topics too), then finds them as declared', async () => {
    const [orders, dlt, retry] = names('cli-orders', 'cli-dlt', 'cli-retry');
    const dir = await projectWith({ orders: orders!, dlt: dlt!, retry: retry! });

    const first = await cli(['--cwd', dir, '--brokers', brokers().join(','), '--json']);
    expect(first.code, first.stderr).toBe(0);
    const result = JSON.parse(first.stdout) as { created: string[]; topics: Array<{ name: string; status: string; uses: string[]; deadLetter: boolean }> };
    expect(result.created.sort()).toEqual([orders, dlt, retry].sort());
    expect(result.topics.find((t) => t.name === dlt)).toMatchObject({ status: 'created', uses: ['dead-letter'], deadLetter: true });
    expect(result.topics.find((t) => t.name === retry)).toMatchObject({ status: 'created', uses: ['retry'] });
    expect(await onBroker(orders!)).toMatchObject({ partitions: 2, replicas: 1 });
    expect(await onBroker(dlt!, ['retention.ms'])).toMatchObject({ partitions: 1, config: { 'retention.ms': '1209600000' } });

    // Brokers from the environment this time; the text output says what it found.
    const second = await cli(['--cwd', dir], { KSDK_BROKERS: brokers().join(',') });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(`  ok       ${dlt} (dead-letter)\n`);
    expect(second.stdout).toMatch(/3 topic\(s\) of ksdk\.yaml: 0 created, 3 as declared, 0 differ from the manifest/);
    expect(second.stderr).toContain(`ksdk topics apply: 3 topic(s) on ${brokers().join(',')}`);
  });

  it('exits 1 and prints the drift of a topic with fewer partitions, which it leaves as it is; --dry-run creates nothing', async () => {
    const [orders, dlt, retry] = names('cli-drift', 'cli-drift-dlt', 'cli-drift-retry');
    await createTopic(orders!, 1);
    const dir = await projectWith({ orders: orders!, dlt: dlt!, retry: retry! });

    const dry = await cli(['--cwd', dir, '--brokers', brokers().join(','), '--dry-run']);
    expect(dry.code, dry.stderr).toBe(1);
    expect(dry.stdout).toContain(`  missing  ${dlt} (dead-letter): would be created with partitions 1, replication factor 1, retention.ms=1209600000\n`);
    expect(dry.stdout).toContain(`  drift    ${orders}\n           topic "${orders}" has 1 partition(s), the manifest declares 2. Not changed`);
    expect(await (await admin()).listTopics()).not.toContain(dlt);

    const applied = await cli(['--cwd', dir, '--brokers', brokers().join(',')]);
    expect(applied.code, applied.stderr).toBe(1);
    expect(applied.stdout).toMatch(/3 topic\(s\) of ksdk\.yaml: 2 created, 0 as declared, 1 differs from the manifest \(not changed\)/);
    expect(await onBroker(orders!)).toMatchObject({ partitions: 1 });
    expect(await onBroker(dlt!)).toMatchObject({ partitions: 1 });
  });

  it('exits 2 without brokers or with an invalid manifest (file:line), and 3 when the cluster cannot be reached', async () => {
    const [orders, dlt, retry] = names('cli-bad', 'cli-bad-dlt', 'cli-bad-retry');
    const dir = await projectWith({ orders: orders!, dlt: dlt!, retry: retry! });
    const noBrokers = await cli(['--cwd', dir]);
    expect(noBrokers.code).toBe(2);
    expect(noBrokers.stderr).toMatch(/no brokers: pass --brokers/);

    const unreachable = await cli(['--cwd', dir, '--brokers', '127.0.0.1:1', '--timeout', '2000']);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toMatch(/could not apply the topics on 127\.0\.0\.1:1/);

    const manifest = await readFile(path.join(dir, 'ksdk.yaml'), 'utf8');
    await writeFiles(dir, { 'ksdk.yaml': manifest.replace(`deadLetterTopic: ${dlt}`, `deadLetterTopic: ${dlt}x`) });
    const typo = await cli(['--cwd', dir, '--brokers', brokers().join(',')]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(`ksdk.yaml:11:22 /subscriptions/0/deadLetterTopic: subscription orderProcessor dead-letters to "${dlt}x"`);
    expect(typo.stderr).toContain(`did you mean "${dlt}"?`);
    expect(await (await admin()).listTopics()).not.toContain(orders);
  });
});
