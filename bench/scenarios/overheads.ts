// Scenario 5, overheads: what each ksdk feature costs, ksdk against ksdk.
//   tracing     on vs off: runs the observability engineer's bench/tracing-overhead.ts
//               (a real OpenTelemetry SDK recording every span, exporter dropping them)
//   validation  on vs off: producer `validate: false`; consumer with the generated validator
//               replaced by an accept-all one (consumers always validate: this is its cost)
// Consumer drains run each in a process of their own (see drainInChild).
//   wire format structured vs binary vs plain: the generated producer with `wireFormat`
//               overridden, and the same subscription draining each format
// ~1 KiB orders; produce()+flush for publishing, fresh-group drains for consuming.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { WireFormat } from '@ksdk/runtime';
import { BenchProducer } from '../client/src/generated/index.js';
import { parseArgs } from '../lib/args.js';
import { drainInChild, type Drained } from '../lib/consumers.js';
import { BenchCluster, brokers, quiet } from '../lib/kafka.js';
import { order } from '../lib/payloads.js';
import { ROOT } from '../lib/paths.js';
import { progress, publish, row, type ResultRow } from '../lib/report.js';
import { alternate, cpuMicros, fmt, median } from '../lib/stats.js';

const run = promisify(execFile);
const args = parseArgs();
const N = args.num('records', 20_000, 5000);
const PARTS = args.list('parts', ['tracing', 'validation', 'formats']);

interface Measured {
  rate: number;
  cpuUs: number;
}

async function produceAll(producer: BenchProducer, topic: string): Promise<Measured> {
  const batch = Array.from({ length: N }, (_, i) => order('1k', i));
  const cpu0 = cpuMicros();
  const t0 = performance.now();
  for (const m of batch) producer.produceBenchOrder(m, undefined, { topic });
  if ((await producer.flush()) > 0) throw new Error('flush left records pending');
  return { rate: N / ((performance.now() - t0) / 1000), cpuUs: (cpuMicros() - cpu0) / N };
}

function rowOf(c: string, on: Measured[] | Drained[], off: Measured[] | Drained[], names: [string, string]): ResultRow {
  return row({
    scenario: 'overheads',
    case: c,
    unit: 'msg/s',
    better: 'higher',
    ksdk: on.map((r) => r.rate),
    baselineName: names[1],
    baseline: off.map((r) => r.rate),
    note: `CPU µs/msg ${names[0]} ${fmt(median(on.map((r) => r.cpuUs)))} vs ${names[1]} ${fmt(median(off.map((r) => r.cpuUs)))}`,
  });
}

/** Parses the table that bench/tracing-overhead.ts prints (its own alternating rounds and medians). */
async function tracing(rows: ResultRow[]): Promise<void> {
  progress(`overheads: tracing (bench/tracing-overhead.ts, ${N} records, ${args.rounds} rounds)`);
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'tracing-overhead.ts'), '--records', String(N), '--rounds', String(args.rounds)], {
    cwd: ROOT,
    env: { ...process.env, KSDK_BROKERS: brokers.join(',') },
    maxBuffer: 16 * 1024 * 1024,
  });
  // "| consume |": a recording SDK; "| ksdk-part consume |": the same pieces with a no-op tracer (ksdk's own work).
  for (const part of ['', 'ksdk-part '] as const) {
    for (const kind of ['publish', 'consume'] as const) {
      const line = stdout.split('\n').find((l) => l.startsWith(`| ${part}${kind} `));
      if (!line) throw new Error(`tracing-overhead.ts printed no ${part}${kind} row:\n${stdout}`);
      const cells = line.split('|').map((c) => c.trim().replace(/,/g, ''));
      // | path | off msg/s | on msg/s | on/off | CPU off | CPU on | CPU on/off |
      const [off, on, cpuOff, cpuOn] = [Number(cells[2]), Number(cells[3]), Number(cells[5]), Number(cells[6])];
      const what = kind === 'publish' ? 'produce()+flush' : 'subscription';
      const r = row({
        scenario: 'overheads',
        case: part ? `tracing, ksdk's part (no-op tracer) vs off, ${what} (${N} msgs)` : `tracing on vs off, ${what} (${N} msgs)`,
        unit: 'msg/s',
        better: 'higher',
        ksdk: [on],
        baselineName: 'tracing off',
        baseline: [off],
        ratioGoal: { min: 0.85 },
      });
      r.note = `CPU µs/msg ${part ? 'no-op tracer' : 'on'} ${cpuOn} vs off ${cpuOff}; medians of ${args.rounds} rounds from tracing-overhead.ts`;
      rows.push(r);
    }
  }
}

