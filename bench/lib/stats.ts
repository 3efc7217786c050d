/** Small statistics helpers: benchmarks quote medians and percentiles, never single runs. */

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0..100) of an unsorted sample. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = Float64Array.from(xs).sort();
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[rank]!;
}

/** Process CPU time (user + system) in microseconds. */
export function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Formats a number for tables: thousands separators, or fixed decimals for small values. */
export function fmt(n: number | undefined, digits?: number): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  if (digits !== undefined) return n.toFixed(digits);
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** Runs `fn` for each of `sides` in an order that alternates every round (A,B / B,A / ...). */
export async function alternate<S extends string>(
  sides: readonly S[],
  rounds: number,
  fn: (side: S, round: number) => Promise<void>,
  onRound?: (round: number) => void,
): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) await fn(side, round);
    onRound?.(round);
  }
}
