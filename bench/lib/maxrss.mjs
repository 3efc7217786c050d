// Preloaded into a measured child (`node --import ./maxrss.mjs ...`): on exit, writes the
// process's peak resident set size (KiB, from getrusage) to $KSDK_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.KSDK_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
