import { KsdkError } from '../../errors/KsdkError.js';

/**
 * The changelog record layout of window state. Keys are JSON so that compaction
 * keeps exactly one record per window (and one for stream time):
 * - window: key `[start, end, keyText]`, value `{"aggregate": A, "timestamp": t}`
 *   (plus `"emitted": true` once its final result was forwarded while a retention
 *   longer than the grace keeps it), or a tombstone (null value) once the window
 *   left the store (retention passed) or was merged away;
 * - stream time: key `"stream-time"`, value `{"streamTime": t}`, so that a
 *   restored task judges lateness exactly as before the restart.
 */
export interface ChangelogRecord {
  key: string;
  value: string | null;
}

export const STREAM_TIME_KEY = JSON.stringify('stream-time');

export type DecodedChangelogRecord =
  | { kind: 'window'; start: number; end: number; keyText: string; aggregate: unknown; timestamp: number; emitted: boolean }
  | { kind: 'tombstone'; start: number; end: number; keyText: string }
  | { kind: 'stream-time'; streamTime: number };

export function windowKey(start: number, end: number, keyText: string): string {
  return JSON.stringify([start, end, keyText]);
}

export function windowValue(aggregate: unknown, timestamp: number, emitted = false): string {
  return JSON.stringify(emitted ? { aggregate, timestamp, emitted } : { aggregate, timestamp });
}

export function streamTimeValue(streamTime: number): string {
  return JSON.stringify({ streamTime });
}

export function decodeChangelogRecord(key: string, value: string | null, where: string): DecodedChangelogRecord {
  const fail = (why: string): never => {
    throw new KsdkError('KSDK_DECODE', `changelog record ${where} is not ksdk window state (${why}); was the topic written by something else?`);
  };
  let parsedKey: unknown;
  try {
    parsedKey = JSON.parse(key);
  } catch {
    return fail('key is not JSON');
  }
  if (key === STREAM_TIME_KEY) {
    if (value === null) return { kind: 'stream-time', streamTime: -1 };
    const v = JSON.parse(value) as { streamTime?: unknown };
    if (typeof v.streamTime !== 'number') return fail('stream time is not a number');
    return { kind: 'stream-time', streamTime: v.streamTime };
  }
  if (!Array.isArray(parsedKey) || parsedKey.length !== 3) return fail('key is not [start, end, key]');
  const [start, end, keyText] = parsedKey as [unknown, unknown, unknown];
  if (typeof start !== 'number' || typeof end !== 'number' || typeof keyText !== 'string') return fail('key is not [start, end, key]');
  if (value === null) return { kind: 'tombstone', start, end, keyText };
  const v = JSON.parse(value) as { aggregate?: unknown; timestamp?: unknown; emitted?: unknown };
  if (typeof v.timestamp !== 'number' || !('aggregate' in v)) return fail('value is not {aggregate, timestamp}');
  return { kind: 'window', start, end, keyText, aggregate: v.aggregate, timestamp: v.timestamp, emitted: v.emitted === true };
}
