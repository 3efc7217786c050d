/**
 * Apache Kafka's murmur2, bit for bit: `org.apache.kafka.common.utils.Utils.murmur2`.
 *
 * Why our own copy rather than kafkajs's: placement is a contract with every Java
 * and Kafka Streams service on the same topic, so ksdk owns it, tests it against
 * the Java client itself (`test/partitioning/javaPlacement.int.test.ts`) and uses
 * 32-bit integer arithmetic (`Math.imul`) instead of 64-bit emulation.
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

/** Key bytes as Kafka's `StringSerializer` would produce them (UTF-8) or as given. */
export function keyBytes(key: string | Uint8Array): Uint8Array {
  return typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
}

/** Reused for ASCII keys (ids, most business keys): their bytes without a Buffer per record. */
let scratch = new Uint8Array(64);

/** The key's UTF-8 bytes, in `scratch` when the key is ASCII (the first `key.length` bytes). */
function bytesOf(key: string | Uint8Array): Uint8Array {
  if (typeof key !== 'string') return key;
  const n = key.length;
  if (n > scratch.length) scratch = new Uint8Array(Math.max(n, scratch.length * 2));
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    if (c > 0x7f) return Buffer.from(key, 'utf8');
    scratch[i] = c;
  }
  return scratch;
}

/** Java's `Utils.murmur2(byte[])`: a signed 32-bit hash. */
export function murmur2(key: string | Uint8Array): number {
  const data = bytesOf(key);
  // An ASCII string's bytes are its characters; `data` may be longer (the scratch array).
  const length = typeof key === 'string' && data === scratch ? key.length : data.length;
  let h = SEED ^ length;
  const length4 = length >>> 2;

  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = (data[i4]! & 0xff) | ((data[i4 + 1]! & 0xff) << 8) | ((data[i4 + 2]! & 0xff) << 16) | ((data[i4 + 3]! & 0xff) << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }

  // Java's switch falls through from 3 to 1; written as ifs for the same effect.
  const tail = length & ~3;
  const rest = length & 3;
  if (rest === 3) h ^= (data[tail + 2]! & 0xff) << 16;
  if (rest >= 2) h ^= (data[tail + 1]! & 0xff) << 8;
  if (rest >= 1) {
    h ^= data[tail]! & 0xff;
    h = Math.imul(h, M);
  }

  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Java's `Utils.toPositive`: masks the sign bit (not `Math.abs`, not `>>> 0`). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/**
 * The partition Apache Kafka's Java producer chooses for a keyed record
 * (`BuiltInPartitioner.partitionForKey`): `toPositive(murmur2(keyBytes)) % numPartitions`.
 */
export function javaPartition(key: string | Uint8Array, numPartitions: number): number {
  if (!Number.isInteger(numPartitions) || numPartitions < 1) {
    throw new RangeError(`numPartitions must be a positive integer, got ${numPartitions}`);
  }
  return toPositive(murmur2(key)) % numPartitions;
}
