/**
 * One record as the in-memory broker stores it: key, value and header values
 * as bytes and the offset as a string, as a kafkajs consumer would fetch it.
 */
export interface InMemoryRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** Header values as bytes; a header sent more than once keeps every value. */
  readonly headers: Readonly<Record<string, Buffer | readonly Buffer[]>>;
  /** Milliseconds since the epoch, as a string (kafkajs's `timestamp`). */
  readonly timestamp: string;
}

/** What a producer appends; the log assigns topic, partition and offset. */
export type AppendedRecord = Pick<InMemoryRecord, 'key' | 'value' | 'headers' | 'timestamp'>;

/**
 * A topic: an append-only log per partition, offsets from 0. Records leave only
 * by `deleteBefore` (Kafka's DeleteRecords): the partition's log start offset
 * moves up and the records below it are gone; there is no time or size
 * retention. A read below the log start is the caller's to handle (a Kafka
 * consumer gets OFFSET_OUT_OF_RANGE and resets).
 */
export class TopicLog {
  readonly name: string;
  /** The topic configs it was created with (`retention.ms`...); kept and reported, not acted on. */
  readonly config: Readonly<Record<string, string>>;
  /** Per partition: the records held, the first of them at offset `start`. */
  readonly #partitions: Array<{ start: number; records: InMemoryRecord[] }>;

  constructor(name: string, partitions: number, config: Readonly<Record<string, string>> = {}) {
    this.name = name;
    this.config = config;
    this.#partitions = Array.from({ length: partitions }, () => ({ start: 0, records: [] }));
  }

  get partitionCount(): number {
    return this.#partitions.length;
  }

  /** Grows the topic to `count` partitions (Kafka never shrinks a topic). */
  growTo(count: number): void {
    while (this.#partitions.length < count) this.#partitions.push({ start: 0, records: [] });
  }

  append(partition: number, record: AppendedRecord): InMemoryRecord {
    const log = this.#partitions[partition];
    if (!log) throw new RangeError(`topic ${this.name} has no partition ${partition}`);
    const stored: InMemoryRecord = { topic: this.name, partition, offset: String(log.start + log.records.length), ...record };
    log.records.push(stored);
    return stored;
  }

  /** The offset the next record of `partition` will get (Kafka's high watermark). */
  highWatermark(partition: number): number {
    const log = this.#partitions[partition];
    return log ? log.start + log.records.length : 0;
  }

  /** The first offset `partition` still holds (Kafka's log start offset). */
  logStartOffset(partition: number): number {
    return this.#partitions[partition]?.start ?? 0;
  }

  /**
   * Removes the records of `partition` below `offset`, which must not be above
   * the high watermark; an offset at or below the log start removes nothing.
   */
  deleteBefore(partition: number, offset: number): void {
    const log = this.#partitions[partition];
    if (!log) throw new RangeError(`topic ${this.name} has no partition ${partition}`);
    if (offset > log.start + log.records.length) throw new RangeError(`offset ${offset} is above the high watermark of ${this.name}/${partition}`);
    if (offset <= log.start) return;
    log.records.splice(0, offset - log.start);
    log.start = offset;
  }

  /** Up to `max` records of `partition` from offset `from` (at or above the log start). */
  read(partition: number, from: number, max: number): readonly InMemoryRecord[] {
    const log = this.#partitions[partition];
    if (!log) return [];
    const at = Math.max(0, from - log.start);
    return log.records.slice(at, at + max);
  }

  /** Every record held, by partition then offset. */
  all(): InMemoryRecord[] {
    return this.#partitions.flatMap((p) => p.records);
  }
}
