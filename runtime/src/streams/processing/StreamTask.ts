import { KsdkError } from '../../errors/KsdkError.js';
import type { ConsumedRecord } from '../../transport/TransportConsumer.js';
import type { WindowStore } from '../state/WindowStore.js';
import type { RootNode } from '../topology/RootNode.js';
import type { WindowAggregateNode } from '../topology/WindowAggregateNode.js';
import { ProcessingContext, type StoreLookup, type StreamEnvironment } from './ProcessingContext.js';

/**
 * The unit of work and of ownership, as in Kafka Streams: one partition of one
 * consumed topic, with the state of the aggregations it feeds. Whichever
 * instance is assigned the partition runs the task; its state moves with it
 * through the changelog.
 */
export class StreamTask implements StoreLookup {
  readonly topic: string;
  readonly partition: number;
  readonly root: RootNode;
  readonly aggregations: readonly WindowAggregateNode[];
  #stores = new Map<object, WindowStore<unknown>>();
  /** Generation of the consumer group this task was last made ready in; -1 before. */
  readyGeneration = -1;
  /** In-memory state may be ahead of what was committed: restore before processing on. */
  invalid = false;
  restoring = false;
  /** The committed offset when made ready, advanced per commit: records below it are done. */
  position: bigint | undefined;

  constructor(topic: string, partition: number, root: RootNode, aggregations: readonly WindowAggregateNode[]) {
    this.topic = topic;
    this.partition = partition;
    this.root = root;
    this.aggregations = aggregations;
  }

  get id(): string {
    return `${this.topic}-${this.partition}`;
  }

  get windows(): number {
    let n = 0;
    for (const store of this.#stores.values()) n += store.size;
    return n;
  }

  store<S>(owner: object): S {
    const store = this.#stores.get(owner);
    if (!store) throw new Error(`task ${this.id} has no store for this aggregation (not restored)`);
    return store as S;
  }

  /** Replaces the stores with freshly restored ones. */
  setStores(stores: Map<object, WindowStore<unknown>>): void {
    this.#stores = stores;
  }

  /**
   * Runs a chunk of records through the sub-topology and then lets each
   * aggregation flush (results, evictions, changelog). Synchronous: nothing is
   * sent yet. A throw means the topology failed on a record: the caller must
   * treat the in-memory state as dirty.
   */
  process(records: readonly ConsumedRecord[], env: StreamEnvironment): ProcessingContext {
    const pc = new ProcessingContext(env, this);
    for (const record of records) {
      try {
        this.root.receive(record, this.partition, pc);
      } catch (err) {
        throw this.#failure(record, err);
      }
    }
    const last = records[records.length - 1];
    if (last && this.aggregations.length > 0) {
      const context = this.root.contextOf(last, this.partition);
      try {
        for (const aggregation of this.aggregations) aggregation.flush(this.store(aggregation), context, pc);
      } catch (err) {
        throw this.#failure(last, err);
      }
    }
    return pc;
  }

  #failure(record: ConsumedRecord, err: unknown): KsdkError {
    const message = err instanceof Error ? err.message : String(err);
    return new KsdkError('KSDK_HANDLER', `stream processing failed at ${this.topic}/${this.partition}@${record.offset}: ${message}`, { cause: err });
  }
}
