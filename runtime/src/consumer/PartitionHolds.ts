import type { TransportConsumer } from '../transport/TransportConsumer.js';

const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * Makes a partition wait without blocking the consumer (a retry backoff, a
 * retry topic's delay, a dead-letter write to try again): pause it, rewind it
 * to the record, and resume it from a timer. Timers only ever *resume*; the
 * handler runs solely on records fetched under the current assignment.
 *
 * `isCurrent(generation)` is false for a batch from before a rebalance and once
 * stop() began: such a hold arms nothing, and a timer that fires then does
 * nothing, so no timer touches a consumer that is gone.
 */
export class PartitionHolds {
  readonly #consumer: Pick<TransportConsumer, 'pause' | 'seek' | 'resume'>;
  readonly #isCurrent: (generation: number) => boolean;
  readonly #onError: (error: Error) => void;
  readonly #timers = new Map<string, { timer: NodeJS.Timeout; topic: string; partition: number }>();

  constructor(consumer: Pick<TransportConsumer, 'pause' | 'seek' | 'resume'>, isCurrent: (generation: number) => boolean, onError: (error: Error) => void) {
    this.#consumer = consumer;
    this.#isCurrent = isCurrent;
    this.#onError = onError;
  }

  /** Pauses the partition, rewinds it to `offset` and resumes it after `ms`. */
  hold(topic: string, partition: number, offset: string, ms: number, generation: number): 'held' {
    if (!this.#isCurrent(generation)) return 'held';
    const key = tpKey(topic, partition);
    const existing = this.#timers.get(key);
    if (existing) clearTimeout(existing.timer);
    this.#consumer.pause([{ topic, partitions: [partition] }]);
    this.#consumer.seek({ topic, partition, offset });
    const timer = setTimeout(() => {
      this.#timers.delete(key);
      if (this.#isCurrent(generation)) this.#resume([{ topic, partitions: [partition] }]);
    }, ms);
    this.#timers.set(key, { timer, topic, partition });
    return 'held';
  }

  /** Cancels every timer and resumes the partitions they held (on a rebalance and on stop). */
  releaseAll(): void {
    for (const { timer } of this.#timers.values()) clearTimeout(timer);
    const held = [...this.#timers.values()].map(({ topic, partition }) => ({ topic, partitions: [partition] }));
    this.#timers.clear();
    this.#resume(held);
  }

  /** Never throws: kafkajs throws once the consumer stopped or crashed. */
  #resume(partitions: Array<{ topic: string; partitions: number[] }>): void {
    if (partitions.length === 0) return;
    try {
      this.#consumer.resume(partitions);
    } catch (err) {
      this.#onError(err instanceof Error ? err : new Error(String(err)));
    }
  }
}
