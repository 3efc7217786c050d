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
 * The sessions of its key a record at `timestamp` merges with, as Kafka Streams
 * 3.9 finds them: sessions `[start, end]` with `start <= timestamp + gap` and
 * `end >= timestamp - gap`, among those the session store still holds, which are
 * the ones ending at or after `streamTime - retention + 1` (`streamTime` before
 * this record; the store's own `observedStreamTime`). With the default retention
 * `gap + grace`, a session that ended `gap + grace` or more before stream time is
 * never merged into again, even by a record within `gap` of it: that record
 * starts a session of its own.
 *
 * @returns the lowest session end a merge may reach, for `store.overlapping`.
 */
export function sessionMergeFloor(timestamp: number, streamTimeBefore: number, gapMs: number, retentionMs: number): number {
  return Math.max(timestamp - gapMs, streamTimeBefore - retentionMs + 1);
}

/**
 * Session window aggregation, as Kafka Streams 3.9's `KStreamSessionWindowAggregate`
 * over its (uncached) session store:
 * - a record merges with the sessions `sessionMergeFloor` admits, combining
 *   their aggregates with the merger;
 * - it is dropped as late when the merged session ends before
 *   `streamTime - gap - grace` (stream time including this record);
 * - a session is closed (final: no record can reach it) once it ends at or
 *   before `streamTime - gap - grace`, which is when Kafka Streams'
 *   `suppress(untilWindowCloses(...))` emits it, and expires (leaves the store)
 *   once it ends at or before `streamTime - retention`.
 */
export class SessionWindowAggregateNode extends WindowAggregateNode {
  readonly windows: SessionWindows;

  constructor(name: string, changelog: InternalTopic, windows: SessionWindows, aggregator: Aggregator, emit: EmitMode, retentionMs: number) {
    super(name, changelog, aggregator, emit, retentionMs);
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
    const floor = sessionMergeFloor(timestamp, store.streamTime, gapMs, this.retentionMs);
    const streamTime = store.observe(timestamp);
    const closeTime = streamTime - graceMs - gapMs;
    const found = store.overlapping(keyText, floor, timestamp + gapMs);
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
    return entry.end <= streamTime - this.windows.gapMs - this.windows.graceMs;
  }

  protected isExpired(entry: WindowEntry<unknown>, streamTime: number): boolean {
    return entry.end <= streamTime - this.retentionMs && this.isClosed(entry, streamTime);
  }
}
