import type { RuntimeEvents } from '../../observability/RuntimeEvents.js';
import type { WireFormat } from '../../wire/WireFormat.js';
import type { StreamCounters } from './StreamCounters.js';

/** A record a chunk of processing will produce, committed together with the input offsets. */
export interface OutboxRecord {
  topic: string;
  /** Explicit partition (internal topics); otherwise the producer's partitioner decides by key. */
  partition?: number;
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers?: Record<string, string>;
  /** Event time carried forward, as Kafka Streams does. */
  timestamp: number;
}

/** App-wide settings and sinks that topology nodes read while processing. */
export interface StreamEnvironment {
  readonly applicationId: string;
  readonly wireFormat: WireFormat;
  /** CloudEvents `source` of messages the stream writes. */
  readonly source: string;
  readonly events: RuntimeEvents | undefined;
  readonly now: () => number;
  readonly counters: StreamCounters;
}

/** Looks up this task's instance of a stateful node's store. */
export interface StoreLookup {
  store<S>(owner: object): S;
}

/**
 * One chunk of processing in one task: records in, an outbox of records to
 * produce out. Nothing leaves the process until the chunk commits, so a chunk
 * either takes full effect or (in exactly-once mode) none.
 */
export class ProcessingContext {
  readonly outbox: OutboxRecord[] = [];
  readonly env: StreamEnvironment;
  readonly stores: StoreLookup;
  readonly #sequences = new Map<string, number>();

  constructor(env: StreamEnvironment, stores: StoreLookup) {
    this.env = env;
    this.stores = stores;
  }

  /** 0, 1, 2... per seed: numbers the messages one input record makes in one sink (flatMap). */
  nextSequence(seed: string): number {
    const n = this.#sequences.get(seed) ?? 0;
    this.#sequences.set(seed, n + 1);
    return n;
  }
}
