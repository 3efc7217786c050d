/**
 * A topic the stream app owns: a repartition topic or a changelog. Its
 * partition count is settled at start (from the upstream topic unless
 * configured) and then shared by every instance of the app.
 */
export class InternalTopic {
  readonly name: string;
  readonly kind: 'repartition' | 'changelog';
  /** Configured count; otherwise the count of `partitionsFrom`. */
  readonly configuredPartitions: number | undefined;
  /** The topic whose partition count this one copies when not configured. */
  readonly partitionsFrom: string | InternalTopic;
  #partitions: number | undefined;

  constructor(name: string, kind: 'repartition' | 'changelog', partitionsFrom: string | InternalTopic, configuredPartitions?: number) {
    this.name = name;
    this.kind = kind;
    this.partitionsFrom = partitionsFrom;
    this.configuredPartitions = configuredPartitions;
  }

  get partitions(): number {
    if (this.#partitions === undefined) throw new Error(`partition count of ${this.name} is not resolved yet (the app has not started)`);
    return this.#partitions;
  }

  resolve(partitions: number): void {
    this.#partitions = partitions;
  }

  get resolved(): boolean {
    return this.#partitions !== undefined;
  }
}
