import type { GroupKey } from './GroupKey.js';
import type { TimeWindows } from './TimeWindows.js';
import { aggregateAggregator, countAggregator, reduceAggregator, type Aggregator } from './topology/Aggregator.js';
import type { Grouping } from './topology/Grouping.js';
import { TimeWindowAggregateNode } from './topology/TimeWindowAggregateNode.js';
import type { Topology } from './topology/Topology.js';
import { windowRetention } from './topology/windowRetention.js';
import { WindowedTableImpl, type WindowedTable } from './WindowedTable.js';
import type { AggregationOptions, WindowResult } from './WindowResult.js';

/**
 * A grouped stream in tumbling or hopping windows. Each aggregation keeps its
 * state in a compacted changelog topic `<applicationId>-<name>-changelog`.
 * Aggregates cross the changelog as JSON, so they must survive `JSON.stringify`.
 */
export interface TimeWindowedStream<K extends GroupKey, V> {
  /** Number of records per key and window. */
  count(options?: AggregationOptions): WindowedTable<WindowResult<K, number>>;
  /** Combines the values of a key and window, starting from the first. */
  reduce(reducer: (aggregate: V, value: V, key: K) => V, options?: AggregationOptions): WindowedTable<WindowResult<K, V>>;
  /** Folds the values of a key and window into an aggregate that starts as `initializer()`. */
  aggregate<A>(initializer: () => A, aggregator: (aggregate: A, value: V, key: K) => A, options?: AggregationOptions): WindowedTable<WindowResult<K, A>>;
}

/** @internal */
export class TimeWindowedStreamImpl<K extends GroupKey, V> implements TimeWindowedStream<K, V> {
  readonly #topology: Topology;
  readonly #group: Grouping;
  readonly #windows: TimeWindows;

  constructor(topology: Topology, group: Grouping, windows: TimeWindows) {
    this.#topology = topology;
    this.#group = group;
    this.#windows = windows;
  }

  #aggregation<R>(aggregator: Aggregator, options: AggregationOptions): WindowedTable<R> {
    const { name, topic } = this.#topology.changelog(this.#group, aggregator.operation, options.name);
    const minimum = this.#windows.sizeMs + this.#windows.graceMs;
    const retention = windowRetention(name, options.retentionMs, minimum, `window size (${this.#windows.sizeMs} ms) plus grace (${this.#windows.graceMs} ms)`);
    const node = this.#group.node.add(new TimeWindowAggregateNode(name, topic, this.#windows, aggregator, options.emit ?? 'updates', retention));
    return new WindowedTableImpl<R>(this.#topology, this.#group.root, node);
  }

  count(options: AggregationOptions = {}): WindowedTable<WindowResult<K, number>> {
    return this.#aggregation(countAggregator, options);
  }

  reduce(reducer: (aggregate: V, value: V, key: K) => V, options: AggregationOptions = {}): WindowedTable<WindowResult<K, V>> {
    return this.#aggregation(reduceAggregator(reducer as (a: unknown, v: unknown, k: GroupKey) => unknown), options);
  }

  aggregate<A>(initializer: () => A, aggregator: (aggregate: A, value: V, key: K) => A, options: AggregationOptions = {}): WindowedTable<WindowResult<K, A>> {
    return this.#aggregation(aggregateAggregator(initializer, aggregator as (a: unknown, v: unknown, k: GroupKey) => unknown), options);
  }
}
