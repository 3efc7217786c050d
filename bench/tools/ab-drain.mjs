#!/usr/bin/env node
// Before/after of consumer changes: drains the same pre-filled topics with several runtime
// snapshots (bench/tools/ab.sh), each drain in its own process, alternating, and prints
// medians (msg/s, CPU µs/msg). Run after `npx tsc -p bench` and `bench/tools/ab.sh snapshot`.
//
//   node bench/tools/ab-drain.mjs v0 v2-decode v4-all [--rounds 3] [--orders 50000] [--ticks 200000]
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const variants = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
const rounds = opt('rounds', 3);
const counts = { orders: opt('orders', 50_000), ticks: opt('ticks', 200_000) };
const sides = [...variants.map((v) => ({ name: v, side: 'ksdk', js: path.join(ROOT, 'bench/out/ab', v, 'js') })), { name: 'kafkajs eachMessage', side: 'eachMessage', js: path.join(ROOT, 'bench/out/js') }];

const { BenchCluster, baselineKafka, fill, brokers, quiet } = await import(path.join(ROOT, 'bench/out/js/lib/kafka.js'));
const { BenchProducer, messages } = await import(path.join(ROOT, 'bench/out/js/client/src/generated/index.js'));
const { order, tick } = await import(path.join(ROOT, 'bench/out/js/lib/payloads.js'));
const cluster = new BenchCluster();
await cluster.connect();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const enc = new BenchProducer({ brokers, kafka: quiet });
  const producer = baselineKafka().producer();
  await producer.connect();
  const topics = {};
  for (const [spec, make, desc] of [['orders', (i) => order('1k', i), messages.BenchOrder], ['ticks', tick, messages.BenchTick]]) {
    topics[spec] = await cluster.topic(`ab-${spec}`);
    const pool = Array.from({ length: 1000 }, (_, i) => enc.runtime.toRecord(desc, make(i)).record);
    await fill(producer, topics[spec], counts[spec], (i) => pool[i % pool.length], spec === 'orders' ? 500 : 2000, 4);
  }
  await producer.disconnect();
  const results = {};
  for (let r = 0; r < rounds; r++) {
    const order_ = r % 2 === 0 ? sides : [...sides].reverse();
    for (const spec of ['orders', 'ticks']) {
      for (const s of order_) {
        const out = execFileSync(process.execPath, [path.join(s.js, 'scenarios/drain-child.js'), '--side', s.side, '--topic', topics[spec], '--group', cluster.group(`ab-${spec}`), '--count', String(counts[spec]), '--spec', spec], { encoding: 'utf8' });
        const d = JSON.parse(out.trim().split('\n').pop());
        ((results[spec] ??= {})[s.name] ??= []).push(d);
      }
    }
    process.stderr.write(`round ${r + 1}/${rounds}\n`);
  }
  for (const spec of ['orders', 'ticks']) {
    console.log(`\n${spec} (${counts[spec]} records): median of ${rounds}`);
    const base = median(results[spec][sides[0].name].map((d) => d.rate));
    for (const s of sides) {
      const ds = results[spec][s.name];
      const rate = median(ds.map((d) => d.rate));
      console.log(`  ${s.name.padEnd(22)} ${Math.round(rate).toString().padStart(7)} msg/s  ${median(ds.map((d) => d.cpuUs)).toFixed(1).padStart(5)} µs/msg  ×${(rate / base).toFixed(2)} vs ${sides[0].name}  [${ds.map((d) => Math.round(d.rate)).join(', ')}]`);
    }
  }
} finally {
  await cluster.close();
}
