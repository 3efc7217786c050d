import type { GroupKey } from './GroupKey.js';

/** An aggregate of one key in one tumbling or hopping window. */
export interface WindowResult<K extends GroupKey, A> {
  readonly key: K;
  /** Inclusive, ms since the epoch. */
  readonly windowStart: number;
  /** Exclusive, ms since the epoch (Kafka Streams' `TimeWindow`). */
  readonly windowEnd: number;
  readonly value: A;
}

/** An aggregate of one key in one session. */
export interface SessionResult<K extends GroupKey, A> {
  readonly key: K;
  /** Timestamp of the session's first record (inclusive). */
  readonly windowStart: number;
  /** Timestamp of the session's last record (inclusive, as Kafka Streams' `SessionWindow`). */
  readonly windowEnd: number;
  /**
   * The aggregate, or null when this session was merged into a larger one and no
   * longer exists (with `emit: 'updates'` only): a reader keeping the latest
   * result per window deletes it, exactly as Kafka Streams forwards a tombstone.
   */
  readonly value: A | null;
}

/**
 * When an aggregation forwards results.
 * - `updates` (default, as Kafka Streams without suppression): after each commit,
 *   the latest aggregate of every window that changed. The last result per window is its total.
 * - `final`: once per window, when it can no longer change: a time window once stream
 *   time reaches its end plus grace (Kafka Streams' `emitStrategy(onWindowClose())`);
 *   a session once it ends before stream time − grace − 2·gap (see `SessionWindowAggregateNode`).
 */
export type EmitMode = 'updates' | 'final';

export interface AggregationOptions {
  /**
   * Names the state store: its changelog topic is `<applicationId>-<name>-changelog`.
   * Name aggregations explicitly so that state survives changes elsewhere in the topology.
   */
  name?: string;
  emit?: EmitMode;
}
