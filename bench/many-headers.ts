// Records with thousands of headers (issue 13, item 8). kafkajs 2.2.4 builds a record's
// headers object with a spread per header (quadratic); @ksdk/runtime patches that step to
// linear when it loads its kafkajs adapter (runtime/src/kafka/linearHeaderDecoding.ts).
//
// Two measurements per header count:
// - decode: kafkajs's own record decoder on one record's bytes, kafkajs's original header
//   step vs the patched one (same process, no broker);
// - subscription: one record with N headers and a normal record behind it on a 1-partition
//   topic, a ksdk Subscription run by a Worker: seconds from `start()` to the first handling
//   of the big record, to the record behind it, and to the committed offset past both, plus
//   how often the big record was handled (redeliveries). N = 0 is the baseline (group join).
//   The patch is in effect unless KSDK_KAFKAJS_HEADER_PATCH=off ("before"); then a record whose
//   decoding outlasts the session time-out is handled again and again, never committed.
//
//   npm run build && npx tsc -p bench && KSDK_BROKERS=127.0.0.1:9092 node bench/out/js/many-headers.js
//   KSDK_KAFKAJS_HEADER_PATCH=off node bench/out/js/many-headers.js --sizes 0,5000 --timeout 200
//   node bench/out/js/many-headers.js --decode-only
import { createRequire } from 'node:module';
import { Subscription, Worker, linearHeaderDecoding } from '@ksdk/runtime';
import type { MessageDescriptor, SubscriptionSpec } from '@ksdk/runtime/codegen';
import { encodeMessage, splitMessage } from '@ksdk/runtime/wire';
import type { IHeaders } from 'kafkajs';
import { parseArgs } from './lib/args.js';
import { baselineKafka, BenchCluster, brokers, quiet } from './lib/kafka.js';

const args = parseArgs();
const SIZES = args.list('sizes', ['0', '5000', '20000']).map(Number);
const TIMEOUT_MS = args.num('timeout', 150) * 1000;
const DECODE_ONLY = process.argv.includes('--decode-only');
/** Set by the patch on its wrapper: kafkajs's own readVarIntArray. */
const ORIGINAL = Symbol.for('ksdk.kafkajs.readVarIntArray.original');

interface Note {
  id: string;
}
const descriptor = (topic: string): MessageDescriptor<Note & { timeStamp: string }> => ({
  name: 'Note',
  type: 'com.example.bench.Note',
  topic,
  validate: () => true,
});

const manyHeaders = (n: number): IHeaders => {
  const headers: IHeaders = {};
  for (let i = 0; i < n; i++) headers[`h-${i}`] = `v-${i}`;
  return headers;
};

const seconds = (ms: number | undefined) => (ms === undefined ? '—' : (ms / 1000).toFixed(2));

/** kafkajs's record decoder on one record with `n` headers: original header step vs patched. */
function decodeTimes(n: number): { originalMs: number; patchedMs: number } {
  // kafkajs as @ksdk/runtime resolves it: the instance the patch changed.
  const require = createRequire(import.meta.resolve('@ksdk/runtime'));
  const Encoder = require('kafkajs/src/protocol/encoder');
  const Decoder = require('kafkajs/src/protocol/decoder');
  const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0');
  const decodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/decoder');
  if (linearHeaderDecoding() !== 'applied') console.log('(the patch is not applied: both columns are kafkajs as it is)');
  const bytes: Buffer = new Encoder().writeEncoder(encodeRecord({ key: Buffer.from('k'), value: Buffer.from('{}'), headers: manyHeaders(n) })).buffer;
  const time = (original: boolean) => {
    const decoder = new Decoder(bytes);
    decoder.readVarInt(); // the record's length
    if (original) decoder.readVarIntArray = decoder.readVarIntArray[ORIGINAL] ?? decoder.readVarIntArray;
    const t0 = performance.now();
    const record = decodeRecord(decoder, { firstOffset: '0', firstTimestamp: '0' });
    const ms = performance.now() - t0;
    if (Object.keys(record.headers).length !== n) throw new Error(`decoded ${Object.keys(record.headers).length} headers, expected ${n}`);
    return ms;
  };
  return { originalMs: time(true), patchedMs: time(false) };
}

interface Run {
  handledMs?: number;
  behindMs?: number;
  committedMs?: number;
  handlings: number;
}

async function subscriptionRun(cluster: BenchCluster, n: number): Promise<Run> {
  const topic = await cluster.topic(`headers-${n}`, 1);
  const groupId = cluster.group(`headers-${n}`);
  const producer = baselineKafka('bench-headers-producer').producer();
  await producer.connect();
  const record = (id: string, headers: IHeaders) => {
    const message = { id, timeStamp: new Date().toISOString() };
    const encoded = encodeMessage(descriptor(topic), message, splitMessage(message), 'structured', 'urn:ksdk:bench');
    return { key: id, value: encoded.value, headers: { ...headers, ...encoded.headers } };
  };
  await producer.send({ topic, acks: -1, messages: [record('big', manyHeaders(n)), record('behind', {})] });
  await producer.disconnect();

  const run: Run = { handlings: 0 };
  const spec: SubscriptionSpec<Note & { timeStamp: string }> = { name: 'headers', topic, groupId, messages: [descriptor(topic)], retry: { mode: 'none' } };
  let t0 = 0;
  const sub = new Subscription(
    spec,
    {
      handle: (m) => {
        if (m.id === 'big') {
          run.handlings++;
          run.handledMs ??= performance.now() - t0;
        } else run.behindMs ??= performance.now() - t0;
        return true;
      },
    },
    { brokers, kafka: quiet, maxWaitTimeMs: 100 },
  );
  const worker = new Worker([sub], { signals: [] });
  t0 = performance.now();
  await worker.start();
  while (performance.now() - t0 < TIMEOUT_MS) {
    const [offsets] = await cluster.admin.fetchOffsets({ groupId, topics: [topic] });
    if (offsets?.partitions[0]?.offset === '2') {
      run.committedMs = performance.now() - t0;
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await worker.stop();
  return run;
}

async function main() {
  console.log(`kafkajs header patch: ${linearHeaderDecoding()} (KSDK_KAFKAJS_HEADER_PATCH=${process.env.KSDK_KAFKAJS_HEADER_PATCH ?? ''})`);
  console.log('headers | decode: kafkajs (ms) | decode: patched (ms)');
  for (const n of SIZES) {
    const { originalMs, patchedMs } = decodeTimes(n);
    console.log(`${String(n).padStart(7)} | ${originalMs.toFixed(1).padStart(19)} | ${patchedMs.toFixed(1).padStart(20)}`);
  }
  if (DECODE_ONLY) return;
  const cluster = new BenchCluster();
  await cluster.connect();
  try {
    console.log(`headers | subscription: handled (s) | behind handled (s) | committed (s) | handlings   (timeout ${TIMEOUT_MS / 1000} s)`);
    for (const n of SIZES) {
      const r = await subscriptionRun(cluster, n);
      console.log(`${String(n).padStart(7)} | ${seconds(r.handledMs).padStart(25)} | ${seconds(r.behindMs).padStart(18)} | ${seconds(r.committedMs).padStart(13)} | ${r.handlings}`);
    }
  } finally {
    await cluster.close();
  }
}

await main();
