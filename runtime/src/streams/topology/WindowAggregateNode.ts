import type { ProcessingContext } from '../processing/ProcessingContext.js';
import { WindowStore, type WindowEntry } from '../state/WindowStore.js';
import type { StreamLateRecordEvent } from '../StreamEvents.js';
import type { EmitMode } from '../WindowResult.js';
import type { Aggregator } from './Aggregator.js';
import type { InternalTopic } from './InternalTopic.js';
import { Node, type NodeContext } from './Node.js';

/**
 * What tumbling, hopping and session aggregations share: a store per task,
 * mirrored to the changelog, and the end-of-chunk step that forwards results,
 * evicts closed windows and writes the changelog records into the chunk's
 * outbox (so state and offsets commit together).
 */
export abstract class WindowAggregateNode extends Node {
  readonly name: string;
  readonly changelog: InternalTopic;
  readonly emit: EmitMode;
  protected readonly aggregator: Aggregator;

  constructor(name: string, changelog: InternalTopic, aggregator: Aggregator, emit: EmitMode) {
    super();
    this.name = name;
    this.changelog = changelog;
    this.aggregator = aggregator;
    this.emit = emit;
  }

  createStore(): WindowStore<unknown> {
    return new WindowStore<unknown>();
  }

  /** True once no record can change `entry` any more: it is final and leaves the store. */
  protected abstract isClosed(entry: WindowEntry<unknown>, streamTime: number): boolean;

  /**
   * Called once per chunk, after its last record (`last`). Forwards updates
   * (coalesced per window, like Kafka Streams' record cache) or final results,
   * then drops closed windows, then queues the changelog records.
   */
  flush(store: WindowStore<unknown>, last: NodeContext, pc: ProcessingContext): void {
    const streamTime = store.streamTime;
    if (this.emit === 'updates') {
      const { updated, merged } = store.pending();
      for (const entry of merged) this.#forwardResult(entry, null, `${last.origin}#${this.name}`, last, pc);
      for (const entry of updated) this.#forwardResult(entry, entry.aggregate, `${last.origin}#${this.name}`, last, pc);
    }
    const closed = store.entriesWhere((entry) => this.isClosed(entry, streamTime)).sort((a, b) => a.end - b.end || a.start - b.start);
    for (const entry of closed) {
      if (this.emit === 'final') this.#forwardResult(entry, entry.aggregate, `final#${this.name}`, last, pc);
      store.remove(entry, 'closed');
    }
    for (const record of store.drain()) {
      pc.outbox.push({ topic: this.changelog.name, partition: last.partition, key: record.key, value: record.value, timestamp: last.timestamp });
    }
  }

  #forwardResult(entry: WindowEntry<unknown>, value: unknown, originPrefix: string, last: NodeContext, pc: ProcessingContext): void {
    const result = { key: entry.key, windowStart: entry.start, windowEnd: entry.end, value };
    const context: NodeContext = { ...last, timestamp: entry.timestamp, origin: `${originPrefix}#${entry.start}#${entry.end}#${entry.keyText}` };
    this.forward(result, context, pc);
  }

  protected reportLate(pc: ProcessingContext, context: NodeContext, keyText: string, streamTime: number, windows: ReadonlyArray<{ start: number; end: number }>): void {
    pc.env.counters.late++;
    const events = pc.env.events;
    if (!events?.has('stream.late_record')) return;
    const event: StreamLateRecordEvent = {
      application: pc.env.applicationId,
      aggregation: this.name,
      topic: context.topic,
      partition: context.partition,
      offset: context.offset,
      timestamp: context.timestamp,
      streamTime,
      key: keyText,
      windows,
    };
    events.emit('stream.late_record', event);
  }
}
