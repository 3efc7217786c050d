#!/usr/bin/env node
// Before/after of producer changes on the broker: runtime snapshots (bench/tools/ab.sh snapshot)
// and the current build (`cur`) side by side in one process with plain kafkajs (the publish
// scenario's baseline), the order rotating every round; medians of CPU µs/msg and msg/s.
// A name ending in `+chunk` calls publishBatch once per chunk instead of once for all messages.
// Run after `npm run build && npx tsc -p bench`, with KSDK_BROKERS set.
//
//   node bench/tools/ab-publish.mjs before cur --case batch|produce [--size 1k|10k] [--rounds 9]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const opt = (n, f) => { const i = argv.indexOf(`--${n}`); return i >= 0 ? argv[i + 1] : f; };
const names = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
const kase = opt('case', 'batch'), size = opt('size', '1k'), rounds = Number(opt('rounds', 9));
const N = size === '10k' ? 5000 : 20000, CHUNK = size === '10k' ? 100 : 500;
const { BenchCluster, baselineKafka, brokers, quiet } = await import(path.join(ROOT, 'bench/out/js/lib/kafka.js'));
const { order, baselineValue } = await import(path.join(ROOT, 'bench/out/js/lib/payloads.js'));
const { cpuMicros, median } = await import(path.join(ROOT, 'bench/out/js/lib/stats.js'));
const cluster = new BenchCluster();
await cluster.connect();
const topic = await cluster.topic(`ab-${size}`);
const sides = {};
const closers = [];
for (const n of names) {
  const base = n.replace('+chunk', '');
  const js = base === 'cur' ? path.join(ROOT, 'bench/out/js') : path.join(ROOT, 'bench/out/ab', base, 'js');
  const { BenchProducer } = await import(path.join(js, 'client/src/generated/index.js'));
  const p = new BenchProducer({ brokers, kafka: quiet });
  await p.connect();
  closers.push(() => p.close());
  sides[n] = n.endsWith('+chunk')
    ? async (batch) => { for (let i = 0; i < batch.length; i += CHUNK) { const r = await p.publishBenchOrderBatch(batch.slice(i, i + CHUNK), { topic, batchSize: CHUNK }); if (r.failed.length) throw r.failed[0].error; } }
    : kase === 'batch'
    ? async (batch) => { const r = await p.publishBenchOrderBatch(batch, { topic, batchSize: CHUNK }); if (r.failed.length) throw r.failed[0].error; }
    : async (batch) => { let f; for (const m of batch) p.produceBenchOrder(m, (r) => void (r.status === 'failed' && (f ??= r.error)), { topic }); const left = await p.flush(); if (f || left) throw f ?? new Error('left'); };
}
const kj = baselineKafka().producer({ allowAutoTopicCreation: false });
await kj.connect();
closers.push(() => kj.disconnect());
sides.kafkajs = async (batch) => { for (let i = 0; i < batch.length; i += CHUNK) await kj.sendBatch({ acks: -1, topicMessages: [{ topic, messages: batch.slice(i, i + CHUNK).map((m) => ({ key: m.orderId, value: baselineValue(m) })) }] }); };
const all = Object.keys(sides);
for (const s of all) await sides[s](Array.from({ length: 200 }, (_, i) => order(size, i)));
const cpu = Object.fromEntries(all.map((s) => [s, []])), rate = Object.fromEntries(all.map((s) => [s, []]));
for (let r = 0; r < rounds; r++) {
  const seq = all.map((_, i) => all[(i + r) % all.length]);
  for (const s of (r % 2 ? seq.reverse() : seq)) {
    const batch = Array.from({ length: N }, (_, i) => order(size, i));
    const c0 = cpuMicros(), t0 = performance.now();
    await sides[s](batch);
    rate[s].push(N / ((performance.now() - t0) / 1000));
    cpu[s].push((cpuMicros() - c0) / N);
  }
}
console.log(`${kase} ${size}, ${rounds} rounds, N=${N}: median CPU µs/msg (ratio to kafkajs) | median msg/s (ratio)`);
for (const s of all) console.log(`  ${s.padEnd(14)} ${median(cpu[s]).toFixed(1).padStart(6)} (${(median(cpu[s]) / median(cpu.kafkajs)).toFixed(2)})  ${Math.round(median(rate[s])).toString().padStart(7)} (${(median(rate[s]) / median(rate.kafkajs)).toFixed(2)})   cpu: ${cpu[s].map((x) => x.toFixed(1)).join(' ')}`);
for (const c of closers) await c();
await cluster.close();
