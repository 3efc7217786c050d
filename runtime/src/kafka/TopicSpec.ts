/**
 * A topic as an application declares it: what `ensureTopics()` creates and
 * compares the cluster with. The generated topic registry's entries are
 * `TopicSpec`s, so `ensureTopics(factory, Object.values(topics))` provisions
 * every topic of a generated client with the manifest's settings.
 */
export interface TopicSpec {
  readonly name: string;
  /** Number of partitions. Undefined: the broker's default (`num.partitions`). */
  readonly partitions?: number;
  /** Replicas per partition. Undefined: the broker's default (`default.replication.factor`). */
  readonly replicationFactor?: number;
  /** Topic configs (`retention.ms`, `cleanup.policy`...), values as text. Unset ones keep the broker's defaults. */
  readonly config?: Readonly<Record<string, string>>;
  /** A dead-letter topic (information for the application; created like any other). */
  readonly deadLetter?: boolean;
}
