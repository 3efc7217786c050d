// The stream DSL's interfaces, in one module: what applications program against.
// KStream, GroupedStream, the windowed streams and WindowedTable refer to each other,
// so they live together; the implementations (dsl/) import them, and nothing here
// imports an implementation or a topology node.
import type { GroupKey } from './GroupKey.js';
import type { RecordContext } from './RecordContext.js';
import type { SessionWindows } from './SessionWindows.js';
import type { TimeWindows } from './TimeWindows.js';
import type { TopicAccepts, TopicDescriptor } from './TopicDescriptor.js';
import type { AggregationOptions, SessionResult, WindowResult } from './WindowResult.js';

/** A predicate of `filter` and `branch`. */
export type StreamPredicate<V> = (value: V, context: RecordContext) => boolean;

/** What a branch predicate lets through: the guarded type for a type guard, else the stream's type. */
export type BranchValue<V, P> = P extends (value: V, context: RecordContext) => value is (infer S extends V) ? S : V;

/** The streams `branch` returns, one per predicate, in order. */
export type BranchedStreams<V, P extends readonly unknown[]> = { -readonly [I in keyof P]: KStream<BranchValue<V, P[I]>> };

export interface GroupByOptions {
  /**
   * Names the repartition topic `<applicationId>-<name>-repartition`. Defaults to
   * `group-<n>` in declaration order; name it so the topic survives topology changes.
   */
  name?: string;
  /** Partitions of the repartition topic (and of its aggregations' changelogs). Default: those of the upstream topic. */
  partitions?: number;
}

export interface GroupByKeyOptions {
  /** Prefix of the names of its unnamed aggregations (`<name>-count`...). Default `bykey-<n>` in declaration order. */
  name?: string;
}

/**
 * A stream of values of type `V`, read from a topic and transformed record by
 * record. Operators return new streams; calling several operators on one stream
 * forks it (each gets every value). Nothing runs until the app starts.
 *
 * Operator functions run synchronously, once per record, in partition order.
 */
export interface KStream<V> {
  /** Keeps the values `predicate` accepts; a type guard narrows the stream's type. */
  filter<S extends V>(predicate: (value: V, context: RecordContext) => value is S): KStream<S>;
  filter(predicate: StreamPredicate<V>): KStream<V>;
  /** Transforms each value into one new value. */
  map<R>(mapper: (value: V, context: RecordContext) => R): KStream<R>;
  /** Transforms each value into zero or more values. */
  flatMap<R>(mapper: (value: V, context: RecordContext) => Iterable<R>): KStream<R>;
  /** Runs a side effect (logging, metrics) and passes the value on unchanged. */
  peek(action: (value: V, context: RecordContext) => void): KStream<V>;
  /**
   * Routes each value to the stream of the first predicate that accepts it (a
   * value matching none is dropped), e.g. to send each kind to its own topic:
   * `const [large, rest] = s.branch((o) => o.amount > 100, () => true)`.
   */
  branch<P extends readonly StreamPredicate<V>[]>(...predicates: P): BranchedStreams<V, P>;
  /**
   * Groups values by a key for windowed aggregation. Values are repartitioned
   * through an internal topic keyed by the group key, so each key is aggregated
   * in one place however many instances run. Values cross that topic as JSON.
   */
  groupBy<K extends GroupKey>(selector: (value: V, context: RecordContext) => K, options?: GroupByOptions): GroupedStream<K, V>;
  /**
   * Groups values by their record key (UTF-8 text) for windowed aggregation, in
   * place: no repartition topic, as Kafka Streams' `groupByKey` after operators
   * that keep the key (all of ksdk's do). The input must be partitioned by that key,
   * as a ksdk or Java producer keying by it does. Records without a key are dropped.
   */
  groupByKey(options?: GroupByKeyOptions): GroupedStream<string, V>;
  /**
   * Writes each value to `topic` as one of its messages. Compiles only when the
   * stream's values are the topic's message type (with or without `id` and
   * `timeStamp`, which are filled in).
   */
  to<Top extends TopicDescriptor>(topic: Top & TopicAccepts<V, Top>): void;
}

/** A stream grouped by key, waiting for its windows. */
export interface GroupedStream<K extends GroupKey, V> {
  /** Tumbling or hopping windows by event time: `tumbling(60_000).grace(5_000)`. */
  windowedBy(windows: TimeWindows): TimeWindowedStream<K, V>;
  /** Session windows by event time: `session(30_000).grace(5_000)`. */
  windowedBy(windows: SessionWindows): SessionWindowedStream<K, V>;
}

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

/**
 * The results of a windowed aggregation (Kafka Streams' windowed `KTable`):
 * one result per key and window, updated as records arrive (or final only,
 * with `emit: 'final'`).
 */
export interface WindowedTable<R> {
  /** The results as a stream, to transform and write to a typed topic: `toStream().map(...).to(topic)`. */
  toStream(): KStream<R>;
  /**
   * Writes the results as plain JSON records `{key, windowStart, windowEnd, value}`
   * keyed by the group key. Readers keep the last result per key and window.
   */
  to(topicName: string): void;
}
