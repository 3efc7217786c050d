// Scenario 3, end-to-end latency: p50/p99 from publish to handler at a fixed rate.
// One process publishes ~1 KiB orders at `--rate` msg/s for `--seconds` and consumes them;
// every message carries its send time (performance.now(), same clock), the handler records
// now - sentAt. ksdk: the generated producer's fire-and-forget `produceBenchOrder()` and a
// generated subscription. Baseline: kafkajs `send()` per message (not awaited, as a
// fire-and-forget caller would) and `eachMessage`. Same topic layout, same fetch wait.
// Every side-round runs in a process of its own (`--child`), on a fresh topic, after a
// warm-up second that is not measured.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Kafka } from 'kafkajs';
import { BenchProducer, subscriptionSpecs } from '../client/src/generated/index.js';
import { parseArgs } from '../lib/args.js';
import { MAX_WAIT_MS } from '../lib/consumers.js';
import { baselineKafka, BenchCluster, brokers, quiet } from '../lib/kafka.js';
import { nodeArgs } from '../lib/paths.js';
import { baselineValue, order } from '../lib/payloads.js';
import { progress, publish, row, type ResultRow } from '../lib/report.js';
import { alternate, percentile } from '../lib/stats.js';
import { Subscription, type MessageHandler } from '@ksdk/runtime';
import type { BenchOrder } from '../client/src/generated/index.js';

const run = promisify(execFile);
const args = parseArgs();
const RATE = args.num('rate', 1000);
const SECONDS = args.num('seconds', 10, 3);
/** Sends are issued in ticks of this many ms (setTimeout's resolution is ~1 ms). */
const TICK_MS = 5;
type Side = 'ksdk' | 'kafkajs';

interface Latencies {
  p50: number;
  p99: number;
  max: number;
  received: number;
}

/** Runs one side: consumer up and joined, then `RATE` msg/s for `SECONDS`, then waits for every message. */
async function runSide(side: Side, cluster: BenchCluster, round: number, count = Math.round(RATE * SECONDS)): Promise<Latencies> {
  const topic = await cluster.topic(`latency-${side}-${round}`);
  const groupId = cluster.group(`latency-${side}`);
  const total = count;
  const samples = new Float64Array(total);
  let received = 0;
  let probes = 0;
  let allIn!: () => void;
  const done = new Promise<void>((resolve) => (allIn = resolve));
  const onMessage = (seq: number, sentAt: number) => {
    if (seq < 0) {
      probes++;
      return;
    }
    samples[seq] = performance.now() - sentAt;
    if (++received === total) allIn();
  };
  const templates = Array.from({ length: 64 }, (_, i) => order('1k', i));

  let send: (seq: number) => void;
  let stop: () => Promise<void>;
  if (side === 'ksdk') {
    const producer = new BenchProducer({ brokers, kafka: quiet });
    const handler: MessageHandler<BenchOrder> = {
      handle: (m) => {
        onMessage(Number(m.notes), m.sentAt);
        return true;
      },
    };
    const sub = new Subscription(subscriptionSpecs.orders, handler, { brokers, kafka: quiet, maxWaitTimeMs: MAX_WAIT_MS, overrides: { orders: { topic, groupId } } });
    await Promise.all([producer.connect(), sub.start()]);
    send = (seq) => {
      const m = { ...templates[seq & 63]!, notes: String(seq), sentAt: performance.now() };
      producer.produceBenchOrder(m, undefined, { topic });
    };
    stop = async () => {
      await producer.close();
      await sub.stop();
    };
  } else {
    const kafka: Kafka = baselineKafka('bench-latency');
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: MAX_WAIT_MS, allowAutoTopicCreation: false });
    await Promise.all([producer.connect(), consumer.connect()]);
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const m = JSON.parse(message.value!.toString('utf8')) as BenchOrder;
        onMessage(Number(m.notes), m.sentAt);
      },
    });
    send = (seq) => {
      const m = { ...templates[seq & 63]!, notes: String(seq), sentAt: performance.now() };
      producer.send({ topic, acks: -1, messages: [{ key: m.orderId, value: baselineValue(m) }] }).catch(() => undefined);
    };
    stop = async () => {
      await producer.disconnect();
      await consumer.disconnect();
    };
  }

  // Wait until the consumer has joined and fetches: probes (seq -1, not measured) until one comes back.
  const probeUntil = performance.now() + 30_000;
  while (probes === 0) {
    if (performance.now() > probeUntil) throw new Error(`${side}: consumer never received a probe`);
    send(-1);
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 500));

  // The fixed-rate phase: message i is due at start + i / RATE; each tick sends what is due.
  const start = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * RATE) + 1);
      while (next < due) send(next++);
      if (next >= total) resolve();
      else setTimeout(tick, TICK_MS);
    };
    tick();
  });
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000).unref());
  if ((await Promise.race([done, timeout])) === 'timeout') throw new Error(`${side}: only ${received}/${total} messages arrived`);
  await stop();
  const xs = Array.from(samples);
  return { p50: percentile(xs, 50), p99: percentile(xs, 99), max: Math.max(...xs), received };
}

/** One side-round in this process: prints its latencies as one JSON line. */
async function child(): Promise<void> {
  const cluster = new BenchCluster();
  await cluster.connect();
  try {
    const side = args.str('side') as Side;
    // Warm-up (JIT, connections): one second at the rate, not measured.
    await runSide(side, cluster, 0, Math.min(RATE, Math.round(RATE * SECONDS)));
    console.log(JSON.stringify(await runSide(side, cluster, 1)));
  } finally {
    await cluster.close();
  }
}

async function main(): Promise<void> {
  const rows: ResultRow[] = [];
  const results: Record<Side, Latencies[]> = { ksdk: [], kafkajs: [] };
  await alternate(['ksdk', 'kafkajs'] as const, args.rounds, async (side) => {
    const { stdout } = await run(process.execPath, [...nodeArgs('scenarios/latency'), '--child', '--side', side, '--rate', String(RATE), '--seconds', String(SECONDS)], {
      env: { ...process.env, KSDK_BROKERS: brokers.join(',') },
      maxBuffer: 16 * 1024 * 1024,
    });
    results[side].push(JSON.parse(stdout.trim().split('\n').pop()!) as Latencies);
  }, (r) => progress(`latency: round ${r + 1}/${args.rounds}`));
  for (const p of ['p50', 'p99'] as const) {
    rows.push(
      row({
        scenario: 'latency',
        case: `${p} publish → handler, ~1 KiB at ${RATE} msg/s for ${SECONDS} s`,
        unit: 'ms',
        better: 'lower',
        ksdk: results.ksdk.map((r) => r[p]),
        baselineName: 'kafkajs',
        baseline: results.kafkajs.map((r) => r[p]),
        ...(p === 'p99' ? { ratioGoal: { max: 1.2 } } : {}),
      }),
    );
  }
  publish(args.out, rows, `latency: generated producer + subscription vs plain kafkajs, ${args.rounds} alternating rounds`);
}

(process.argv.includes('--child') ? child() : main()).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
