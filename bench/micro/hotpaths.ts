// Microbenchmark (no broker): ksdk's own per-record cost on its hot paths, with kafkajs
// replaced by stand-ins that answer at once. What remains is ksdk's work (validation,
// envelope, encoding, decoding, message context, bookkeeping) next to the minimum an
// application does with plain kafkajs (JSON.stringify / JSON.parse). CPU µs per record,
// median of alternating rounds. For profiling: node --cpu-prof bench/out/js/micro/hotpaths.js
// With `--before <dir>/dist/index.js` (e.g. a snapshot from bench/tools/ab.sh) it also runs
// that build of the runtime in the same process, alternating, for before/after ratios that
// the machine's noise does not swamp.
//
//   node bench/out/js/micro/hotpaths.js [--records 20000] [--rounds 5] [--paths consume,produce,batch]
//                                       [--sizes 1k,10k] [--before bench/out/ab/before/node_modules/@ksdk/runtime/dist/index.js]
import type { KafkaMessage } from 'kafkajs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as current from '@ksdk/runtime';
import type { MessageHandler, MessageMetadata } from '@ksdk/runtime';
import { BenchProducer, messages, subscriptionSpecs } from '../client/src/generated/index.js';
import { parseArgs } from '../lib/args.js';
import { asFetched, inBatches, InstantKafka } from '../lib/instantKafka.js';
import { baselineValue, order, SIZES, type PayloadSize } from '../lib/payloads.js';
import { alternate, cpuMicros, fmt, median } from '../lib/stats.js';

const args = parseArgs();
const N = args.num('records', 20_000, 5000);
const PATHS = args.list('paths', ['consume', 'produce', 'batch']);
const BATCH = 500;
type Runtime = Pick<typeof current, 'KsdkProducer' | 'Subscription'>;
const beforePath = args.str('before');
const before: Runtime | undefined = beforePath ? ((await import(pathToFileURL(path.resolve(beforePath)).href)) as Runtime) : undefined;
type Side = 'ksdk' | 'before' | 'app';
const SIDES: Side[] = before ? ['ksdk', 'before', 'app'] : ['ksdk', 'app'];

async function cpuPerRecord(body: () => Promise<void>): Promise<number> {
  const c0 = cpuMicros();
  await body();
  return (cpuMicros() - c0) / N;
}

async function consume(size: PayloadSize): Promise<Record<Side, number>> {
  const kafka = new InstantKafka();
  const encoder = new BenchProducer({ factory: kafka });
  const fetched = Array.from({ length: N }, (_, i) => asFetched(encoder.runtime.toRecord(messages.BenchOrder, order(size, i)).record, i));
  kafka.batches = inBatches(fetched);
  const subscription = (runtime: Runtime) => async () => {
    let seen = 0;
    let done!: () => void;
    const all = new Promise<void>((r) => (done = r));
    const handler: MessageHandler<MessageMetadata> = {
      handle: () => {
        if (++seen === N) done();
        return true;
      },
    };
    const sub = new runtime.Subscription(subscriptionSpecs.orders, handler, { factory: kafka });
    await sub.start();
    await all;
    await sub.stop();
  };
  return measure({
    ksdk: subscription(current),
    ...(before ? { before: subscription(before) } : {}),
    // kafkajs eachMessage's shape: one awaited callback per record that parses the JSON value.
    app: async () => {
      const each = async (m: KafkaMessage) => {
        JSON.parse(m.value!.toString('utf8'));
      };
      for (const batch of kafka.batches) for (const m of batch) await each(m);
    },
  });
}

async function produce(size: PayloadSize, mode: 'produce' | 'batch'): Promise<Record<Side, number>> {
  const kafka = new InstantKafka();
  const sink = kafka.createProducer();
  const producers: Array<{ close(): Promise<void> }> = [];
  const publisher = (runtime: Runtime) => {
    // What the generated BenchProducer does, on the given build of the runtime.
    const producer = new runtime.KsdkProducer({ ...BenchProducer.manifestSettings, factory: kafka });
    producers.push(producer);
    return async () => {
      const inputs = Array.from({ length: N }, (_, i) => order(size, i));
      let failed = 0;
      if (mode === 'produce') {
        for (const m of inputs) producer.produce(messages.BenchOrder, m, (r) => void (r.status === 'failed' && failed++));
        await producer.flush();
      } else {
        for (let i = 0; i < N; i += BATCH) failed += (await producer.publishBatch(messages.BenchOrder, inputs.slice(i, i + BATCH))).failed.length;
      }
      if (failed > 0) throw new Error(`${failed} records failed`);
    };
  };
  const r = await measure({
    ksdk: publisher(current),
    ...(before ? { before: publisher(before) } : {}),
    // A kafkajs application: stringify (with an id and a timestamp) and send in chunks.
    app: async () => {
      const inputs = Array.from({ length: N }, (_, i) => order(size, i));
      for (let i = 0; i < N; i += BATCH) {
        await sink.send({ topic: 't', acks: -1, messages: inputs.slice(i, i + BATCH).map((m) => ({ key: m.orderId, value: baselineValue(m) })) });
      }
    },
  });
  await Promise.all(producers.map((p) => p.close()));
  return r;
}

async function measure(sides: Partial<Record<Side, () => Promise<void>>>): Promise<Record<Side, number>> {
  for (const side of SIDES) await sides[side]!();
  const out: Record<Side, number[]> = { ksdk: [], before: [], app: [] };
  await alternate(SIDES, args.rounds, async (side) => {
    out[side].push(await cpuPerRecord(sides[side]!));
  });
  return { ksdk: median(out.ksdk), before: median(out.before), app: median(out.app) };
}

async function main(): Promise<void> {
  console.log(`ksdk hot paths without a broker: CPU µs per record, median of ${args.rounds} alternating rounds of ${N}${before ? `; "before" = ${beforePath}` : ''}`);
  console.log(`| path | size | ksdk µs |${before ? ' before µs | after ÷ before |' : ''} app-with-kafkajs µs | ksdk ÷ app |`);
  console.log(`| ---- | ---- | ------: |${before ? ' --------: | ------------: |' : ''} ------------------: | ---------: |`);
  for (const size of args.list('sizes', SIZES) as PayloadSize[]) {
    const results: Array<[string, Record<Side, number>]> = [];
    if (PATHS.includes('consume')) results.push(['consume (subscription)', await consume(size)]);
    if (PATHS.includes('produce')) results.push(['produce()+flush', await produce(size, 'produce')]);
    if (PATHS.includes('batch')) results.push(['publishBatch', await produce(size, 'batch')]);
    for (const [name, r] of results) {
      const ab = before ? ` ${fmt(r.before)} | ${(r.ksdk / r.before).toFixed(3)} |` : '';
      console.log(`| ${name} | ${size} | ${fmt(r.ksdk)} |${ab} ${fmt(r.app)} | ${(r.ksdk / r.app).toFixed(2)} |`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
