import { KsdkError } from '../errors/KsdkError.js';

/**
 * What `groupBy` may group by. Two keys are the same group when their JSON text
 * is equal (`keyText`), which is also their identity in state and changelogs.
 */
export type GroupKey = string | number | boolean | readonly (string | number | boolean)[];

/** The JSON text of a key: its identity in window state and changelog records. */
export function keyText(key: GroupKey): string {
  return JSON.stringify(key);
}

/**
 * Header marking a record key written as JSON text (a non-string group key). A key
 * without it is a string, written as its UTF-8 bytes.
 */
export const GROUP_KEY_FORMAT_HEADER = 'ksdk-key-format';

/**
 * The serde of group keys on the wire (repartition records, window results):
 * - a string is written as its UTF-8 bytes, exactly as Kafka's `StringSerializer`
 *   writes it, so it hashes to the partition a Java producer (or Kafka Streams)
 *   puts the same key on, and input keyed by it stays co-partitioned;
 * - a number, boolean or array is written as its JSON text (`42`, `true`,
 *   `["eu",7]`) with the header `ksdk-key-format: json`, which tells it apart from
 *   the string with the same characters. A Java producer co-partitions with it by
 *   writing the same JSON text with a `StringSerializer`.
 */
export function encodeGroupKey(key: GroupKey): { key: string; headers?: Record<string, string> } {
  if (typeof key === 'string') return { key };
  return { key: keyText(key), headers: { [GROUP_KEY_FORMAT_HEADER]: 'json' } };
}

/** Reads a key `encodeGroupKey` wrote; `format` is the value of its `ksdk-key-format` header. */
export function decodeGroupKey(bytes: Buffer, format: string | undefined): GroupKey {
  const text = bytes.toString('utf8');
  if (format === undefined) return text;
  if (format !== 'json') throw new KsdkError('KSDK_DECODE', `unknown ${GROUP_KEY_FORMAT_HEADER} "${format}" (expected "json")`);
  const key = JSON.parse(text) as unknown;
  if (!isGroupKey(key)) throw new KsdkError('KSDK_DECODE', `record key ${text} is not a group key (string, number, boolean or an array of those)`);
  return key;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** True for the values `groupBy` accepts as keys. */
export function isGroupKey(value: unknown): value is GroupKey {
  return isScalar(value) || (Array.isArray(value) && value.every(isScalar));
}
