import { randomUUID } from 'node:crypto';
import type { MessageMetadata } from '../messages/MessageMetadata.js';
import { murmur3Hash } from './murmur3.js';
import type { PartitionKeyStrategy } from './PartitionKeyStrategy.js';

/**
 * The built-in partition-key strategies (JustSaying's `*PartitionKeyStrategy`
 * classes). Generated code calls these factories from the manifest's
 * `partitionKey`; application code may call them too.
 *
 * A strategy only picks the *key*; `PartitionChooser` turns a key into a
 * partition exactly as the Java client would.
 */

/** What a property-based strategy accepts as a property name: a misspelt one does not compile. */
export type PropertyOf<T> = keyof T & string;

/** The message id (the default when a message declares no strategy). */
export function byMessageId<T extends MessageMetadata = MessageMetadata>(): PartitionKeyStrategy<T> {
  return { kind: 'message-id', key: (message) => message.id };
}

/**
 * The message's unique key: `uniqueKey(message)` when given, otherwise the id
 * (JustSaying's `Message.UniqueKey()` defaults to the id as well).
 */
export function byUniqueKey<T extends MessageMetadata = MessageMetadata>(uniqueKey?: (message: T) => string): PartitionKeyStrategy<T> {
  return { kind: 'unique-key', key: (message) => (uniqueKey ? uniqueKey(message) : message.id) };
}

/** A `null` key: the partitioner spreads records round robin over the partitions. */
export function roundRobin<T = MessageMetadata>(): PartitionKeyStrategy<T> {
  return { kind: 'round-robin', key: () => null };
}

/**
 * The same random key for `durationMs`, then a new one: consecutive records share
 * a partition (bigger batches) while load still moves across partitions over time.
 * The period starts when a key is first chosen, measured on the producer's clock.
 */
export function sticky<T = MessageMetadata>(durationMs: number, newKey: () => string = randomUUID): PartitionKeyStrategy<T> {
  if (!(durationMs > 0)) throw new RangeError(`sticky(durationMs): durationMs must be positive, got ${durationMs}`);
  let current: string | undefined;
  let until = 0;
  return {
    kind: 'sticky',
    key: (_message, now) => {
      if (current === undefined || now >= until) {
        current = newKey();
        until = now + durationMs;
      }
      return current;
    },
    fork: () => sticky<T>(durationMs, newKey),
  };
}

/**
 * The number of the `windowMs`-long window the message's `timeStamp` falls in,
 * counted from the epoch: records of one window share a partition, the next
 * window (usually) moves on. A timestamp that does not parse uses the clock.
 */
export function timeWindow<T extends MessageMetadata = MessageMetadata>(windowMs: number): PartitionKeyStrategy<T> {
  if (!(windowMs > 0)) throw new RangeError(`timeWindow(windowMs): windowMs must be positive, got ${windowMs}`);
  return {
    kind: 'time-window',
    key: (message, now) => {
      const parsed = Date.parse(message.timeStamp);
      const at = Number.isNaN(parsed) ? now : parsed;
      return String(Math.floor(at / windowMs));
    },
  };
}

/** A property value as key text; `null`/`undefined` mean "no key". */
function propertyText(value: unknown): string | Buffer | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Consistent hashing on a property: the property's value is the key, so Kafka's
 * murmur2 keeps every message with the same value on one partition, and a Java
 * service keyed by the same value co-partitions. A missing value gives a `null`
 * key (spread round robin): there is no affinity to keep.
 */
export function byProperty<T>(property: PropertyOf<T>): PartitionKeyStrategy<T> {
  return { kind: 'property', key: (message) => propertyText(message[property]) };
}

/**
 * The MurmurHash3 (x86, 32-bit, seed 0) of a property's UTF-8 text, as an
 * unsigned decimal string; the message id when no property is named. The key
 * still goes through Kafka's murmur2 for placement: this exists for parity with
 * JustSaying's `Murmur3PartitionKeyStrategy` and for keys that must not reveal
 * the value (an e-mail address, say). A missing value gives a `null` key.
 */
export function murmur3<T>(property?: PropertyOf<T>): PartitionKeyStrategy<T> {
  return {
    kind: 'murmur3',
    key: (message) => {
      const value = propertyText(property === undefined ? (message as { id?: unknown }).id : message[property]);
      return value === null ? null : String(murmur3Hash(value));
    },
  };
}

/** Fully custom: `fn` gets the message, the producer's clock and the topic. */
export function custom<T>(fn: (message: T, now: number, topic: string | undefined) => string | Buffer | null): PartitionKeyStrategy<T> {
  return { kind: 'custom', key: (message, now, topic) => fn(message, now, topic) };
}
