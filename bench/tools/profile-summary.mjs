#!/usr/bin/env node
// Summarizes V8 .cpuprofile files (from `node --cpu-prof`): self time per function and
// per file, highest first, so a hot path shows up without opening DevTools.
//
//   node bench/tools/profile-summary.mjs <file.cpuprofile|dir> [--top 40] [--filter runtime/]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const top = Number(opt('top', '40'));
const filter = opt('filter', '');
const target = argv.find((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
if (!target) {
  console.error('usage: profile-summary.mjs <file.cpuprofile|dir> [--top N] [--filter text]');
  process.exit(2);
}
const files = statSync(target).isDirectory()
  ? readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(target, f))
  : [target];

const byFn = new Map();
const byFile = new Map();
let total = 0;
for (const file of files) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  for (let i = 0; i < prof.samples.length; i++) {
    const d = prof.timeDeltas[i] ?? 0;
    dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + d);
  }
  for (const [id, us] of dt) {
    const n = nodes.get(id);
    const cf = n.callFrame;
    const url = cf.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
    const fn = `${cf.functionName || '(anonymous)'} ${url ? `${url}:${cf.lineNumber + 1}` : ''}`.trim();
    total += us;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
    const f = url || `(${cf.functionName || 'native'})`;
    byFile.set(f, (byFile.get(f) ?? 0) + us);
  }
}
const show = (title, map) => {
  console.log(`\n${title} (of ${(total / 1000).toFixed(0)} ms sampled)`);
  [...map]
    .filter(([k]) => k.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([k, us]) => console.log(`${((100 * us) / total).toFixed(1).padStart(6)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`));
};
show('self time by function', byFn);
show('self time by file', byFile);
