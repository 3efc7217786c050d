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
  timer: NodeJS.Timeout | undefined;
  /** The queue may be sent as soon as nothing is in flight. */
  due: boolean;
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
    if (this.#options.lingerMs <= 0 || q.records.length >= this.#options.batchSize || q.bytes >= this.#options.batchBytes) {
      q.due = true;
    } else if (q.timer === undefined && !q.due) {
      q.timer = setTimeout(() => {
        q.timer = undefined;
        q.due = true;
        this.#pump(record.topic, q);
      }, this.#options.lingerMs);
    }
    this.#pump(record.topic, q);
  }

  /** Makes every queued record due now (flush, close). */
  sendAll(): void {
    for (const [topic, q] of this.#topics) {
      if (q.records.length === 0) continue;
      q.due = true;
      this.#pump(topic, q);
    }
  }

  /** Takes every queued record out (close, a failed connection) so the caller can settle them. */
  drain(): PendingRecord[] {
    const out: PendingRecord[] = [];
    for (const q of this.#topics.values()) {
      out.push(...q.records);
      q.records = [];
      q.bytes = 0;
      q.due = false;
      clearTimeout(q.timer);
      q.timer = undefined;
    }
    return out;
  }

  #queue(topic: string): TopicQueue {
    let q = this.#topics.get(topic);
    if (!q) {
      q = { records: [], bytes: 0, timer: undefined, due: false, inFlight: false };
      this.#topics.set(topic, q);
    }
    return q;
  }

  #pump(topic: string, q: TopicQueue): void {
    if (q.inFlight || !q.due || q.records.length === 0) return;
    const batch = this.#take(q);
    if (q.records.length === 0) {
      q.due = false;
      clearTimeout(q.timer);
      q.timer = undefined;
    }
    q.inFlight = true;
    this.#send(topic, batch)
      .catch(() => undefined)
      .finally(() => {
        q.inFlight = false;
        if (q.records.length === 0 && q.timer === undefined) {
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
