import { DecodeError } from '../errors/DecodeError.js';
import { KsdkError } from '../errors/KsdkError.js';
import { ValidationError } from '../errors/ValidationError.js';
import type { ConsumedRecord } from '../transport/TransportConsumer.js';
import { fallbackCopy, failureHeaders, type DroppedPart } from './failureHeaders.js';
import { classifyForwardFailure } from './forwardFailure.js';
import type { RecordForwarder } from './RecordForwarder.js';
import type { SubscriptionSpec } from './SubscriptionSpec.js';
import { untilAborted } from './untilAborted.js';

/** Why a record is dead-lettered: retries `exhausted`, `poison`, a `non-retriable` error, or a failure handler `decided`. */
export type DeadLetterReason = 'exhausted' | 'poison' | 'non-retriable' | 'decided';

/** `dead-letter` ends the record's journey; `forward` sends it to the next retry topic. */
export type ForwardKind = 'dead-letter' | 'forward';

/** A record to write to a retry topic or the DLT, with why it failed. */
export interface ForwardRequest {
  topic: string;
  kind: ForwardKind;
  error: Error;
  reason: DeadLetterReason;
  /** Attempts made in all, for `ksdk-attempts`. */
  attempts: number;
  /** Set once the broker refused the full copy for good: write the fallback copy, and this is why. */
  refusal?: string;
}

/** Where the failed record came from. */
export interface RecordPlace {
  topic: string;
  partition: number;
  offset: string;
}

export type RecoveryResult =
  /** The broker acknowledged the copy described by `request` (after a fallback: what it left out). */
  | { status: 'written'; request: ForwardRequest; dropped?: readonly DroppedPart[] }
  /** The write may succeed later: try `request` again. */
  | { status: 'retry-later'; request: ForwardRequest; error: KsdkError }
  /** The broker refuses for good and no fallback is left: stop, uncommitted. */
  | { status: 'refused'; error: KsdkError }
  /** stop() began while writing: the record stays uncommitted. */
  | { status: 'abandoned' };

/**
 * The recoverer of the failure pipeline: writes a failed record to the next
 * retry topic or the DLT with ksdk's failure headers and awaits the broker's
 * ack, so the offset is committed only once the copy is safe. What a failed
 * write leads to (see `classifyForwardFailure`):
 * - it may succeed later (a missing topic, ACLs, the network): `retry-later`;
 * - the broker refuses it for good (too large, an invalid record): a retry-topic
 *   hop becomes a dead-letter; a full dead-letter copy becomes the fallback copy
 *   without the value (`fallbackCopy`) unless `onDeadLetterRefused` is `stop`;
 *   a refused fallback copy is `refused`.
 * Once `stopped` aborts, the write is no longer awaited (`abandoned`).
 */
export class DeadLetterRecoverer {
  readonly #forwarder: RecordForwarder;
  readonly #spec: Pick<SubscriptionSpec, 'name' | 'groupId' | 'deadLetterTopic' | 'onDeadLetterRefused'>;
  readonly #now: () => number;

  constructor(forwarder: RecordForwarder, spec: Pick<SubscriptionSpec, 'name' | 'groupId' | 'deadLetterTopic' | 'onDeadLetterRefused'>, now: () => number) {
    this.#forwarder = forwarder;
    this.#spec = spec;
    this.#now = now;
  }

  async recover(place: RecordPlace, record: ConsumedRecord, first: ForwardRequest, stopped: AbortSignal): Promise<RecoveryResult> {
    let request = first;
    for (;;) {
      const { topic, error, reason, attempts, refusal } = request;
      const headers = failureHeaders(record.headers, {
        topic: place.topic,
        partition: place.partition,
        offset: place.offset,
        timestamp: record.timestamp,
        groupId: this.#spec.groupId,
        error,
        attempts,
        failedAt: this.#now(),
        reason: error instanceof DecodeError ? `poison:${error.reason}` : error instanceof ValidationError ? 'poison:schema' : reason,
      });
      const fallback = refusal === undefined ? undefined : fallbackCopy(record, headers, refusal);
      try {
        await untilAborted(this.#forwarder.forward(topic, fallback ?? { key: record.key, value: record.value, headers }), stopped);
        return fallback ? { status: 'written', request, dropped: fallback.dropped } : { status: 'written', request };
      } catch (err) {
        if (stopped.aborted) return { status: 'abandoned' };
        const failure = classifyForwardFailure(err);
        const where = `${place.topic}/${place.partition}@${place.offset}`;
        if (failure.kind === 'retry') {
          const message = `could not write ${where} to "${topic}"${fallback ? ' (fallback copy)' : ''}; the offset stays uncommitted and the write is retried: ${failure.description}`;
          return { status: 'retry-later', request, error: new KsdkError('KSDK_DEAD_LETTER', message, { cause: err, retriable: true }) };
        }
        const next = this.#afterRefusal(request, failure.description);
        if (next) {
          request = next;
          continue;
        }
        const why = refusal === undefined ? 'and onDeadLetterRefused is "stop"' : 'even the fallback copy without its value';
        const message = `subscription ${this.#spec.name} stopped at ${where} (not committed): topic "${topic}" refuses the dead-letter copy for good ${why}: ${failure.description}`;
        return { status: 'refused', error: new KsdkError('KSDK_DEAD_LETTER', message, { cause: err }) };
      }
    }
  }

  /** What to write after the broker refused `request` for good; undefined: nothing, stop. */
  #afterRefusal(request: ForwardRequest, refusal: string): ForwardRequest | undefined {
    const dlt = this.#spec.deadLetterTopic;
    if (request.kind === 'forward' && dlt !== undefined && dlt !== request.topic) return { ...request, topic: dlt, kind: 'dead-letter' };
    if (request.refusal === undefined && (this.#spec.onDeadLetterRefused ?? 'drop-value') === 'drop-value') return { ...request, kind: 'dead-letter', refusal };
    return undefined;
  }
}
