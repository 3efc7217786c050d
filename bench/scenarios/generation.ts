// Scenario 6, generation: `ksdk generate` (the built CLI, cli/bin/run.js) on 10, 100 and 500
// synthetic schemas with $refs and nested objects. Per size and round: a first run into an
// empty output folder, then a second run with nothing changed. Wall time of the whole
// process (node start-up included, as a build sees it), its CPU time (user + system, from
// getrusage: what the run costs whatever else the machine does) and its peak RSS.
//   --cli <path/to/bin/run.js>     another build of the CLI to measure instead of this one
//   --before <path/to/bin/run.js>  an older build measured in the same rounds, alternating
//                                  (A,B / B,A ...), as the baseline of every row (before/after)
//   --chain                        schema i $refs schema i-1 (every schema reaches all earlier ones)
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
const BEFORE = args.str('before') === undefined ? undefined : path.resolve(args.str('before') as string);
const CHAIN = process.argv.includes('--chain');

interface GenRun {
  seconds: number;
  cpuSeconds: number;
  /** The main thread's CPU time (Linux), NaN where unknown. */
  mainCpuSeconds: number;
  rssMB: number;
}

async function generate(cli: string, project: string, work: string): Promise<GenRun> {
  const rssFile = path.join(work, 'rss');
  const cpuFile = path.join(work, 'cpu');
  const mainCpuFile = path.join(work, 'main-cpu');
  rmSync(mainCpuFile, { force: true });
  const t0 = performance.now();
  await run(process.execPath, ['--import', path.join(ROOT, 'bench', 'lib', 'maxrss.mjs'), cli, 'generate', '--cwd', project, '--manifest', 'ksdk.json', '--quiet'], {
    env: { ...process.env, KSDK_BENCH_RSS_FILE: rssFile, KSDK_BENCH_CPU_FILE: cpuFile, KSDK_BENCH_MAIN_CPU_FILE: mainCpuFile },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - t0) / 1000;
  const mainCpuSeconds = existsSync(mainCpuFile) ? Number(readFileSync(mainCpuFile, 'utf8')) / 1000 : Number.NaN;
  return { seconds, cpuSeconds: Number(readFileSync(cpuFile, 'utf8')) / 1000, mainCpuSeconds, rssMB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

/** A first run into an empty output folder, then a second run with nothing changed. */
async function firstAndSecond(cli: string, project: string, work: string): Promise<[GenRun, GenRun]> {
  rmSync(path.join(project, 'src'), { recursive: true, force: true });
  const first = await generate(cli, project, work);
  return [first, await generate(cli, project, work)];
}

async function main(): Promise<void> {
  // Inside the repository, like a real project: the nearest node_modules holds ksdk's
  // generate cache (node_modules/.cache/ksdk), which a second, unchanged run uses.
  mkdirSync(path.join(ROOT, 'bench', 'out'), { recursive: true });
  const work = mkdtempSync(path.join(ROOT, 'bench', 'out', 'gen-'));
  const rows: ResultRow[] = [];
  const perSchema: Record<number, number> = {};
  const label = (build: string) => (build === CLI ? 'this build' : 'before');
  try {
    for (const size of SIZES) {
      const project = path.join(work, `schemas-${size}`);
      writeSyntheticProject(project, size, { chain: CHAIN });
      const runs = new Map<string, { first: GenRun[]; second: GenRun[] }>([[CLI, { first: [], second: [] }]]);
      if (BEFORE) runs.set(BEFORE, { first: [], second: [] });
      for (let round = 0; round < args.rounds; round++) {
        // Alternate which build goes first (A,B / B,A ...): neither gets the quieter half of a round.
        const order = round % 2 === 0 ? [...runs.keys()] : [...runs.keys()].reverse();
        for (const build of order) {
          const [first, second] = await firstAndSecond(build, project, work);
          runs.get(build)?.first.push(first);
          runs.get(build)?.second.push(second);
          progress(
            `generation ${size} schemas, ${label(build)}: round ${round + 1}/${args.rounds} (${first.seconds.toFixed(2)} s wall, ${first.cpuSeconds.toFixed(2)} s CPU, ${first.mainCpuSeconds.toFixed(2)} s main thread, then ${second.seconds.toFixed(2)} s)`,
          );
        }
      }
      const now = runs.get(CLI) as { first: GenRun[]; second: GenRun[] };
      const before = BEFORE ? runs.get(BEFORE) : undefined;
      const vs = (pick: (r: GenRun) => number, which: 'first' | 'second') =>
        before ? { baselineName: 'before', baseline: before[which].map(pick), note: 'ratio = this build ÷ before' } : {};
      const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      perSchema[size] = med(now.first.map((r) => r.cpuSeconds)) / size;
      const goal = size === 500 ? { valueGoal: { max: 5, text: '≤ 5 s' } } : {};
      rows.push(
        row({ scenario: 'generation', case: `${size} schemas: first run (empty output)`, unit: 's', better: 'lower', ksdk: now.first.map((r) => r.seconds), ...vs((r) => r.seconds, 'first'), ...goal }),
        row({ scenario: 'generation', case: `${size} schemas: first run, CPU time (user+sys)`, unit: 's', better: 'lower', ksdk: now.first.map((r) => r.cpuSeconds), ...vs((r) => r.cpuSeconds, 'first') }),
        row({
          scenario: 'generation',
          case: `${size} schemas: first run, main thread's CPU time`,
          unit: 's',
          better: 'lower',
          ksdk: now.first.map((r) => r.mainCpuSeconds),
          ...vs((r) => r.mainCpuSeconds, 'first'),
        }),
        row({
          scenario: 'generation',
          case: `${size} schemas: second run, nothing changed`,
          unit: 's',
          better: 'lower',
          ksdk: now.second.map((r) => r.seconds),
          ...(before ? vs((r) => r.seconds, 'second') : { baselineName: 'first run', baseline: now.first.map((r) => r.seconds), note: 'ratio = second ÷ first run' }),
        }),
        row({ scenario: 'generation', case: `${size} schemas: second run, CPU time (user+sys)`, unit: 's', better: 'lower', ksdk: now.second.map((r) => r.cpuSeconds), ...vs((r) => r.cpuSeconds, 'second') }),
        row({ scenario: 'generation', case: `${size} schemas: peak RSS, first run`, unit: 'MB', better: 'lower', ksdk: now.first.map((r) => r.rssMB), ...vs((r) => r.rssMB, 'first') }),
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  publish(args.out, rows, `generation: ksdk generate on synthetic schemas, ${args.rounds} rounds each (wall time includes node start-up)`);
  console.log(`  CPU seconds per schema (first run): ${Object.entries(perSchema).map(([n, s]) => `${n}: ${(s * 1000).toFixed(1)} ms`).join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
