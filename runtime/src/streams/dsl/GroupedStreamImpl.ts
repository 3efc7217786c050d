import type { GroupKey } from '../GroupKey.js';
import type { GroupedStream, SessionWindowedStream, TimeWindowedStream } from '../KStream.js';
import type { SessionWindows } from '../SessionWindows.js';
import type { TimeWindows } from '../TimeWindows.js';
import type { Grouping } from '../topology/Grouping.js';
import type { DslContext } from './DslContext.js';
import { WindowedStreamImpl } from './WindowedStreamImpl.js';

/** A stream grouped by key (`groupBy` or `groupByKey`), waiting for its windows. */
export class GroupedStreamImpl<K extends GroupKey, V> implements GroupedStream<K, V> {
  readonly #context: DslContext;
  readonly #group: Grouping;

  constructor(context: DslContext, group: Grouping) {
    this.#context = context;
    this.#group = group;
  }

  windowedBy(windows: TimeWindows): TimeWindowedStream<K, V>;
  windowedBy(windows: SessionWindows): SessionWindowedStream<K, V>;
  windowedBy(windows: TimeWindows | SessionWindows): TimeWindowedStream<K, V> | SessionWindowedStream<K, V> {
    return new WindowedStreamImpl<K, V>(this.#context, this.#group, windows);
  }
}
