/**
 * Events of stream processing, delivered through `RuntimeEvents` like consumer
 * and producer events, so monitors and metrics need no stream-specific wiring.
 */

/** A record an aggregation dropped because (some of) its windows had already closed. */
export interface StreamLateRecordEvent {
  application: string;
  /** The aggregation's name (its store). */
  aggregation: string;
  /** The internal repartition topic the record was read from. */
  topic: string;
  partition: number;
  offset: string;
  /** The record's event time (ms since epoch). */
  timestamp: number;
  /** The partition's stream time when the record arrived (largest timestamp seen). */
  streamTime: number;
  /** The group key as JSON text. */
  key: string;
  /** The windows the record was not added to. A hopping window record may be late for some windows only. */
  windows: ReadonlyArray<{ start: number; end: number }>;
}

/**
 * A record a stream could not process and skipped: undecodable (poison), grouped
 * under a null key, or without a usable timestamp (event time) for a window.
 */
export interface StreamRecordSkippedEvent {
  application: string;
  topic: string;
  partition: number;
  offset: string;
  timestamp: number;
  reason: 'poison' | 'null-key' | 'invalid-timestamp';
  error?: Error;
}

/** A state store partition restored from its changelog topic after an assignment. */
export interface StreamStateRestoredEvent {
  application: string;
  aggregation: string;
  changelogTopic: string;
  partition: number;
  /** Changelog records read (before compaction removed superseded ones, more than the live windows). */
  records: number;
  /** Windows (or sessions) live after the restore. */
  windows: number;
  durationMs: number;
}

/**
 * Kafka refused to commit a chunk of a task (its output, repartition and
 * changelog records with its input offset), so the chunk is processed again
 * once the task is ready (restored from its changelog) in this or another
 * instance. With `exactly-once` the chunk's transaction was aborted and took no
 * effect. With `at-least-once` its records may have been written before the
 * offset commit failed: written again, the chunk takes effect twice (at most
 * `records` records over-counted per event).
 */
export interface StreamCommitFailedEvent {
  application: string;
  guarantee: 'at-least-once' | 'exactly-once';
  /** The task's input partition. */
  topic: string;
  partition: number;
  /** Input offsets of the chunk's first and last record. */
  firstOffset: string;
  lastOffset: string;
  records: number;
  /**
   * The group no longer counted this instance in (its session lapsed, or a
   * rebalance began): it processes nothing more until it has rejoined.
   */
  leftGroup: boolean;
  error: Error;
}
