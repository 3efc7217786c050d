import type { GroupKey } from './GroupKey.js';
import { SessionWindowedStreamImpl, type SessionWindowedStream } from './SessionWindowedStream.js';
import { SessionWindows } from './SessionWindows.js';
import { TimeWindowedStreamImpl, type TimeWindowedStream } from './TimeWindowedStream.js';
import type { TimeWindows } from './TimeWindows.js';
import type { Grouping } from './topology/Grouping.js';
import type { Topology } from './topology/Topology.js';

/** A stream grouped by key, waiting for its windows. */
export interface GroupedStream<K extends GroupKey, V> {
  /** Tumbling or hopping windows by event time: `tumbling(60_000).grace(5_000)`. */
  windowedBy(windows: TimeWindows): TimeWindowedStream<K, V>;
  /** Session windows by event time: `session(30_000).grace(5_000)`. */
  windowedBy(windows: SessionWindows): SessionWindowedStream<K, V>;
}

/** @internal */
export class GroupedStreamImpl<K extends GroupKey, V> implements GroupedStream<K, V> {
  readonly #topology: Topology;
  readonly #group: Grouping;

  constructor(topology: Topology, group: Grouping) {
    this.#topology = topology;
    this.#group = group;
  }

  windowedBy(windows: TimeWindows): TimeWindowedStream<K, V>;
  windowedBy(windows: SessionWindows): SessionWindowedStream<K, V>;
  windowedBy(windows: TimeWindows | SessionWindows): TimeWindowedStream<K, V> | SessionWindowedStream<K, V> {
    if (windows instanceof SessionWindows) return new SessionWindowedStreamImpl<K, V>(this.#topology, this.#group, windows);
    return new TimeWindowedStreamImpl<K, V>(this.#topology, this.#group, windows);
  }
}
