import type { PublishError } from '../errors/PublishError.js';
import type { OutboundRecord } from '../transport/TransportProducer.js';

/** How one record ended: written at partition/offset, or failed. */
export type RecordOutcome = { ok: true; partition: number; offset: string } | { ok: false; error: PublishError };

/**
 * One record between `publish`/`produce`/`publishBatch` and the broker's answer.
 * It settles exactly once, whoever gets there first (the broker's answer, a
 * delivery timeout, `close()`), so every callback fires once and only once.
 */
export class PendingRecord {
  readonly messageId: string;
  readonly topic: string;
  /** The kafkajs message; `partition` is filled in when ksdk assigns one. */
  readonly record: OutboundRecord;
  /** Approximate bytes on the wire (value, key, headers), for `batchBytes`. */
  readonly bytes: number;
  /** `performance.now()` when the publish started, for durations. */
  readonly startedAt: number;
  readonly done: Promise<RecordOutcome>;
  #settled = false;
  #resolve!: (outcome: RecordOutcome) => void;

  constructor(messageId: string, topic: string, record: OutboundRecord) {
    this.messageId = messageId;
    this.topic = topic;
    this.record = record;
    this.bytes = sizeOf(record);
    this.startedAt = performance.now();
    this.done = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  get settled(): boolean {
    return this.#settled;
  }

  /** Records the outcome; false when the record had already settled. */
  settle(outcome: RecordOutcome): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    this.#resolve(outcome);
    return true;
  }
}

function byteLength(value: string | Buffer | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

function sizeOf(record: OutboundRecord): number {
  let size = byteLength(record.value) + byteLength(record.key);
  for (const [name, value] of Object.entries(record.headers ?? {})) {
    size += name.length + (Array.isArray(value) ? value.reduce((n: number, v) => n + byteLength(v), 0) : byteLength(value));
  }
  return size;
}
