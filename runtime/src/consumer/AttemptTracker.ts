import type { ForwardRequest } from './DeadLetterRecoverer.js';

/** Where a partition stands with the record it is held at. */
export interface AttemptState {
  offset: string;
  /** Attempt number (1-based, this hop) of the next delivery of `offset`. */
  attempt: number;
  /** Retries are over; the record waits for its dead-letter (or retry-topic) write to succeed. */
  pendingForward?: ForwardRequest;
}

const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * Counts the attempts of the record each partition is held at, across its
 * redeliveries: a held partition is rewound and the record fetched again, so the
 * count lives here, not in the record. Forgotten on a rebalance (the new owner
 * starts over from the committed offset).
 */
export class AttemptTracker {
  readonly #states = new Map<string, AttemptState>();

  /** The state of the partition if it is held at `offset`. */
  get(topic: string, partition: number, offset: string): AttemptState | undefined {
    // No partition is held (the common case): no key to build.
    if (this.#states.size === 0) return undefined;
    const state = this.#states.get(tpKey(topic, partition));
    return state?.offset === offset ? state : undefined;
  }

  /** The record failed and will be delivered again as attempt `nextAttempt`. */
  retry(topic: string, partition: number, offset: string, nextAttempt: number): void {
    this.#states.set(tpKey(topic, partition), { offset, attempt: nextAttempt });
  }

  /** The record's dead-letter (or retry-topic) write failed and will be tried again. */
  awaitForward(topic: string, partition: number, offset: string, request: ForwardRequest): void {
    this.#states.set(tpKey(topic, partition), { offset, attempt: request.attempts, pendingForward: request });
  }

  /** The record is done: the partition moves on. */
  done(topic: string, partition: number): void {
    this.#states.delete(tpKey(topic, partition));
  }

  clear(): void {
    this.#states.clear();
  }
}