async function main(): Promise<void> {
  const rows: ResultRow[] = [];
  if (PARTS.includes('tracing')) await tracing(rows);
  const cluster = new BenchCluster();
  await cluster.connect();
  try {
    if (PARTS.includes('validation')) {
      const topic = await cluster.topic('validation');
      const producers = { on: new BenchProducer({ brokers, kafka: quiet }), off: new BenchProducer({ brokers, kafka: quiet, validate: false }) };
      await produceAll(producers.on, topic);
      await produceAll(producers.off, topic);
      const pub: Record<'on' | 'off', Measured[]> = { on: [], off: [] };
      await alternate(['on', 'off'] as const, args.rounds, async (side) => {
        pub[side].push(await produceAll(producers[side], topic));
      }, (r) => progress(`overheads: validation publish round ${r + 1}/${args.rounds}`));
      await Promise.all([producers.on.close(), producers.off.close()]);
      rows.push(rowOf(`validation on vs off, produce()+flush (${N} msgs)`, pub.on, pub.off, ['on', 'validation off']));

      // The topic now holds (rounds * 2 + 2) * N records; drain N of them, each drain in its
      // own process; "off" replaces the generated validator with an accept-all one.
      const sub: Record<'on' | 'off', Drained[]> = { on: [], off: [] };
      await alternate(['on', 'off'] as const, args.rounds, async (side) => {
        sub[side].push(await drainInChild('ksdk', { topic, groupId: cluster.group(`val-${side}`), count: N, spec: 'orders', validate: side === 'on' }));
      }, (r) => progress(`overheads: validation consume round ${r + 1}/${args.rounds}`));
      rows.push(rowOf(`validation on vs off, subscription (${N} msgs)`, sub.on, sub.off, ['on', 'validation off']));
    }

    if (PARTS.includes('formats')) {
      const formats: WireFormat[] = ['structured', 'binary', 'plain'];
      const topics = Object.fromEntries(await Promise.all(formats.map(async (f) => [f, await cluster.topic(`format-${f}`)] as const))) as Record<WireFormat, string>;
      const producers = Object.fromEntries(formats.map((f) => [f, new BenchProducer({ brokers, kafka: quiet, wireFormat: f })])) as Record<WireFormat, BenchProducer>;
      for (const f of formats) await produceAll(producers[f], topics[f]);
      const pub: Record<WireFormat, Measured[]> = { structured: [], binary: [], plain: [] };
      await alternate(formats, args.rounds, async (f) => {
        pub[f].push(await produceAll(producers[f], topics[f]));
      }, (r) => progress(`overheads: formats publish round ${r + 1}/${args.rounds}`));
      await Promise.all(formats.map((f) => producers[f].close()));
      const sub: Record<WireFormat, Drained[]> = { structured: [], binary: [], plain: [] };
      await alternate(formats, args.rounds, async (f) => {
        sub[f].push(await drainInChild('ksdk', { topic: topics[f], groupId: cluster.group(`fmt-${f}`), count: N, spec: 'orders' }));
      }, (r) => progress(`overheads: formats consume round ${r + 1}/${args.rounds}`));
      for (const f of ['binary', 'plain'] as const) {
        rows.push(rowOf(`${f} vs structured, produce()+flush (${N} msgs)`, pub[f], pub.structured, [f, 'structured']));
        rows.push(rowOf(`${f} vs structured, subscription (${N} msgs)`, sub[f], sub.structured, [f, 'structured']));
      }
    }
  } finally {
    await cluster.close();
  }
  publish(args.out, rows, `overheads: ksdk feature on ÷ off, ~1 KiB orders, ${args.rounds} alternating rounds`);
  for (const r of rows) console.log(`  ${r.case}: ${r.note}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
