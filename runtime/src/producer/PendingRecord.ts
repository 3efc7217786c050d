import type { PublishError } from '../errors/PublishError.js';
import type { OutboundRecord } from '../transport/TransportProducer.js';

/** How one record ended: written at partition/offset, or failed. */
export type RecordOutcome = { ok: true; partition: number; offset: string } | { ok: false; error: PublishError };

/** Told the outcome and the record it is about (so that one listener can serve many records). */
export type OutcomeListener = (outcome: RecordOutcome, record: PendingRecord) => void;

/**
 * One record between `publish`/`produce`/`publishBatch` and the broker's answer.
 * It settles exactly once, whoever gets there first (the broker's answer, a
 * delivery timeout, `close()`), so every listener is told once and only once.
 *
 * No promise per record: listeners are told in a microtask after the record
 * settles (never from inside the call that settles it), together with every
 * other record settled in the same turn, in the order they settled. A caller
 * that wants a promise asks for one (`outcome()`).
 */
export class PendingRecord {
  readonly messageId: string;
  readonly topic: string;
  /** The kafkajs message; `partition` is filled in when ksdk assigns one. */
  readonly record: OutboundRecord;
  #bytes = -1;
  /** `performance.now()` when the publish started, for durations (0 when nobody reads them). */
  readonly startedAt: number;
  #result: RecordOutcome | undefined;
  /** One listener (the common case) or several, in the order they were added. */
  #listeners: OutcomeListener | OutcomeListener[] | undefined;

  constructor(messageId: string, topic: string, record: OutboundRecord, startedAt = 0) {
    this.messageId = messageId;
    this.topic = topic;
    this.record = record;
    this.startedAt = startedAt;
  }

  /** Approximate bytes on the wire (value, key, headers), for `batchBytes`; measured when first asked. */
  get bytes(): number {
    if (this.#bytes < 0) this.#bytes = sizeOf(this.record);
    return this.#bytes;
  }

  get settled(): boolean {
    return this.#result !== undefined;
  }

  /** The outcome, once settled. */
  get result(): RecordOutcome | undefined {
    return this.#result;
  }

  /** Calls `listener` once with the outcome, in a microtask after the record settles (or after now, if it has). */
  onSettled(listener: OutcomeListener): void {
    const current = this.#listeners;
    if (current === undefined) this.#listeners = listener;
    else if (typeof current === 'function') this.#listeners = [current, listener];
    else current.push(listener);
    if (this.#result !== undefined) notifyLater(this);
  }

  /** The outcome as a promise, for a caller that awaits this one record. */
  outcome(): Promise<RecordOutcome> {
    return new Promise((resolve) => this.onSettled(resolve));
  }

  /** Records the outcome; false when the record had already settled. */
  settle(outcome: RecordOutcome): boolean {
    if (this.#result !== undefined) return false;
    this.#result = outcome;
    if (this.#listeners !== undefined) notifyLater(this);
    return true;
  }

  /** Tells the listeners added so far (called from the notification microtask). */
  notify(): void {
    const listeners = this.#listeners;
    const outcome = this.#result;
    if (listeners === undefined || outcome === undefined) return;
    this.#listeners = undefined;
    if (typeof listeners === 'function') tell(listeners, outcome, this);
    else for (const listener of listeners) tell(listener, outcome, this);
  }
}

/** Records settled in this turn whose listeners are still to be told: one microtask for all of them. */
let toNotify: PendingRecord[] = [];

function notifyLater(record: PendingRecord): void {
  if (toNotify.push(record) === 1) queueMicrotask(notifyAll);
}

function notifyAll(): void {
  // Listeners may settle or listen to more records: those go to the next microtask.
  const records = toNotify;
  toNotify = [];
  for (const record of records) record.notify();
}

/** Listeners are ksdk's own and report their own errors; this keeps the others going if one does not. */
function tell(listener: OutcomeListener, outcome: RecordOutcome, record: PendingRecord): void {
  try {
    listener(outcome, record);
  } catch (error) {
    console.warn('ksdk: a delivery listener threw', error);
  }
}

function byteLength(value: string | Buffer | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

function sizeOf(record: OutboundRecord): number {
  let size = byteLength(record.value) + byteLength(record.key);
  const headers = record.headers;
  if (headers) {
    for (const name in headers) {
      if (!Object.prototype.hasOwnProperty.call(headers, name)) continue;
      const value = headers[name];
      size += name.length + (Array.isArray(value) ? value.reduce((n: number, v) => n + byteLength(v), 0) : byteLength(value));
    }
  }
  return size;
}
