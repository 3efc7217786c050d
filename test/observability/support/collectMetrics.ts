// Reads what an OpenTelemetry MeterProvider recorded, for exact assertions in tests.
import type { Attributes } from '@opentelemetry/api';
import { DataPointType, MetricReader, type Histogram, type MetricData } from '@opentelemetry/sdk-metrics';

/** A pull reader: the test decides when to collect. */
export class CollectingReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export interface Point<T> {
  attributes: Attributes;
  value: T;
}

export interface Snapshot {
  names(): string[];
  unit(name: string): string;
  /** Counter points, one per attribute set. */
  sums(name: string): Array<Point<number>>;
  histograms(name: string): Array<Point<Histogram>>;
}

export async function collect(reader: MetricReader): Promise<Snapshot> {
  const { resourceMetrics, errors } = await reader.collect();
  if (errors.length > 0) throw new Error(`metric collection failed: ${errors.map(String).join('; ')}`);
  const byName = new Map<string, MetricData>();
  for (const scope of resourceMetrics.scopeMetrics) for (const metric of scope.metrics) byName.set(metric.descriptor.name, metric);
  const get = (name: string) => {
    const metric = byName.get(name);
    if (!metric) throw new Error(`no metric ${name}; have ${[...byName.keys()].join(', ')}`);
    return metric;
  };
  return {
    names: () => [...byName.keys()].sort(),
    unit: (name) => get(name).descriptor.unit,
    sums: (name) => {
      const metric = get(name);
      if (metric.dataPointType !== DataPointType.SUM) throw new Error(`${name} is not a sum`);
      return metric.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value }));
    },
    histograms: (name) => {
      const metric = get(name);
      if (metric.dataPointType !== DataPointType.HISTOGRAM) throw new Error(`${name} is not a histogram`);
      return metric.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value }));
    },
  };
}

/** Points as `attr=value,...  →  value` lines, sorted: readable in a failed assertion. */
export function table<T>(points: Array<Point<T>>, value: (v: T) => unknown = (v) => v): string[] {
  return points
    .map((p) =>
      `${Object.entries(p.attributes)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(',')} -> ${String(value(p.value))}`,
    )
    .sort();
}
