// Preloaded into a measured child (`node --import ./maxrss.mjs ...`): on exit, writes the
// process's peak resident set size (KiB, from getrusage) to $KSDK_BENCH_RSS_FILE and, when
// $KSDK_BENCH_CPU_FILE is set, its CPU time (user + system, milliseconds) to that file. CPU
// time is what a run costs whatever else the machine does; wall time grows with the load.
import { writeFileSync } from 'node:fs';

const file = process.env.KSDK_BENCH_RSS_FILE;
const cpuFile = process.env.KSDK_BENCH_CPU_FILE;
process.on('exit', () => {
  const usage = process.resourceUsage();
  if (file) writeFileSync(file, String(usage.maxRSS));
  if (cpuFile) writeFileSync(cpuFile, String((usage.userCPUTime + usage.systemCPUTime) / 1000));
});
