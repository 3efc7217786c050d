import type { RecordContext } from './RecordContext.js';

/**
 * Event time of a record, in ms since the epoch (Kafka Streams' `TimestampExtractor`).
 * It runs once per record when the stream reads it; the result is the record's
 * `timestamp` for every operator, window and output record downstream (repartition
 * records, `to()` outputs), as the extracted time is in Kafka Streams. A result that
 * is not a non-negative integer skips the record (`stream.record-skipped`,
 * `reason: 'invalid-timestamp'`). Default: the Kafka record timestamp
 * (`record.timestamp`), whatever the topic's `message.timestamp.type` made it.
 */
export type TimestampExtractor<V> = (value: V, record: RecordContext) => number;

/** Options of `StreamApp.stream(topic, options)`. */
export interface StreamOptions<V> {
  /** Where event time comes from. Default: the record timestamp. */
  timestamp?: TimestampExtractor<V>;
}

/**
 * Event time from a field of the message: a number (ms since the epoch), a `Date`,
 * or a date-time string (`Date.parse`, e.g. the ISO 8601 `timeStamp` every ksdk
 * message carries: `fieldTimestamp('timeStamp')`).
 */
export function fieldTimestamp<V>(field: keyof V & string): TimestampExtractor<V> {
  return (value) => {
    const raw = (value as Record<string, unknown>)[field];
    if (typeof raw === 'number') return raw;
    if (raw instanceof Date) return raw.getTime();
    if (typeof raw === 'string') return Date.parse(raw);
    return Number.NaN;
  };
}
