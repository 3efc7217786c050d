// Key distribution over partitions: counts plus a few numbers that say how even it is.

export interface Distribution {
  label: string;
  counts: number[];
  /** Records per partition at the busiest partition, relative to a perfectly even spread. */
  maxOverMean: number;
  /** Coefficient of variation (stddev / mean) of the per-partition counts. */
  cv: number;
  /** Partitions that got no record. */
  empty: number;
  /** Distinct keys seen. */
  distinctKeys: number;
}

export function distribution(label: string, partitions: readonly number[], numPartitions: number, keys: readonly unknown[]): Distribution {
  const counts = new Array<number>(numPartitions).fill(0);
  for (const p of partitions) counts[p]! += 1;
  const mean = partitions.length / numPartitions;
  const variance = counts.reduce((s, c) => s + (c - mean) ** 2, 0) / numPartitions;
  return {
    label,
    counts,
    maxOverMean: Math.max(...counts) / mean,
    cv: Math.sqrt(variance) / mean,
    empty: counts.filter((c) => c === 0).length,
    distinctKeys: new Set(keys.map((k) => (k === null ? 'null' : String(k)))).size,
  };
}

export function printDistributions(title: string, rows: readonly Distribution[]): void {
  const lines = rows.map(
    (d) =>
      `${d.label.padEnd(26)} keys=${String(d.distinctKeys).padStart(6)}  max/mean=${d.maxOverMean.toFixed(2)}  cv=${d.cv.toFixed(3)}  empty=${d.empty}  [${d.counts.join(' ')}]`,
  );
  console.log(`\n${title}\n${lines.join('\n')}\n`);
}
