// Scenario 1, publish: the generated BenchProducer (CloudEvents structured, validation on,
// acks=all) against plain kafkajs sending the equivalent JSON (acks=all), same broker,
// same topic, alternating rounds.
//   single  awaited `publishBenchOrder()` one at a time   vs awaited `producer.send()` of one message
//   batch   `publishBenchOrderBatch()` (chunks of 500/100) vs awaited `sendBatch()` of the same chunks
//   produce `produceBenchOrder()` for all, then `flush()` vs the same sendBatch loop (kafkajs has no produce/flush)
import type { Message, Producer } from 'kafkajs';
import { BenchProducer } from '../client/src/generated/index.js';
import { parseArgs } from '../lib/args.js';
import { baselineKafka, BenchCluster, brokers, quiet } from '../lib/kafka.js';
import { baselineValue, order, SIZE_LABEL, SIZES, type PayloadSize } from '../lib/payloads.js';
import { progress, publish, row, type ResultRow } from '../lib/report.js';
import { alternate, cpuMicros, fmt, median } from '../lib/stats.js';

const args = parseArgs();
/** Records per request: 500 of 1 KiB, 100 of 10 KiB (kafkajs sends a chunk as one request per partition, under the broker's 1 MB message.max.bytes). */
const CHUNKS: Record<PayloadSize, number> = { '1k': 500, '10k': 100 };
type Side = 'ksdk' | 'kafkajs';
type Case = 'single' | 'batch' | 'produce';
const CASES = args.list('cases', ['single', 'batch', 'produce']) as Case[];
const count = (c: Case, size: PayloadSize): number => {
  const big = size === '10k' ? 0.25 : 1;
  if (c === 'single') return Math.round(args.num('single', 2000, 400) * big);
  return Math.round(args.num('records', 20_000, 5000) * big);
};

interface Measured {
  rate: number;
  cpuUs: number;
}

async function timed(n: number, body: () => Promise<void>): Promise<Measured> {
  const cpu0 = cpuMicros();
  const t0 = performance.now();
  await body();
  const seconds = (performance.now() - t0) / 1000;
  return { rate: n / seconds, cpuUs: (cpuMicros() - cpu0) / n };
}

async function main(): Promise<void> {
  const cluster = new BenchCluster();
  await cluster.connect();
  const ksdk = new BenchProducer({ brokers, kafka: quiet });
  const kafkajs: Producer = baselineKafka().producer({ allowAutoTopicCreation: false });
  const rows: ResultRow[] = [];
  try {
    await Promise.all([ksdk.connect(), kafkajs.connect()]);
    for (const size of args.list('sizes', SIZES) as PayloadSize[]) {
      const topic = await cluster.topic(`publish-${size}`);
      const CHUNK = CHUNKS[size];
      const inputs = (n: number) => Array.from({ length: n }, (_, i) => order(size, i));
      const toBaseline = (input: ReturnType<typeof order>): Message => ({ key: input.orderId, value: baselineValue(input) });
      const sendChunks = async (batch: ReturnType<typeof order>[]) => {
        for (let i = 0; i < batch.length; i += CHUNK) {
          await kafkajs.sendBatch({ acks: -1, topicMessages: [{ topic, messages: batch.slice(i, i + CHUNK).map(toBaseline) }] });
        }
      };
      const run: Record<Case, Record<Side, (batch: ReturnType<typeof order>[]) => Promise<void>>> = {
        single: {
          ksdk: async (batch) => {
            for (const m of batch) await ksdk.publishBenchOrder(m, { topic });
          },
          kafkajs: async (batch) => {
            for (const m of batch) await kafkajs.send({ topic, acks: -1, messages: [toBaseline(m)] });
          },
        },
        batch: {
          ksdk: async (batch) => {
            const r = await ksdk.publishBenchOrderBatch(batch, { topic, batchSize: CHUNK });
            if (r.failed.length > 0) throw r.failed[0]!.error;
          },
          kafkajs: sendChunks,
        },
        produce: {
          ksdk: async (batch) => {
            let failed: Error | undefined;
            for (const m of batch) ksdk.produceBenchOrder(m, (r) => void (r.status === 'failed' && (failed ??= r.error)), { topic });
            const left = await ksdk.flush();
            if (failed || left > 0) throw failed ?? new Error(`${left} records still pending after flush`);
          },
          kafkajs: sendChunks,
        },
      };
      // Warm-up, not counted: JIT, metadata, connections to the partition leaders.
      for (const c of CASES) for (const side of ['ksdk', 'kafkajs'] as const) await run[c][side](inputs(Math.min(200, count(c, size))));

      for (const c of CASES) {
        const n = count(c, size);
        const results: Record<Side, Measured[]> = { ksdk: [], kafkajs: [] };
        await alternate(['ksdk', 'kafkajs'] as const, args.rounds, async (side) => {
          const batch = inputs(n);
          results[side].push(await timed(n, () => run[c][side](batch)));
        }, (r) => progress(`publish ${c} ${SIZE_LABEL[size]}: round ${r + 1}/${args.rounds}`));
        const label: Record<Case, string> = {
          single: 'single awaited publish vs send',
          batch: `publishBatch vs sendBatch (chunks of ${CHUNK})`,
          produce: 'produce()+flush vs sendBatch',
        };
        rows.push(
          row({
            scenario: 'publish',
            case: `${label[c]}, ${SIZE_LABEL[size]} (${n} msgs)`,
            unit: 'msg/s',
            better: 'higher',
            ksdk: results.ksdk.map((r) => r.rate),
            baselineName: 'kafkajs',
            baseline: results.kafkajs.map((r) => r.rate),
            ratioGoal: { min: 0.95 },
            note: `CPU µs/msg: ksdk ${fmt(median(results.ksdk.map((r) => r.cpuUs)))}, kafkajs ${fmt(median(results.kafkajs.map((r) => r.cpuUs)))}`,
          }),
        );
      }
    }
  } finally {
    await ksdk.close().catch(() => undefined);
    await kafkajs.disconnect().catch(() => undefined);
    await cluster.close();
  }
  publish(args.out, rows, `publish: generated BenchProducer vs plain kafkajs, acks=all, ${args.rounds} alternating rounds`);
  for (const r of rows) console.log(`  ${r.case}: ${r.note}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
