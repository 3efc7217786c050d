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
