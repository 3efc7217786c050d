import type { ProcessingContext } from '../processing/ProcessingContext.js';
import type { WindowEntry, WindowStore } from '../state/WindowStore.js';
import type { SessionWindows } from '../SessionWindows.js';
import type { EmitMode } from '../WindowResult.js';
import type { Aggregator } from './Aggregator.js';
import type { GroupedRecord } from './GroupedRecord.js';
import type { InternalTopic } from './InternalTopic.js';
import type { NodeContext } from './Node.js';
import { reportSkipped } from './RootNode.js';
import { WindowAggregateNode } from './WindowAggregateNode.js';

/**
 * Session window aggregation, as Kafka Streams' `KStreamSessionWindowAggregate`:
 * a record at `t` merges with every session of its key overlapping
 * `[t - gap, t + gap]` (their aggregates combined with the merger), and is
 * dropped as late when the merged session ends before
 * `streamTime - grace - gap`.
 *
 * Retention: a session is kept (and can still be merged into) until it ends
 * before `streamTime - grace - 2·gap`. By then no record that is not itself late
 * can reach it (a record reaches back one gap from a time of at least
 * `streamTime - grace - gap`), so it is final: it is then emitted (`emit: 'final'`)
 * and evicted. Kafka Streams emits final sessions one gap earlier and may
 * still merge into them afterwards; waiting one gap longer means a final result
 * is never contradicted by a later merge.
 */
export class SessionWindowAggregateNode extends WindowAggregateNode {
  readonly windows: SessionWindows;

  constructor(name: string, changelog: InternalTopic, windows: SessionWindows, aggregator: Aggregator, emit: EmitMode) {
    super(name, changelog, aggregator, emit);
    this.windows = windows;
  }

  process(value: unknown, context: NodeContext, pc: ProcessingContext): void {
    const { key, keyText, value: inner } = value as GroupedRecord;
    const store = pc.stores.store<WindowStore<unknown>>(this);
    const { gapMs, graceMs } = this.windows;
    const timestamp = context.timestamp;
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
      reportSkipped(pc, context, 'invalid-timestamp');
      return;
    }
    const streamTime = store.observe(timestamp);
    const closeTime = streamTime - graceMs - gapMs;
    const found = store.overlapping(keyText, timestamp - gapMs, timestamp + gapMs).filter((s) => !this.isClosed(s, streamTime));
    let aggregate = this.aggregator.initial();
    let start = timestamp;
    let end = timestamp;
    for (const s of found) {
      aggregate = this.aggregator.merge(aggregate, s.aggregate, key);
      start = Math.min(start, s.start);
      end = Math.max(end, s.end);
    }
    if (end < closeTime) {
      this.reportLate(pc, context, keyText, streamTime, [{ start, end }]);
      return;
    }
    for (const s of found) if (s.start !== start || s.end !== end) store.remove(s, 'merged');
    store.put({ key, keyText, start, end, aggregate: this.aggregator.add(aggregate, inner, key), timestamp: end });
  }

  protected isClosed(entry: WindowEntry<unknown>, streamTime: number): boolean {
    return entry.end < streamTime - this.windows.graceMs - 2 * this.windows.gapMs;
  }
}
