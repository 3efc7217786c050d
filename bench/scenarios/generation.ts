// Scenario 6, generation: `ksdk generate` (the built CLI, cli/bin/run.js) on 10, 100 and 500
// synthetic schemas with $refs and nested objects. Per size and round: a first run into an
// empty output folder, then a second run with nothing changed. Wall time of the whole
// process (node start-up included, as a build sees it) and its peak RSS (getrusage).
//   --cli <path/to/bin/run.js>  another build of the CLI (e.g. an older checkout, for before/after)
//   --chain                     schema i $refs schema i-1 (every schema reaches all earlier ones)
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from '../lib/args.js';
import { ROOT } from '../lib/paths.js';
import { progress, publish, row, type ResultRow } from '../lib/report.js';
import { writeSyntheticProject } from '../lib/synthSchemas.js';

const run = promisify(execFile);
const args = parseArgs();
const SIZES = args.list('sizes', args.quick ? ['10', '100'] : ['10', '100', '500']).map(Number);
const CLI = path.resolve(args.str('cli') ?? path.join(ROOT, 'cli', 'bin', 'run.js'));
const CHAIN = process.argv.includes('--chain');

interface GenRun {
  seconds: number;
  rssMB: number;
}

async function generate(project: string, rssFile: string, extraEnv: Record<string, string> = {}): Promise<GenRun> {
  const t0 = performance.now();
  await run(process.execPath, ['--import', path.join(ROOT, 'bench', 'lib', 'maxrss.mjs'), CLI, 'generate', '--cwd', project, '--manifest', 'ksdk.json', '--quiet'], {
    env: { ...process.env, KSDK_BENCH_RSS_FILE: rssFile, ...extraEnv },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, rssMB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

async function main(): Promise<void> {
  // Inside the repository, like a real project: the nearest node_modules holds ksdk's
  // generate cache (node_modules/.cache/ksdk), which a second, unchanged run uses.
  mkdirSync(path.join(ROOT, 'bench', 'out'), { recursive: true });
  const work = mkdtempSync(path.join(ROOT, 'bench', 'out', 'gen-'));
  const rows: ResultRow[] = [];
  const perSchema: Record<number, number> = {};
  try {
    for (const size of SIZES) {
      const project = path.join(work, `schemas-${size}`);
      writeSyntheticProject(project, size, { chain: CHAIN });
      const rssFile = path.join(work, `rss-${size}`);
      const first: GenRun[] = [];
      const second: GenRun[] = [];
      for (let round = 0; round < args.rounds; round++) {
        rmSync(path.join(project, 'src'), { recursive: true, force: true });
        first.push(await generate(project, rssFile));
        second.push(await generate(project, rssFile));
        progress(`generation ${size} schemas: round ${round + 1}/${args.rounds} (${first.at(-1)!.seconds.toFixed(2)} s, then ${second.at(-1)!.seconds.toFixed(2)} s)`);
      }
      const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      perSchema[size] = med(first.map((r) => r.seconds)) / size;
      const goal = size === 500 ? { valueGoal: { max: 5, text: '≤ 5 s' } } : {};
      rows.push(
        row({ scenario: 'generation', case: `${size} schemas: first run (empty output)`, unit: 's', better: 'lower', ksdk: first.map((r) => r.seconds), ...goal }),
        row({
          scenario: 'generation',
          case: `${size} schemas: second run, nothing changed`,
          unit: 's',
          better: 'lower',
          ksdk: second.map((r) => r.seconds),
          baselineName: 'first run',
          baseline: first.map((r) => r.seconds),
          note: 'ratio = second ÷ first run',
        }),
        row({ scenario: 'generation', case: `${size} schemas: peak RSS, first run`, unit: 'MB', better: 'lower', ksdk: first.map((r) => r.rssMB) }),
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  publish(args.out, rows, `generation: ksdk generate on synthetic schemas, ${args.rounds} rounds each (wall time includes node start-up)`);
  console.log(`  seconds per schema (first run): ${Object.entries(perSchema).map(([n, s]) => `${n}: ${(s * 1000).toFixed(1)} ms`).join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
