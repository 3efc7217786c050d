/**
 * Chooses the record key for a message. The key decides the partition: keyed
 * records are placed as Apache Kafka's Java client places them (murmur2), a
 * `null` key lets the partitioner spread records round robin.
 *
 * Strategies are small objects so that stateful ones (sticky, round robin)
 * keep their state per producer instance; see `partitioning/strategies.ts`.
 */
export interface PartitionKeyStrategy<T> {
  /** Stable name, reported in metrics and checked by `ksdk check`. */
  readonly kind: string;
  /**
   * The key for `message`; `now` is the producer's clock in ms since the epoch,
   * `topic` the topic the record goes to (absent when called outside a producer).
   */
  key(message: T, now: number, topic?: string): string | Buffer | null;
  /**
   * A fresh copy with its own state. Stateful strategies implement it because a
   * strategy sits on a module-level message descriptor shared by every producer
   * in the process; each producer forks it once so that, say, one producer's
   * sticky key does not pin another's.
   */
  fork?(): PartitionKeyStrategy<T>;
}
