import { writeFileSync } from 'node:fs';
import { fmt, median } from './stats.js';

/**
 * One line of the results table. `ksdk` and `baseline` are medians over the
 * rounds; `ratio` is always ksdk ÷ baseline. `better` says which direction is
 * good (throughput: higher; latency, memory, time: lower).
 */
export interface ResultRow {
  scenario: string;
  case: string;
  unit: string;
  better: 'higher' | 'lower';
  ksdk: number;
  /** What the ratio compares against (plain kafkajs, Java perf tools, ksdk with a feature off...). */
  baselineName?: string;
  baseline?: number;
  ratio?: number;
  /** The issue's goal, as text (e.g. "ratio ≥ 0.95", "≤ 5 s"). */
  goal?: string;
  pass?: boolean;
  ksdkRounds: number[];
  baselineRounds?: number[];
  note?: string;
}

export interface RowInput {
  scenario: string;
  case: string;
  unit: string;
  better: 'higher' | 'lower';
  ksdk: readonly number[];
  baselineName?: string;
  baseline?: readonly number[];
  /** Goal on the ratio ksdk ÷ baseline: at least (`min`) or at most (`max`). */
  ratioGoal?: { min?: number; max?: number };
  /** Goal on the ksdk value itself. */
  valueGoal?: { min?: number; max?: number; text: string };
  note?: string;
}

export function row(input: RowInput): ResultRow {
  const k = median(input.ksdk);
  const b = input.baseline ? median(input.baseline) : undefined;
  const ratio = b === undefined ? undefined : k / b;
  const r: ResultRow = { scenario: input.scenario, case: input.case, unit: input.unit, better: input.better, ksdk: k, ksdkRounds: [...input.ksdk] };
  if (b !== undefined) {
    r.baseline = b;
    r.baselineRounds = [...(input.baseline ?? [])];
    r.ratio = ratio;
    if (input.baselineName) r.baselineName = input.baselineName;
  }
  if (input.ratioGoal && ratio !== undefined) {
    const { min, max } = input.ratioGoal;
    r.goal = min !== undefined ? `ratio ≥ ${min}` : `ratio ≤ ${max}`;
    r.pass = (min === undefined || ratio >= min) && (max === undefined || ratio <= max);
  } else if (input.valueGoal) {
    const { min, max, text } = input.valueGoal;
    r.goal = text;
    r.pass = (min === undefined || k >= min) && (max === undefined || k <= max);
  }
  if (input.note) r.note = input.note;
  return r;
}

/** A Markdown table of rows (the same layout as the runner's summary). */
export function table(rows: readonly ResultRow[]): string {
  const head = ['scenario', 'case', 'unit', 'ksdk', 'baseline', 'vs', 'ksdk ÷ baseline', 'goal', ''];
  const lines = rows.map((r) => [
    r.scenario,
    r.case,
    r.unit,
    fmt(r.ksdk),
    fmt(r.baseline),
    r.baselineName ?? '',
    r.ratio === undefined ? '' : r.ratio.toFixed(3),
    r.goal ?? '',
    r.pass === undefined ? '' : r.pass ? 'ok' : 'MISS',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const right = new Set([3, 4, 6]);
  const fmtLine = (cells: string[]) => `| ${cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (right.has(i) ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [fmtLine(head), rule, ...lines.map(fmtLine)].join('\n');
}

/** Prints a scenario's table and, under the runner, hands its rows over as JSON. */
export function publish(out: string | undefined, rows: readonly ResultRow[], title: string): void {
  console.log(`\n${title}\n${table(rows)}\n`);
  for (const r of rows) {
    const rounds = (xs: number[] | undefined) => (xs ? xs.map((x) => fmt(x)).join(', ') : '');
    console.log(`  ${r.case} [${r.unit}] rounds: ksdk ${rounds(r.ksdkRounds)}${r.baselineRounds ? ` | ${r.baselineName ?? 'baseline'} ${rounds(r.baselineRounds)}` : ''}`);
  }
  if (out) writeFileSync(out, JSON.stringify(rows, null, 2));
}

/** Progress goes to stderr so stdout stays a clean report. */
export function progress(message: string): void {
  process.stderr.write(`  · ${message}\n`);
}
