#!/usr/bin/env node
// Inclusive (total) time of the functions whose file matches --filter: where a
// pipeline's time goes, stage by stage (self time alone hides it in library code).
//
//   node bench/tools/profile-inclusive.mjs <file.cpuprofile|dir> [--filter cli/dist] [--top 40]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const filter = opt('filter', '');
const top = Number(opt('top', '40'));
const target = argv[0];
const files = statSync(target).isDirectory() ? readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(target, f)) : [target];
const total = new Map();
let all = 0;
for (const file of files) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  prof.samples.forEach((id, k) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[k] ?? 0)));
  for (const [id, us] of self) {
    all += us;
    const seen = new Set();
    for (let p = id; p !== undefined; p = parent.get(p)) {
      const cf = byId.get(p).callFrame;
      const url = cf.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
      if (!url.includes(filter)) continue;
      const key = `${cf.functionName || '(anonymous)'} ${url}:${cf.lineNumber + 1}`;
      if (seen.has(key)) continue; // recursion: count once
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + us);
    }
  }
}
console.log(`inclusive time, frames matching "${filter}" (of ${(all / 1000).toFixed(0)} ms sampled)`);
[...total].sort((a, b) => b[1] - a[1]).slice(0, top).forEach(([k, us]) => console.log(`${((100 * us) / all).toFixed(1).padStart(6)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`));
