import { KsdkError } from '../../errors/KsdkError.js';
import type { GroupKey } from '../GroupKey.js';
import type { SessionWindowedStream, TimeWindowedStream, WindowedTable } from '../KStream.js';
import { SessionWindows } from '../SessionWindows.js';
import type { TimeWindows } from '../TimeWindows.js';
import { aggregateAggregator, countAggregator, reduceAggregator, type Aggregator } from '../topology/Aggregator.js';
import type { Grouping } from '../topology/Grouping.js';
import { SessionWindowAggregateNode } from '../topology/SessionWindowAggregateNode.js';
import { TimeWindowAggregateNode } from '../topology/TimeWindowAggregateNode.js';
import type { WindowAggregateNode } from '../topology/WindowAggregateNode.js';
import { windowRetention } from '../topology/windowRetention.js';
import type { AggregationOptions } from '../WindowResult.js';
import type { DslContext } from './DslContext.js';
import { WindowedTableImpl } from './WindowedTableImpl.js';

type Merger<A, K> = (left: A, right: A, key: K) => A;

/**
 * A grouped stream in windows, time or session: the one implementation of
 * `TimeWindowedStream` and `SessionWindowedStream`. The window kind decides the
 * aggregation node and its minimum retention; session aggregations also need a
 * merger (`count` adds, `reduce` reuses its reducer, `aggregate` takes one).
 * Result types (`WindowResult`, `SessionResult`) are the interfaces' business.
 */
export class WindowedStreamImpl<K extends GroupKey, V> implements TimeWindowedStream<K, V>, SessionWindowedStream<K, V> {
  readonly #context: DslContext;
  readonly #group: Grouping;
  readonly #windows: TimeWindows | SessionWindows;

  constructor(context: DslContext, group: Grouping, windows: TimeWindows | SessionWindows) {
    this.#context = context;
    this.#group = group;
    this.#windows = windows;
  }

  #aggregation<R>(aggregator: Aggregator, options: AggregationOptions): WindowedTable<R> {
    const { name, topic } = this.#context.topology.changelog(this.#group, aggregator.operation, options.name);
    const emit = options.emit ?? 'updates';
    const w = this.#windows;
    let node: WindowAggregateNode;
    if (w instanceof SessionWindows) {
      const retention = windowRetention(name, options.retentionMs, w.gapMs + w.graceMs, `session gap (${w.gapMs} ms) plus grace (${w.graceMs} ms)`);
      node = new SessionWindowAggregateNode(name, topic, w, aggregator, emit, retention);
    } else {
      const retention = windowRetention(name, options.retentionMs, w.sizeMs + w.graceMs, `window size (${w.sizeMs} ms) plus grace (${w.graceMs} ms)`);
      node = new TimeWindowAggregateNode(name, topic, w, aggregator, emit, retention);
    }
    this.#group.node.add(node);
    return new WindowedTableImpl<R>(this.#context, this.#group.root, node);
  }

  count<R>(options: AggregationOptions = {}): WindowedTable<R> {
    return this.#aggregation(countAggregator, options);
  }

  reduce<R>(reducer: (aggregate: V, value: V, key: K) => V, options: AggregationOptions = {}): WindowedTable<R> {
    return this.#aggregation(reduceAggregator(reducer as (a: unknown, v: unknown, k: GroupKey) => unknown), options);
  }

  /** Time windows: `(initializer, aggregator, options?)`; sessions: `(initializer, aggregator, merger, options?)`. */
  aggregate<A, R>(
    initializer: () => A,
    aggregator: (aggregate: A, value: V, key: K) => A,
    mergerOrOptions?: Merger<A, K> | AggregationOptions,
    options?: AggregationOptions,
  ): WindowedTable<R> {
    const merger = typeof mergerOrOptions === 'function' ? mergerOrOptions : undefined;
    const resolved = (typeof mergerOrOptions === 'function' ? options : mergerOrOptions) ?? {};
    if (this.#windows instanceof SessionWindows && !merger) {
      throw new KsdkError('KSDK_CONFIG', 'a session aggregate needs a merger (initializer, aggregator, merger): sessions merge when a record bridges them');
    }
    return this.#aggregation(
      aggregateAggregator(initializer, aggregator as (a: unknown, v: unknown, k: GroupKey) => unknown, merger as Merger<unknown, GroupKey> | undefined),
      resolved,
    );
  }
}
