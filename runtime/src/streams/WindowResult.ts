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
 * - `final`: once per window, when it can no longer change, as Kafka Streams'
 *   `suppress(Suppressed.untilWindowCloses(...))`: a time window once stream time
 *   reaches its end plus grace, a session once stream time reaches its end plus
 *   gap plus grace.
 */
export type EmitMode = 'updates' | 'final';

export interface AggregationOptions {
  /**
   * Names the state store: its changelog topic is `<applicationId>-<name>-changelog`.
   * Name aggregations explicitly so that state survives changes elsewhere in the topology.
   */
  name?: string;
  emit?: EmitMode;
  /**
   * How long windows stay in the store, in ms of stream time (Kafka Streams'
   * `Materialized.withRetention`). Default and minimum: size + grace for time
   * windows, gap + grace for sessions, so a window leaves the store when it closes.
   * Longer retention keeps closed time windows (no effect on results) and, as
   * in Kafka Streams, lets a record merge with sessions up to `retention` old.
   */
  retentionMs?: number;
}
