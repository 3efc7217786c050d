import type { RecordHeaders } from '../transport/RecordHeaders.js';

/** What a publish interceptor sees of one outgoing record, just before it is queued. */
export interface OutgoingRecord {
  /** The producer's name (`ProducerOptions.name`). */
  readonly producer: string;
  readonly topic: string;
  readonly messageId: string;
  /** The message descriptor's name, e.g. `OrderPlaced`. */
  readonly messageType: string;
  readonly key: string | Buffer | null | undefined;
  /** The record's own headers: an interceptor may add entries (trace context) and they are sent. */
  readonly headers: RecordHeaders;
}

/** How the record ended: written at partition/offset, or failed. */
export type PublishOutcome = { ok: true; partition: number; offset: string } | { ok: false; error: Error };

/**
 * Observes one record from the moment it is built until the broker's answer.
 * It is called synchronously inside `publish`/`produce`/`publishBatch`, in the
 * caller's async context, so it sees the caller's active trace context; it may
 * return a callback that receives the outcome once. Tracing uses it to open a
 * `send` span, inject its context into the headers and end it with the outcome.
 * Like a Java client's `ProducerInterceptor` (`onSend`, `onAcknowledgement`), an
 * interceptor is a start/finish pair rather than a wrapper around the send because
 * records are batched (linger, batch size): no single call sends one record.
 */
export type PublishInterceptor = (record: OutgoingRecord) => ((outcome: PublishOutcome) => void) | void;

function report(error: unknown): void {
  console.warn('ksdk: a publish interceptor threw', error);
}

/**
 * Runs `interceptors` for one record and returns the callback to call with its
 * outcome (undefined when none wants it). An interceptor that throws is reported and
 * skipped: observability never fails a publish.
 */
export function startPublishInterceptors(interceptors: readonly PublishInterceptor[], record: OutgoingRecord): ((outcome: PublishOutcome) => void) | undefined {
  const finishers: Array<(outcome: PublishOutcome) => void> = [];
  for (const interceptor of interceptors) {
    try {
      const finish = interceptor(record);
      if (typeof finish === 'function') finishers.push(finish);
    } catch (error) {
      report(error);
    }
  }
  if (finishers.length === 0) return undefined;
  return (outcome) => {
    for (const finish of finishers) {
      try {
        finish(outcome);
      } catch (error) {
        report(error);
      }
    }
  };
}
