/** Durations in the manifest: `500ms`, `5s`, `1m`, `1h`, `1d`, or a bare number of milliseconds. */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The same pattern the manifest schema uses for duration strings. */
export const DURATION_PATTERN = '^[0-9]+(\\.[0-9]+)?(ms|s|m|h|d)$';

/** Milliseconds, or `undefined` when `value` is not a duration. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d)$/.exec(value.trim());
  if (!match) return undefined;
  const unit = UNIT_MS[match[2] as string];
  return unit === undefined ? undefined : Math.round(Number(match[1]) * unit);
}
