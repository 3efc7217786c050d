import type { PendingRecord } from './PendingRecord.js';

export interface AccumulatorOptions {
  /** How long the first record of a batch waits for company. */
  lingerMs: number;
  /** Most records per batch. */
  batchSize: number;
  /** Most bytes per batch (a single larger record still goes, alone). */
  batchBytes: number;
}

/** Sends one batch for a topic; must settle every record and never reject. */
export type SendBatch = (topic: string, batch: PendingRecord[]) => Promise<void>;

interface TopicQueue {
  records: PendingRecord[];
  bytes: number;
  /** Runs `lingerMs` after the oldest queued record arrived. */
  timer: NodeJS.Timeout | undefined;
  /** The linger time of the queued records has passed. */
  expired: boolean;
  /** `sendAll()` asked for everything queued now. */
  flushing: boolean;
  inFlight: boolean;
}

/**
 * Kafka's `linger.ms`/`batch.size`, which kafkajs lacks: records for a topic
 * wait until `lingerMs` has passed since the first of them, or until a batch is
 * full, and then go in one request. One batch per topic is in flight at a time,
 * so records of a partition are written in the order they were produced, and
 * whatever arrives meanwhile forms the next batch (with `lingerMs` 0 this is all
 * the batching there is: the first record goes at once).
 */
export class RecordAccumulator {
  readonly #options: AccumulatorOptions;
  readonly #send: SendBatch;
  readonly #topics = new Map<string, TopicQueue>();

  constructor(options: AccumulatorOptions, send: SendBatch) {
    this.#options = options;
    this.#send = send;
  }

  /** Records waiting in a queue (not yet handed to `send`). */
  get queued(): number {
    let n = 0;
    for (const q of this.#topics.values()) n += q.records.length;
    return n;
  }

  add(record: PendingRecord): void {
    const q = this.#queue(record.topic);
    q.records.push(record);
    q.bytes += record.bytes;
    this.#arm(record.topic, q);
    this.#pump(record.topic, q);
  }

  /** Makes every queued record due now (flush, close). */
  sendAll(): void {
    for (const [topic, q] of this.#topics) {
      if (q.records.length === 0) continue;
      q.flushing = true;
      this.#pump(topic, q);
    }
  }

  /** Takes every queued record out (close, a failed connection) so the caller can settle them. */
  drain(): PendingRecord[] {
    const out: PendingRecord[] = [];
    for (const q of this.#topics.values()) {
      out.push(...q.records);
      q.records = [];
      this.#reset(q);
    }
    return out;
  }

  #queue(topic: string): TopicQueue {
    let q = this.#topics.get(topic);
    if (!q) {
      q = { records: [], bytes: 0, timer: undefined, expired: false, flushing: false, inFlight: false };
      this.#topics.set(topic, q);
    }
    return q;
  }

  /** Whether the queue should go as soon as nothing is in flight. */
  #due(q: TopicQueue): boolean {
    const o = this.#options;
    return o.lingerMs <= 0 || q.expired || q.flushing || q.records.length >= o.batchSize || q.bytes >= o.batchBytes;
  }

  /** Starts the linger timer for a queue that has records but is not due yet. */
  #arm(topic: string, q: TopicQueue): void {
    if (q.timer !== undefined || q.records.length === 0 || this.#due(q)) return;
    q.timer = setTimeout(() => {
      q.timer = undefined;
      q.expired = true;
      this.#pump(topic, q);
    }, this.#options.lingerMs);
  }

  #reset(q: TopicQueue): void {
    q.bytes = 0;
    q.expired = false;
    q.flushing = false;
    clearTimeout(q.timer);
    q.timer = undefined;
  }

  #pump(topic: string, q: TopicQueue): void {
    if (q.inFlight || q.records.length === 0 || !this.#due(q)) return;
    const batch = this.#take(q);
    if (q.records.length === 0) this.#reset(q);
    else this.#arm(topic, q);
    q.inFlight = true;
    this.#send(topic, batch)
      .catch(() => undefined)
      .finally(() => {
        q.inFlight = false;
        if (q.records.length === 0) {
          this.#topics.delete(topic);
          return;
        }
        this.#pump(topic, q);
      });
  }

  #take(q: TopicQueue): PendingRecord[] {
    let count = 0;
    let bytes = 0;
    while (count < q.records.length && count < this.#options.batchSize) {
      const next = q.records[count]!.bytes;
      if (count > 0 && bytes + next > this.#options.batchBytes) break;
      bytes += next;
      count++;
    }
    q.bytes -= bytes;
    return q.records.splice(0, count);
  }
}
