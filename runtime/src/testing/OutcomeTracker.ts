import { KsdkError } from '../errors/KsdkError.js';
import { FailureHeader } from '../consumer/failureHeaders.js';
import type { ConsumerEventBase, MessageFailedEvent, RuntimeEvents } from '../observability/RuntimeEvents.js';
import type { MessageOutcome, RecordRef } from './MessageOutcome.js';
import { realTimeout } from './realTimers.js';

interface Settled {
  outcome: MessageOutcome;
  /** Where the record was first published: the original coordinates of a retry-topic copy. */
  origin: RecordRef;
}

interface Waiter {
  matches(settled: Settled): boolean;
  resolve(outcome: MessageOutcome): void;
}

const coordinates = (e: RecordRef) => `${e.topic}/${e.partition}@${e.offset}`;
const recordKey = (e: ConsumerEventBase) => `${e.subscription}\u0000${coordinates(e)}`;

/** The record's first coordinates: from ksdk's failure headers on a retry-topic copy, else its own. */
function originOf(e: ConsumerEventBase): RecordRef {
  const topic = e.headers[FailureHeader.originalTopic];
  const partition = e.headers[FailureHeader.originalPartition];
  const offset = e.headers[FailureHeader.originalOffset];
  if (topic !== undefined && partition !== undefined && offset !== undefined) return { topic, partition: Number(partition), offset };
  return { topic: e.topic, partition: e.partition, offset: e.offset };
}

function base(e: ConsumerEventBase): Pick<MessageOutcome, 'topic' | 'partition' | 'offset' | 'subscription' | 'messageId' | 'message'> {
  return {
    topic: e.topic,
    partition: e.partition,
    offset: e.offset,
    subscription: e.subscription,
    ...(e.message ? { messageId: e.message.id, message: e.message } : {}),
  };
}

/**
 * Turns the runtime's consumer events into one outcome per record, so a test
 * can await "what became of message X" instead of polling handler side effects.
 *
 * Terminal events settle a record: `consumer.processed` (handled),
 * `consumer.dead-lettered`, `consumer.skipped`. A record whose subscription
 * stops on it (reported through `ConsumerOptions.onError`) settles as `failed`
 * with its last failure. A forward to a retry topic settles nothing: the
 * journey goes on under the retry topic's subscription, and the outcome is
 * matched there by message id or by the original coordinates in the headers.
 */
export class OutcomeTracker {
  readonly #settled: Settled[] = [];
  readonly #failures = new Map<string, MessageFailedEvent>();
  readonly #waiters = new Set<Waiter>();
  readonly #unsubscribe: Array<() => void>;

  constructor(events: RuntimeEvents) {
    this.#unsubscribe = [
      events.on('consumer.failed', (e) => void this.#failures.set(recordKey(e), e)),
      events.on('consumer.processed', (e) => this.#settle(e, { ...base(e), status: 'handled', attempts: e.retryAttempt })),
      events.on('consumer.dead-lettered', (e) =>
        this.#settle(e, { ...base(e), status: 'dead-lettered', attempts: e.totalAttempts, deadLetterTopic: e.deadLetterTopic, reason: e.reason, error: e.error }),
      ),
      events.on('consumer.skipped', (e) => this.#settle(e, { ...base(e), status: 'skipped', attempts: e.totalAttempts, error: e.error })),
    ];
  }

  /** Every outcome so far, in the order they settled. */
  get outcomes(): MessageOutcome[] {
    return this.#settled.map((s) => s.outcome);
  }

  /** A subscription stopped: the records it was failing on are `failed`, with their last error. */
  subscriptionStopped(subscription: string): void {
    for (const [key, failure] of [...this.#failures]) {
      if (failure.subscription !== subscription) continue;
      this.#settle(failure, { ...base(failure), status: 'failed', attempts: failure.retryAttempt, error: failure.error });
      this.#failures.delete(key);
    }
  }

  /**
   * The outcome of a message (by id) or record (by coordinates, original or
   * current); waits for it up to `timeoutMs` of real time.
   */
  wait(ref: string | RecordRef, subscription: string | undefined, timeoutMs: number): Promise<MessageOutcome> {
    const matches = (s: Settled) => {
      if (subscription !== undefined && s.outcome.subscription !== subscription) return false;
      if (typeof ref === 'string') return s.outcome.messageId === ref;
      const want = coordinates(ref);
      return coordinates(s.outcome) === want || coordinates(s.origin) === want;
    };
    const done = this.#settled.find(matches);
    if (done) return Promise.resolve(done.outcome);
    return new Promise<MessageOutcome>((resolve, reject) => {
      const timer = realTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new KsdkError('KSDK_TIMEOUT', `no outcome for ${this.#describe(ref, subscription)} within ${timeoutMs} ms${this.#lastSeen(ref)}`));
      }, timeoutMs);
      const waiter: Waiter = {
        matches,
        resolve: (outcome) => {
          timer.cancel();
          this.#waiters.delete(waiter);
          resolve(outcome);
        },
      };
      this.#waiters.add(waiter);
    });
  }

  close(): void {
    for (const off of this.#unsubscribe) off();
  }

  #settle(event: ConsumerEventBase, outcome: MessageOutcome): void {
    this.#failures.delete(recordKey(event));
    const settled: Settled = { outcome, origin: originOf(event) };
    this.#settled.push(settled);
    for (const waiter of [...this.#waiters]) if (waiter.matches(settled)) waiter.resolve(outcome);
  }

  #describe(ref: string | RecordRef, subscription: string | undefined): string {
    const what = typeof ref === 'string' ? `message ${ref}` : `record ${coordinates(ref)}`;
    return subscription === undefined ? what : `${what} in subscription ${subscription}`;
  }

  /** What was last seen of the record, to make a time-out say where it got stuck. */
  #lastSeen(ref: string | RecordRef): string {
    const failures = [...this.#failures.values()].filter((f) => (typeof ref === 'string' ? f.message?.id === ref : coordinates(f) === coordinates(ref)));
    const last = failures[failures.length - 1];
    if (!last) return '; no attempt of it has failed: is a subscription reading its topic, or is its handler still running?';
    return `; last seen: attempt ${last.retryAttempt} failed in ${last.subscription} (${last.error.message})${last.willRetry ? ', a retry was due' : ''}`;
  }
}
