// Preloaded into a measured child (`node --import ./maxrss.mjs ...`): on exit, writes the
// process's peak resident set size (KiB, from getrusage) to $KSDK_BENCH_RSS_FILE and, when
// $KSDK_BENCH_CPU_FILE is set, its CPU time (user + system, milliseconds) to that file. CPU
// time is what a run costs whatever else the machine does; wall time grows with the load.
// With $KSDK_BENCH_MAIN_CPU_FILE, the CPU time of the main thread alone (Linux: /proc, in
// clock ticks of 10 ms): on a machine with a core to spare for the other threads (garbage
// collection, the validator worker), what a run's wall time cannot go below.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.env.KSDK_BENCH_RSS_FILE;
const cpuFile = process.env.KSDK_BENCH_CPU_FILE;
process.on('exit', () => {
  const usage = process.resourceUsage();
  if (file) writeFileSync(file, String(usage.maxRSS));
  if (cpuFile) writeFileSync(cpuFile, String((usage.userCPUTime + usage.systemCPUTime) / 1000));
  const mainCpuFile = process.env.KSDK_BENCH_MAIN_CPU_FILE;
  if (mainCpuFile) {
    try {
      const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
      // Fields after the command name: state is the 3rd field, utime the 14th, stime the 15th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      writeFileSync(mainCpuFile, String((Number(fields[11]) + Number(fields[12])) * 10));
    } catch {
      // No /proc: no main-thread figure.
    }
  }
});
