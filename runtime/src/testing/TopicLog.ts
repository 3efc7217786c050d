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
 * A topic: an append-only log per partition, offsets from 0. Nothing is ever
 * removed (no retention), so the log start offset is always 0 and a group
 * without a committed offset reads from 0 or from the end.
 */
export class TopicLog {
  readonly name: string;
  /** The topic configs it was created with (`retention.ms`...); kept and reported, not acted on. */
  readonly config: Readonly<Record<string, string>>;
  readonly #partitions: InMemoryRecord[][];

  constructor(name: string, partitions: number, config: Readonly<Record<string, string>> = {}) {
    this.name = name;
    this.config = config;
    this.#partitions = Array.from({ length: partitions }, () => []);
  }

  get partitionCount(): number {
    return this.#partitions.length;
  }

  /** Grows the topic to `count` partitions (Kafka never shrinks a topic). */
  growTo(count: number): void {
    while (this.#partitions.length < count) this.#partitions.push([]);
  }

  append(partition: number, record: AppendedRecord): InMemoryRecord {
    const log = this.#partitions[partition];
    if (!log) throw new RangeError(`topic ${this.name} has no partition ${partition}`);
    const stored: InMemoryRecord = { topic: this.name, partition, offset: String(log.length), ...record };
    log.push(stored);
    return stored;
  }

  /** The offset the next record of `partition` will get (Kafka's high watermark). */
  highWatermark(partition: number): number {
    return this.#partitions[partition]?.length ?? 0;
  }

  /** Up to `max` records of `partition` from offset `from`. */
  read(partition: number, from: number, max: number): readonly InMemoryRecord[] {
    return this.#partitions[partition]?.slice(from, from + max) ?? [];
  }

  /** Every record, by partition then offset. */
  all(): InMemoryRecord[] {
    return this.#partitions.flat();
  }
}
