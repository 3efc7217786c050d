#!/usr/bin/env node
// Who calls a hot function? Sums the self time of nodes whose function name matches,
// grouped by their caller chain (up to --depth frames).
//
//   node bench/tools/profile-callers.mjs <file.cpuprofile> <functionName> [--depth 4]
import { readFileSync } from 'node:fs';

const [file, name] = process.argv.slice(2);
const i = process.argv.indexOf('--depth');
const depth = i >= 0 ? Number(process.argv[i + 1]) : 4;
const prof = JSON.parse(readFileSync(file, 'utf8'));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n);
const self = new Map();
prof.samples.forEach((id, k) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[k] ?? 0)));
const label = (n) => `${n.callFrame.functionName || '(anon)'}@${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
const chains = new Map();
for (const n of prof.nodes) {
  if (n.callFrame.functionName !== name) continue;
  const us = self.get(n.id) ?? 0;
  if (!us) continue;
  const chain = [];
  for (let p = parent.get(n.id), d = 0; p && d < depth; p = parent.get(p.id), d++) chain.push(label(p));
  const key = chain.join(' <- ');
  chains.set(key, (chains.get(key) ?? 0) + us);
}
[...chains].sort((a, b) => b[1] - a[1]).slice(0, 15).forEach(([k, us]) => console.log(`${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`));
