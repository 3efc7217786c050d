// Scenario 2, consume: a generated subscription (decode the structured CloudEvent, validate,
// build the message context, trivial handler, commit) against plain kafkajs `eachMessage` and
// `eachBatch` (JSON.parse of each value, commit), each draining the same pre-filled topic
// from the beginning with a fresh consumer group, each drain in a process of its own (so no
// side inherits another's state: JIT, promise hooks, buffers). Alternating order every round.
import { BenchProducer } from '../client/src/generated/index.js';
import { parseArgs } from '../lib/args.js';
import { drainInChild, type Drained, type DrainSide } from '../lib/consumers.js';
import { BenchCluster, brokers, quiet, recordCount } from '../lib/kafka.js';
import { order, SIZE_LABEL, SIZES, type PayloadSize } from '../lib/payloads.js';
import { progress, publish, row, type ResultRow } from '../lib/report.js';
import { alternate, fmt, median } from '../lib/stats.js';

const args = parseArgs();
const count = (size: PayloadSize) => Math.round(args.num('records', 50_000, 10_000) * (size === '10k' ? 0.2 : 1));
const SIDES = args.list('sides', ['ksdk', 'eachMessage', 'eachBatch']) as DrainSide[];

async function main(): Promise<void> {
  const cluster = new BenchCluster();
  await cluster.connect();
  const rows: ResultRow[] = [];
  try {
    for (const size of args.list('sizes', SIZES) as PayloadSize[]) {
      const n = count(size);
      const topic = await cluster.topic(`consume-${size}`);
      progress(`consume ${SIZE_LABEL[size]}: pre-filling ${n} records with the generated producer`);
      const producer = new BenchProducer({ brokers, kafka: quiet, batchSize: size === '10k' ? 50 : 500 });
      for (let i = 0; i < n; i++) producer.produceBenchOrder(order(size, i), undefined, { topic });
      if ((await producer.flush()) > 0) throw new Error('pre-fill did not complete');
      await producer.close();
      const held = await recordCount(cluster.admin, topic);
      if (held !== n) throw new Error(`pre-fill wrote ${held} records, expected ${n}`);

      const drainOn = (side: DrainSide) => drainInChild(side, { topic, groupId: cluster.group(`consume-${side}`), count: n, spec: 'orders' });
      const results: Record<DrainSide, Drained[]> = { ksdk: [], eachMessage: [], eachBatch: [] };
      await alternate(SIDES, args.rounds, async (side) => {
        results[side].push(await drainOn(side));
      }, (r) => progress(`consume ${SIZE_LABEL[size]}: round ${r + 1}/${args.rounds}`));

      for (const baseline of (['eachMessage', 'eachBatch'] as const).filter((b) => SIDES.includes(b) && SIDES.includes('ksdk'))) {
        rows.push(
          row({
            scenario: 'consume',
            case: `subscription vs kafkajs ${baseline}, ${SIZE_LABEL[size]} (${n} msgs)`,
            unit: 'msg/s',
            better: 'higher',
            ksdk: results.ksdk.map((r) => r.rate),
            baselineName: `kafkajs ${baseline}`,
            baseline: results[baseline].map((r) => r.rate),
            ratioGoal: { min: 0.95 },
            note: `CPU µs/msg ksdk ${fmt(median(results.ksdk.map((r) => r.cpuUs)))} vs ${fmt(median(results[baseline].map((r) => r.cpuUs)))}; incl. group join: ${fmt(median(results.ksdk.map((r) => r.rateWithJoin)))} vs ${fmt(median(results[baseline].map((r) => r.rateWithJoin)))} msg/s`,
          }),
        );
      }
    }
  } finally {
    await cluster.close();
  }
  publish(args.out, rows, `consume: generated subscription vs plain kafkajs, draining a pre-filled topic, ${args.rounds} alternating rounds`);
  for (const r of rows) console.log(`  ${r.case}: ${r.note}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
