import type { GroupKey } from '../GroupKey.js';

/** The aggregate of a window no record has reached yet, for `reduce` (which has no initial value). */
export const NO_AGGREGATE: unique symbol = Symbol('ksdk.noAggregate');

/**
 * How an aggregation folds values into a window's aggregate, and (sessions)
 * merges two sessions' aggregates. `count` and `reduce` are `aggregate` with
 * fixed functions, as in Kafka Streams.
 */
export interface Aggregator {
  readonly operation: 'count' | 'reduce' | 'aggregate';
  initial(): unknown;
  add(aggregate: unknown, value: unknown, key: GroupKey): unknown;
  merge(left: unknown, right: unknown, key: GroupKey): unknown;
}

export const countAggregator: Aggregator = {
  operation: 'count',
  initial: () => 0,
  add: (aggregate) => (aggregate as number) + 1,
  merge: (left, right) => (left as number) + (right as number),
};

export function reduceAggregator(reducer: (aggregate: unknown, value: unknown, key: GroupKey) => unknown): Aggregator {
  return {
    operation: 'reduce',
    initial: () => NO_AGGREGATE,
    add: (aggregate, value, key) => (aggregate === NO_AGGREGATE ? value : reducer(aggregate, value, key)),
    merge: (left, right, key) => (left === NO_AGGREGATE ? right : reducer(left, right, key)),
  };
}

export function aggregateAggregator(
  initializer: () => unknown,
  aggregator: (aggregate: unknown, value: unknown, key: GroupKey) => unknown,
  merger?: (left: unknown, right: unknown, key: GroupKey) => unknown,
): Aggregator {
  return {
    operation: 'aggregate',
    initial: initializer,
    add: (aggregate, value, key) => aggregator(aggregate, value, key),
    merge: (left, right, key) => {
      if (!merger) throw new Error('session aggregation without a merger');
      return merger(left, right, key);
    },
  };
}
