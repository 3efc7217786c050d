/**
 * Command-line flags shared by the bench scenarios: `--quick`, `--rounds N`,
 * `--out FILE` (where a scenario writes its rows for the runner) and
 * scenario-specific numbers (`--records N`...).
 */
export interface BenchArgs {
  quick: boolean;
  rounds: number;
  /** JSON file the scenario writes its result rows to (set by the runner). */
  out: string | undefined;
  /** A numeric flag, with its full-run and `--quick` defaults. */
  num(name: string, full: number, quick?: number): number;
  /** A string flag. */
  str(name: string): string | undefined;
  /** A comma-separated list flag. */
  list(name: string, fallback: readonly string[]): string[];
}

export function parseArgs(argv: readonly string[] = process.argv.slice(2)): BenchArgs {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) return argv[i + 1];
    const inline = argv.find((a) => a.startsWith(`--${name}=`));
    return inline?.slice(name.length + 3);
  };
  const quick = argv.includes('--quick');
  const num = (name: string, full: number, quickValue = full): number => {
    const raw = value(name);
    if (raw === undefined) return quick ? quickValue : full;
    const n = Number(raw.replace(/_/g, ''));
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${raw}`);
    return n;
  };
  return {
    quick,
    rounds: num('rounds', 3),
    out: value('out'),
    num,
    str: value,
    list: (name, fallback) => value(name)?.split(',').filter(Boolean) ?? [...fallback],
  };
}
