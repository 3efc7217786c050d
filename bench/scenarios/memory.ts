// Scenario 7, memory: peak RSS of a consumer draining a backlog of one million small
// messages (~300 B BenchTick CloudEvents). Each drain runs in its own child process
// (bench/scenarios/drain-child.ts): a generated subscription vs plain kafkajs
// `eachMessage` (JSON.parse per record), alternating, on the same pre-filled topic. A third
// side runs the subscription with 128 KiB fetches per partition (a custom ClientFactory):
// kafkajs's default fetch sizes (1 MiB per partition, 10 MiB per request) are what most
// of the peak is made of, on both sides.
import type { Message, Producer } from 'kafkajs';
import { BenchProducer, messages } from '../client/src/generated/index.js';
import { parseArgs } from '../lib/args.js';
import { baselineKafka, BenchCluster, brokers, fill, quiet, recordCount } from '../lib/kafka.js';
import { drainInChild, type ChildDrained } from '../lib/consumers.js';
import { tick } from '../lib/payloads.js';
import { progress, publish, row, type ResultRow } from '../lib/report.js';
import { alternate, median } from '../lib/stats.js';

const args = parseArgs();
const N = args.num('records', 1_000_000, 100_000);
type Side = 'ksdk' | 'eachMessage' | 'ksdk128k';
const FETCH_128K = 128 * 1024;

async function main(): Promise<void> {
  const cluster = new BenchCluster();
  await cluster.connect();
  const rows: ResultRow[] = [];
  try {
    const topic = await cluster.topic('memory');
    // Pre-fill with records the generated producer encodes (a pool of 1000, cycled: the
    // consumer decodes every record anyway), written by plain kafkajs for speed.
    const encoder = new BenchProducer({ brokers, kafka: quiet });
    const pool: Message[] = Array.from({ length: 1000 }, (_, i) => encoder.runtime.toRecord(messages.BenchTick, tick(i)).record);
    const producer: Producer = baselineKafka().producer({ allowAutoTopicCreation: false });
    await producer.connect();
    progress(`memory: pre-filling ${N} records of ~${pool[0]!.value!.length} B`);
    const t0 = performance.now();
    await fill(producer, topic, N, (i) => pool[i % pool.length]!, 2000, 4);
    await producer.disconnect();
    progress(`memory: pre-filled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const held = await recordCount(cluster.admin, topic);
    if (held !== N) throw new Error(`pre-fill wrote ${held} records, expected ${N}`);

    const reports: Record<Side, ChildDrained[]> = { ksdk: [], eachMessage: [], ksdk128k: [] };
    await alternate(['ksdk', 'eachMessage', 'ksdk128k'] as const, args.rounds, async (side) => {
      const report = await drainInChild(side === 'ksdk128k' ? 'ksdk' : side, {
        topic,
        groupId: cluster.group(`memory-${side}`),
        count: N,
        spec: 'ticks',
        ...(side === 'ksdk128k' ? { fetchBytes: FETCH_128K } : {}),
      });
      reports[side].push(report);
      progress(`memory ${side}: ${report.maxRssMB.toFixed(0)} MB peak RSS, ${Math.round(report.rate)} msg/s`);
    }, (r) => progress(`memory: round ${r + 1}/${args.rounds}`));

    rows.push(
      row({
        scenario: 'memory',
        case: `consumer peak RSS draining ${N.toLocaleString('en-US')} small msgs`,
        unit: 'MB',
        better: 'lower',
        ksdk: reports.ksdk.map((r) => r.maxRssMB),
        baselineName: 'kafkajs eachMessage',
        baseline: reports.eachMessage.map((r) => r.maxRssMB),
        valueGoal: { max: 150, text: '≤ 150 MB' },
        note: 'whole process (node, kafkajs, the client); heap peaks in the detail lines',
      }),
      row({
        scenario: 'memory',
        case: `drain rate of the same run`,
        unit: 'msg/s',
        better: 'higher',
        ksdk: reports.ksdk.map((r) => r.rate),
        baselineName: 'kafkajs eachMessage',
        baseline: reports.eachMessage.map((r) => r.rate),
      }),
      row({
        scenario: 'memory',
        case: `peak RSS, subscription with 128 KiB fetches per partition`,
        unit: 'MB',
        better: 'lower',
        ksdk: reports.ksdk128k.map((r) => r.maxRssMB),
        baselineName: 'kafkajs eachMessage',
        baseline: reports.eachMessage.map((r) => r.maxRssMB),
        valueGoal: { max: 150, text: '≤ 150 MB' },
        note: `drain rate ${Math.round(median(reports.ksdk128k.map((r) => r.rate)))} msg/s with 128 KiB fetches`,
      }),
    );
    for (const side of ['ksdk', 'eachMessage', 'ksdk128k'] as const) {
      console.log(`  ${side}: heap peak ${reports[side].map((r) => r.heapMaxMB.toFixed(0)).join(', ')} MB; drain ${reports[side].map((r) => r.seconds.toFixed(1)).join(', ')} s`);
    }
  } finally {
    await cluster.close();
  }
  publish(args.out, rows, `memory: one million small messages, each drain in its own process, ${args.rounds} alternating rounds`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
