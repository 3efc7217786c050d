#!/usr/bin/env node
// Broker-free before/after of the publish path *including kafkajs's request encoding*: a stand-in
// producer partitions, groups and encodes every request with kafkajs's own Produce v3 encoder
// (records, headers, record batch, CRC) and answers at once. What the broker-free
// bench/micro/hotpaths.ts leaves out (kafkajs's encoding of ksdk's records: the content-type
// header, the larger value, the garbage it makes next to ksdk's) is in; the network is not, so
// the numbers move less with the machine's load. Sides: runtime snapshots (bench/tools/ab.sh),
// `cur` (the current build; `cur~noval` without validation, `cur~binary` in binary mode) and
// `app` (plain kafkajs as in the publish scenario). Also sums GC pauses per side.
//
//   node bench/tools/ab-publish-encode.mjs before cur app --case batch|produce|batch-chunked [--rounds 11] [--size 1k|10k]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(ROOT, 'package.json'));
const ProduceV3 = require('kafkajs/src/protocol/requests/produce/v3/request');
const groupMessagesPerPartition = require('kafkajs/src/producer/groupMessagesPerPartition');
const createTopicData = require('kafkajs/src/producer/createTopicData');
const { Partitioners } = require('kafkajs');
const argv = process.argv.slice(2);
const opt = (n, f) => { const i = argv.indexOf(`--${n}`); return i >= 0 ? argv[i + 1] : f; };
const names = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
const kase = opt('case', 'batch'), size = opt('size', '1k'), rounds = Number(opt('rounds', 11));
const N = size === '10k' ? 5000 : 20000, CHUNK = size === '10k' ? 100 : 500;
const { order, baselineValue } = await import(path.join(ROOT, 'bench/out/js/lib/payloads.js'));
const { cpuMicros, median } = await import(path.join(ROOT, 'bench/out/js/lib/stats.js'));
const partitionMetadata = [0, 1, 2].map((partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
let sink = 0;
const factory = {
  autoCreatesTopics: true,
  createProducer(config = {}) {
    const partitioner = (config.createPartitioner ?? Partitioners.DefaultPartitioner)();
    const offsets = new Map();
    const sendBatch = async ({ topicMessages, acks = -1, timeout = 30000 }) => {
      const out = [];
      for (const { topic, messages } of topicMessages) {
        const messagesPerPartition = groupMessagesPerPartition({ topic, partitionMetadata, messages, partitioner });
        const partitions = Object.keys(messagesPerPartition);
        const topicData = createTopicData([{ topic, partitions, messagesPerPartition }]);
        const request = ProduceV3({ acks, timeout, compression: 0, topicData });
        sink += (await request.encode()).buffer.length;
        for (const p of partitions) {
          const n = messagesPerPartition[p].length;
          const base = offsets.get(p) ?? 0;
          offsets.set(p, base + n);
          out.push({ topicName: topic, partition: Number(p), errorCode: 0, baseOffset: String(base) });
        }
      }
      return out;
    };
    return { connect: async () => undefined, disconnect: async () => undefined, send: ({ topic, messages, ...rest }) => sendBatch({ ...rest, topicMessages: [{ topic, messages }] }), sendBatch };
  },
};
const sides = {};
const closers = [];
for (const n of names) {
  if (n === 'app') {
    const p = factory.createProducer();
    sides.app = async (batch) => { for (let i = 0; i < batch.length; i += CHUNK) await p.sendBatch({ acks: -1, topicMessages: [{ topic: 't', messages: batch.slice(i, i + CHUNK).map((m) => ({ key: m.orderId, value: baselineValue(m) })) }] }); };
    continue;
  }
  const [base, variant] = n.split('~');
  const js = base === 'cur' ? path.join(ROOT, 'bench/out/js') : path.join(ROOT, 'bench/out/ab', base, 'js');
  const { BenchProducer } = await import(path.join(js, 'client/src/generated/index.js'));
  const p = new BenchProducer({ factory, ...(variant === 'noval' ? { validate: false } : {}), ...(variant === 'binary' ? { wireFormat: 'binary' } : {}) });
  closers.push(() => p.close());
  sides[n] = {
    batch: async (batch) => { const r = await p.publishBenchOrderBatch(batch, { batchSize: CHUNK }); if (r.failed.length) throw r.failed[0].error; },
    'batch-chunked': async (batch) => { for (let i = 0; i < batch.length; i += CHUNK) { const r = await p.publishBenchOrderBatch(batch.slice(i, i + CHUNK), { batchSize: CHUNK }); if (r.failed.length) throw r.failed[0].error; } },
    produce: async (batch) => { let f; for (const m of batch) p.produceBenchOrder(m, (r) => void (r.status === 'failed' && (f ??= r.error))); const left = await p.flush(); if (f || left) throw f ?? new Error('left'); },
  }[kase];
}
const all = Object.keys(sides);
for (const s of all) await sides[s](Array.from({ length: 1000 }, (_, i) => order(size, i)));
const cpu = Object.fromEntries(all.map((s) => [s, []]));
const { PerformanceObserver, constants } = await import('node:perf_hooks');
const gcAt = Object.fromEntries(all.map((s) => [s, { minor: 0, major: 0, n: 0, other: 0 }]));
let running;
const windows = [];
// GC pauses are reported after the fact: attributed to a side by the time window they started in.
const gcObserver = new PerformanceObserver((list) => { for (const e of list.getEntries()) { const w = windows.find((w) => e.startTime >= w.t0 && e.startTime <= w.t1); if (!w) continue; const g = gcAt[w.s]; g.n++; const k = e.detail?.kind; if (k === constants.NODE_PERFORMANCE_GC_MINOR) g.minor += e.duration; else if (k === constants.NODE_PERFORMANCE_GC_MAJOR) g.major += e.duration; else g.other += e.duration; } });
gcObserver.observe({ entryTypes: ['gc'] });
for (let r = 0; r < rounds; r++) {
  const seq = all.map((_, i) => all[(i + r) % all.length]);
  for (const s of (r % 2 ? seq.reverse() : seq)) {
    const batch = Array.from({ length: N }, (_, i) => order(size, i));
    const c0 = cpuMicros();
    const t0 = performance.now();
    await sides[s](batch);
    if (r > 0) windows.push({ s, t0, t1: performance.now() });
    cpu[s].push((cpuMicros() - c0) / N);
  }
}
await new Promise((r) => setTimeout(r, 100));
const ref = cpu.app ? median(cpu.app) : median(cpu[all[0]]);
console.log(`micro+kafkajs-encode ${kase} ${size}, ${rounds} rounds, N=${N}: median CPU µs/msg (÷ ${cpu.app ? 'app' : all[0]})`);
for (const s of all) console.log(`  ${s.padEnd(14)} ${median(cpu[s]).toFixed(2).padStart(6)} (${(median(cpu[s]) / ref).toFixed(3)})   gc µs/msg: minor ${(gcAt[s].minor * 1000 / ((rounds - 1) * N)).toFixed(2)} major ${(gcAt[s].major * 1000 / ((rounds - 1) * N)).toFixed(2)} other ${(gcAt[s].other * 1000 / ((rounds - 1) * N)).toFixed(2)} (${gcAt[s].n} gcs)   ${cpu[s].map((x) => x.toFixed(1)).join(' ')}`);
for (const c of closers) await c();
