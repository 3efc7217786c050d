// `npm run bench`: runs the benchmark scenarios against the local broker, each in its own
// process, and prints one table of medians and ksdk ÷ baseline ratios.
//
//   npm run bench                                   everything (~14 min on 2 cores; 5 rounds, 3 for
//                                                   generation and memory)
//   npm run bench -- --quick                        smaller counts, 3 rounds, for a quick look (~4 min)
//   npm run bench -- consume latency --rounds 5     chosen scenarios, more rounds
//   npm run bench -- --wait-quiet 20                first wait (up to 20 min) for load average < 0.7
//
// Scenarios: publish consume latency java overheads generation memory. Other flags
// (--records N, --sizes 1k, --sides ksdk,eachBatch, --rate 500, --seconds 20, ...) are
// passed to every chosen scenario; see the header of each file in bench/scenarios/.
// Results: bench/out/results.json and bench/out/results.md (bench/out is ignored by git);
// the numbers of record, and how they were taken, live in bench/RESULTS.md.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { brokers } from './lib/kafka.js';
import { nodeArgs, ROOT } from './lib/paths.js';
import { table, type ResultRow } from './lib/report.js';

const SCENARIOS = ['publish', 'consume', 'latency', 'java', 'overheads', 'generation', 'memory'] as const;
type Scenario = (typeof SCENARIOS)[number];
/** Rounds of a full run, unless --rounds says otherwise: more where a round is cheap (--quick: 3). */
const FULL_ROUNDS: Record<Scenario, number> = { publish: 5, consume: 5, latency: 5, java: 5, overheads: 5, generation: 3, memory: 3 };

const argv = process.argv.slice(2);
const chosen = argv.filter((a): a is Scenario => (SCENARIOS as readonly string[]).includes(a));
const passThrough = argv.filter((a, i) => !(SCENARIOS as readonly string[]).includes(a) && a !== '--wait-quiet' && argv[i - 1] !== '--wait-quiet');
const quick = argv.includes('--quick');
const waitIndex = argv.indexOf('--wait-quiet');
const waitMinutes = waitIndex >= 0 ? Number(argv[waitIndex + 1] ?? 15) : 0;
const OUT = path.join(ROOT, 'bench', 'out');

function brokerVersion(): string {
  try {
    const port = brokers[0]?.split(':')[1] ?? '9092';
    return `Apache Kafka ${readFileSync(path.join(ROOT, '.kafka', 'run', port, 'version'), 'utf8').trim()}`;
  } catch {
    return 'unknown (not started by scripts/kafka.sh)';
  }
}

async function brokerUp(): Promise<boolean> {
  const admin = new Kafka({ clientId: 'bench-preflight', brokers, logLevel: logLevel.NOTHING, retry: { retries: 2 }, connectionTimeout: 3000 }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

async function waitForQuiet(): Promise<void> {
  const until = Date.now() + waitMinutes * 60_000;
  while (os.loadavg()[0]! >= 0.7 && Date.now() < until) {
    process.stderr.write(`bench: load average ${load()}; waiting for < 0.7 ...\n`);
    await new Promise((r) => setTimeout(r, 30_000));
  }
}

function runScenario(name: Scenario, out: string): Promise<number> {
  return new Promise((resolve) => {
    const rounds = argv.includes('--rounds') || quick ? [] : ['--rounds', String(FULL_ROUNDS[name])];
    const child = spawn(process.execPath, [...nodeArgs(`scenarios/${name}`), ...passThrough, ...rounds, '--out', out], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, KSDK_BROKERS: brokers.join(',') } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<void> {
  const scenarios = chosen.length > 0 ? chosen : [...SCENARIOS];
  const needsBroker = scenarios.some((s) => s !== 'generation');
  if (needsBroker && !(await brokerUp())) {
    console.error(`bench: no Kafka broker answers on ${brokers.join(',')}; start one with: bash scripts/kafka.sh start`);
    process.exitCode = 2;
    return;
  }
  if (waitMinutes > 0) await waitForQuiet();
  mkdirSync(OUT, { recursive: true });
  const meta = {
    date: new Date().toISOString(),
    host: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    broker: `${brokerVersion()} on ${brokers.join(',')}`,
    mode: quick ? 'quick' : 'full',
    args: argv.join(' '),
    loadBefore: load(),
    loadAfter: '',
  };
  console.log(`ksdk bench ${meta.date}: ${meta.host}, node ${meta.node}, ${meta.broker}, ${meta.mode}, load average ${meta.loadBefore}`);

  const rows: ResultRow[] = [];
  const failed: string[] = [];
  const started = performance.now();
  for (const name of scenarios) {
    console.log(`\n=== ${name} (load average ${load()}) ===`);
    const out = path.join(OUT, `rows-${name}.json`);
    rmSync(out, { force: true });
    const t0 = performance.now();
    const code = await runScenario(name, out);
    const seconds = ((performance.now() - t0) / 1000).toFixed(0);
    if (code !== 0) {
      failed.push(name);
      console.error(`bench: scenario ${name} failed (exit ${code}) after ${seconds} s`);
      continue;
    }
    rows.push(...(JSON.parse(readFileSync(out, 'utf8')) as ResultRow[]));
    console.log(`(${name}: ${seconds} s)`);
  }
  meta.loadAfter = load();

  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  const summary = [
    `# ksdk bench, ${meta.date}`,
    '',
    `${meta.host}; node ${meta.node}; ${meta.broker}; ${meta.mode} run (${meta.args || 'all scenarios'}); load average before ${meta.loadBefore}, after ${meta.loadAfter}; ${minutes} min.`,
    'Medians over alternating rounds; ratio = ksdk ÷ baseline (for latency, memory and time lower is better).',
    '',
    table(rows),
    '',
    ...rows.filter((r) => r.note).map((r) => `- ${r.scenario} / ${r.case}: ${r.note}`),
    ...(failed.length > 0 ? ['', `FAILED: ${failed.join(', ')}`] : []),
    '',
  ].join('\n');
  writeFileSync(path.join(OUT, 'results.json'), JSON.stringify({ meta, rows, failed }, null, 2));
  writeFileSync(path.join(OUT, 'results.md'), summary);
  console.log(`\n${summary}`);
  console.log(`(also in ${path.relative(ROOT, path.join(OUT, 'results.md'))} and results.json)`);
  if (failed.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
