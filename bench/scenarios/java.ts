// Scenario 4, the machine's practical limit: Apache Kafka's own ProducerPerformance and
// ConsumerPerformance (kafka-tools at the broker's version, from Maven Central via
// bench/kafka-tools.sh) on the same broker, same record size, acks=all, against ksdk's
// fastest paths: `produceBenchOrder()` + `flush()` and a generated subscription draining the
// topic. Plain kafkajs (sendBatch, eachBatch) is shown too, for context. Prints ksdk ÷ Java.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Producer } from 'kafkajs';
import { BenchProducer, messages } from '../client/src/generated/index.js';
import { parseArgs } from '../lib/args.js';
import { drainInChild } from '../lib/consumers.js';
import { baselineKafka, BenchCluster, brokers, quiet } from '../lib/kafka.js';
import { baselineValue, order } from '../lib/payloads.js';
import { ROOT } from '../lib/paths.js';
import { progress, publish, row, type ResultRow } from '../lib/report.js';
import { alternate } from '../lib/stats.js';

const run = promisify(execFile);
const args = parseArgs();
const N = args.num('records', 100_000, 20_000);
const TOOLS = path.join(ROOT, 'bench', 'kafka-tools.sh');
type Side = 'ksdk' | 'java' | 'kafkajs';

async function java(mainClass: string, toolArgs: string[]): Promise<string> {
  const { stdout } = await run('bash', [TOOLS, 'run', `org.apache.kafka.tools.${mainClass}`, ...toolArgs], { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** "100000 records sent, 51234.5 records/sec (...)": the final summary line. */
async function javaProduce(topic: string, recordSize: number): Promise<number> {
  const out = await java('ProducerPerformance', [
    '--topic', topic, '--num-records', String(N), '--record-size', String(recordSize), '--throughput', '-1',
    '--producer-props', `bootstrap.servers=${brokers.join(',')}`, 'acks=all',
  ]);
  const m = /(\d+) records sent, ([\d.]+) records\/sec/.exec(out.trim().split('\n').pop() ?? '');
  if (!m) throw new Error(`cannot parse ProducerPerformance output:\n${out}`);
  return Number(m[2]);
}

/** The CSV line after the header; `fetch.nMsg.sec` excludes the group join, like ksdk's steady-state rate. */
async function javaConsume(topic: string, group: string): Promise<number> {
  const out = await java('ConsumerPerformance', ['--bootstrap-server', brokers.join(','), '--topic', topic, '--messages', String(N), '--group', group]);
  const lines = out.trim().split('\n');
  const header = lines.findIndex((l) => l.includes('fetch.nMsg.sec'));
  if (header < 0 || !lines[header + 1]) throw new Error(`cannot parse ConsumerPerformance output:\n${out}`);
  const names = lines[header]!.split(',').map((s) => s.trim());
  const values = lines[header + 1]!.split(',').map((s) => s.trim());
  return Number(values[names.indexOf('fetch.nMsg.sec')]);
}

async function main(): Promise<void> {
  await run('bash', [TOOLS, 'ensure']);
  const cluster = new BenchCluster();
  await cluster.connect();
  const rows: ResultRow[] = [];
  const ksdk = new BenchProducer({ brokers, kafka: quiet });
  const kafkajs: Producer = baselineKafka().producer({ allowAutoTopicCreation: false });
  try {
    await Promise.all([ksdk.connect(), kafkajs.connect()]);
    const recordSize = Buffer.byteLength(ksdk.runtime.toRecord(messages.BenchOrder, order('1k', 0)).record.value!);
    const sink = await cluster.topic('java-produce');
    const inputs = () => Array.from({ length: N }, (_, i) => order('1k', i));

    const produced: Record<Side, number[]> = { ksdk: [], java: [], kafkajs: [] };
    const produceOnce: Record<Side, () => Promise<number>> = {
      java: () => javaProduce(sink, recordSize),
      ksdk: async () => {
        const batch = inputs();
        const t0 = performance.now();
        for (const m of batch) ksdk.produceBenchOrder(m, undefined, { topic: sink });
        if ((await ksdk.flush()) > 0) throw new Error('flush left records pending');
        return N / ((performance.now() - t0) / 1000);
      },
      kafkajs: async () => {
        const batch = inputs();
        const t0 = performance.now();
        for (let i = 0; i < N; i += 500) {
          await kafkajs.sendBatch({ acks: -1, topicMessages: [{ topic: sink, messages: batch.slice(i, i + 500).map((m) => ({ key: m.orderId, value: baselineValue(m) })) }] });
        }
        return N / ((performance.now() - t0) / 1000);
      },
    };
    // Warm-up (the JVM warms up inside each run; ksdk's and kafkajs's JIT here).
    await produceOnce.ksdk();
    await produceOnce.kafkajs();
    await alternate(['java', 'ksdk', 'kafkajs'] as const, args.rounds, async (side) => {
      produced[side].push(await produceOnce[side]());
    }, (r) => progress(`java produce: round ${r + 1}/${args.rounds}`));

    // The consume side drains a topic of N ksdk records (decodable by the subscription).
    const source = await cluster.topic('java-consume');
    progress(`java consume: pre-filling ${N} records`);
    for (const m of inputs()) ksdk.produceBenchOrder(m, undefined, { topic: source });
    if ((await ksdk.flush()) > 0) throw new Error('pre-fill did not complete');
    const consumed: Record<Side, number[]> = { ksdk: [], java: [], kafkajs: [] };
    const consumeOnce: Record<Side, () => Promise<number>> = {
      java: () => javaConsume(source, cluster.group('java-cp')),
      // Each drain in its own process, like the Java tool (see drainInChild).
      ksdk: async () => (await drainInChild('ksdk', { topic: source, groupId: cluster.group('java-ksdk'), count: N, spec: 'orders' })).rate,
      kafkajs: async () => (await drainInChild('eachBatch', { topic: source, groupId: cluster.group('java-kjs'), count: N, spec: 'orders' })).rate,
    };
    await alternate(['java', 'ksdk', 'kafkajs'] as const, args.rounds, async (side) => {
      consumed[side].push(await consumeOnce[side]());
    }, (r) => progress(`java consume: round ${r + 1}/${args.rounds}`));

    const sized = `${recordSize} B records, ${N} msgs, acks=all`;
    rows.push(
      row({ scenario: 'java', case: `produce: ksdk produce()+flush vs ProducerPerformance (${sized})`, unit: 'msg/s', better: 'higher', ksdk: produced.ksdk, baselineName: 'Java', baseline: produced.java }),
      row({ scenario: 'java', case: `produce: kafkajs sendBatch vs ProducerPerformance (context)`, unit: 'msg/s', better: 'higher', ksdk: produced.kafkajs, baselineName: 'Java', baseline: produced.java, note: 'the "ksdk" column is plain kafkajs here' }),
      row({ scenario: 'java', case: `consume: subscription vs ConsumerPerformance (${recordSize} B, ${N} msgs)`, unit: 'msg/s', better: 'higher', ksdk: consumed.ksdk, baselineName: 'Java', baseline: consumed.java }),
      row({ scenario: 'java', case: `consume: kafkajs eachBatch vs ConsumerPerformance (context)`, unit: 'msg/s', better: 'higher', ksdk: consumed.kafkajs, baselineName: 'Java', baseline: consumed.java, note: 'the "ksdk" column is plain kafkajs here' }),
    );
  } finally {
    await ksdk.close().catch(() => undefined);
    await kafkajs.disconnect().catch(() => undefined);
    await cluster.close();
  }
  publish(args.out, rows, `java: ksdk vs Apache Kafka's perf tools (kafka-tools) on the same broker, ${args.rounds} alternating rounds`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
