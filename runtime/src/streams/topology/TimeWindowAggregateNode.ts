import type { ProcessingContext } from '../processing/ProcessingContext.js';
import type { WindowEntry, WindowStore } from '../state/WindowStore.js';
import type { TimeWindow, TimeWindows } from '../TimeWindows.js';
import type { EmitMode } from '../WindowResult.js';
import type { Aggregator } from './Aggregator.js';
import type { GroupedRecord } from './GroupedRecord.js';
import type { InternalTopic } from './InternalTopic.js';
import type { NodeContext } from './Node.js';
import { reportSkipped } from './RootNode.js';
import { WindowAggregateNode } from './WindowAggregateNode.js';

/**
 * Tumbling and hopping window aggregation, as Kafka Streams 3.9's
 * `KStreamWindowAggregate`: stream time is the largest timestamp the task has
 * seen (this record included); a window `[start, end)` takes a record while
 * `end > streamTime - grace`, is closed from then on, and stays in the store
 * while `start > streamTime - retention` (default retention: size + grace, so
 * it leaves the store when it closes).
 */
export class TimeWindowAggregateNode extends WindowAggregateNode {
  readonly windows: TimeWindows;

  constructor(name: string, changelog: InternalTopic, windows: TimeWindows, aggregator: Aggregator, emit: EmitMode, retentionMs: number) {
    super(name, changelog, aggregator, emit, retentionMs);
    this.windows = windows;
  }

  process(value: unknown, context: NodeContext, pc: ProcessingContext): void {
    const { key, keyText, value: inner } = value as GroupedRecord;
    const store = pc.stores.store<WindowStore<unknown>>(this);
    const timestamp = context.timestamp;
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
      reportSkipped(pc, context, 'invalid-timestamp');
      return;
    }
    const streamTime = store.observe(timestamp);
    const closeTime = streamTime - this.windows.graceMs;
    const late: TimeWindow[] = [];
    for (const window of this.windows.windowsFor(timestamp)) {
      if (window.end <= closeTime) {
        late.push(window);
        continue;
      }
      const existing = store.get(keyText, window.start, window.end);
      store.put({
        key,
        keyText,
        start: window.start,
        end: window.end,
        aggregate: this.aggregator.add(existing ? existing.aggregate : this.aggregator.initial(), inner, key),
        timestamp: Math.max(existing?.timestamp ?? timestamp, timestamp),
      });
    }
    if (late.length > 0) this.reportLate(pc, context, keyText, streamTime, late);
  }

  protected isClosed(entry: WindowEntry<unknown>, streamTime: number): boolean {
    return entry.end <= streamTime - this.windows.graceMs;
  }

  protected isExpired(entry: WindowEntry<unknown>, streamTime: number): boolean {
    return entry.start <= streamTime - this.retentionMs && this.isClosed(entry, streamTime);
  }
}
