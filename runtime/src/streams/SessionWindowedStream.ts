import type { GroupKey } from './GroupKey.js';
import type { SessionWindows } from './SessionWindows.js';
import { aggregateAggregator, countAggregator, reduceAggregator, type Aggregator } from './topology/Aggregator.js';
import type { Grouping } from './topology/Grouping.js';
import { SessionWindowAggregateNode } from './topology/SessionWindowAggregateNode.js';
import type { Topology } from './topology/Topology.js';
import { windowRetention } from './topology/windowRetention.js';
import { WindowedTableImpl, type WindowedTable } from './WindowedTable.js';
import type { AggregationOptions, SessionResult } from './WindowResult.js';

/**
 * A grouped stream in session windows. When a record bridges two sessions they
 * merge, so aggregations of sessions need a way to merge aggregates too:
 * `count` adds, `reduce` reuses its reducer, `aggregate` takes a `merger`.
 */
export interface SessionWindowedStream<K extends GroupKey, V> {
  count(options?: AggregationOptions): WindowedTable<SessionResult<K, number>>;
  reduce(reducer: (aggregate: V, value: V, key: K) => V, options?: AggregationOptions): WindowedTable<SessionResult<K, V>>;
  aggregate<A>(
    initializer: () => A,
    aggregator: (aggregate: A, value: V, key: K) => A,
    merger: (left: A, right: A, key: K) => A,
    options?: AggregationOptions,
  ): WindowedTable<SessionResult<K, A>>;
}

/** @internal */
export class SessionWindowedStreamImpl<K extends GroupKey, V> implements SessionWindowedStream<K, V> {
  readonly #topology: Topology;
  readonly #group: Grouping;
  readonly #windows: SessionWindows;

  constructor(topology: Topology, group: Grouping, windows: SessionWindows) {
    this.#topology = topology;
    this.#group = group;
    this.#windows = windows;
  }

  #aggregation<R>(aggregator: Aggregator, options: AggregationOptions): WindowedTable<R> {
    const { name, topic } = this.#topology.changelog(this.#group, aggregator.operation, options.name);
    const minimum = this.#windows.gapMs + this.#windows.graceMs;
    const retention = windowRetention(name, options.retentionMs, minimum, `session gap (${this.#windows.gapMs} ms) plus grace (${this.#windows.graceMs} ms)`);
    const node = this.#group.node.add(new SessionWindowAggregateNode(name, topic, this.#windows, aggregator, options.emit ?? 'updates', retention));
    return new WindowedTableImpl<R>(this.#topology, this.#group.root, node);
  }

  count(options: AggregationOptions = {}): WindowedTable<SessionResult<K, number>> {
    return this.#aggregation(countAggregator, options);
  }

  reduce(reducer: (aggregate: V, value: V, key: K) => V, options: AggregationOptions = {}): WindowedTable<SessionResult<K, V>> {
    return this.#aggregation(reduceAggregator(reducer as (a: unknown, v: unknown, k: GroupKey) => unknown), options);
  }

  aggregate<A>(
    initializer: () => A,
    aggregator: (aggregate: A, value: V, key: K) => A,
    merger: (left: A, right: A, key: K) => A,
    options: AggregationOptions = {},
  ): WindowedTable<SessionResult<K, A>> {
    return this.#aggregation(
      aggregateAggregator(initializer, aggregator as (a: unknown, v: unknown, k: GroupKey) => unknown, merger as (l: unknown, r: unknown, k: GroupKey) => unknown),
      options,
    );
  }
}
