// How `ksdk generate` scales with the size of one enum (issue 13, item 4): a message whose body
// has one property with an N-value string enum, generated into an empty folder by the built CLI
// (a separate `node` process, start-up included). Prints seconds and peak RSS per size; the
// time per value should stay flat as N grows (linear), not grow with N (quadratic).
//
//   npm run build && npx tsc -p bench && node bench/out/js/large-enum.js
//   node bench/out/js/large-enum.js --sizes 1000,10000,100000
//   node bench/out/js/large-enum.js --cli /path/to/older/checkout/cli/bin/run.js    (before/after)
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from './lib/args.js';
import { ROOT } from './lib/paths.js';

const run = promisify(execFile);
const args = parseArgs();
const SIZES = args.list('sizes', ['1000', '10000', '100000']).map(Number);
const CLI = path.resolve(args.str('cli') ?? path.join(ROOT, 'cli', 'bin', 'run.js'));

async function generateOnce(size: number): Promise<{ seconds: number; rssMB: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ksdk-enum-'));
  try {
    mkdirSync(path.join(dir, 'schemas'));
    const values = Array.from({ length: size }, (_, i) => `value-${i}`);
    writeFileSync(path.join(dir, 'schemas/big.json'), JSON.stringify({ type: 'object', required: ['code'], properties: { code: { type: 'string', enum: values } } }));
    writeFileSync(path.join(dir, 'ksdk.yaml'), 'source: urn:bench:enum\nmessages:\n  BigEnum:\n    schema: schemas/big.json\n    topic: big\n');
    const rssFile = path.join(dir, 'rss');
    const t0 = performance.now();
    await run(process.execPath, ['--import', path.join(ROOT, 'bench', 'lib', 'maxrss.mjs'), CLI, 'generate', '--cwd', dir, '--quiet'], {
      env: { ...process.env, KSDK_GENERATE_CACHE: '0', KSDK_BENCH_RSS_FILE: rssFile },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { seconds: (performance.now() - t0) / 1000, rssMB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`ksdk generate, one enum of N values (${CLI})`);
  console.log('N'.padStart(8), 'seconds'.padStart(9), 'µs/value'.padStart(10), 'peak RSS MB'.padStart(12));
  for (const size of SIZES) {
    const { seconds, rssMB } = await generateOnce(size);
    console.log(String(size).padStart(8), seconds.toFixed(2).padStart(9), ((seconds * 1e6) / size).toFixed(1).padStart(10), rssMB.toFixed(0).padStart(12));
  }
}

await main();
