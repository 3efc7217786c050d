import type { ProcessingContext } from '../processing/ProcessingContext.js';
import { WindowStore, type WindowEntry } from '../state/WindowStore.js';
import type { StreamLateRecordEvent } from '../../observability/StreamEvents.js';
import { encodeGroupKey } from '../GroupKey.js';
import type { EmitMode } from '../WindowResult.js';
import type { Aggregator } from './Aggregator.js';
import type { InternalTopic } from './InternalTopic.js';
import { Node, type NodeContext } from './Node.js';

/**
 * What tumbling, hopping and session aggregations share: a store per task,
 * mirrored to the changelog, and the end-of-chunk step that forwards results,
 * evicts expired windows and writes the changelog records into the chunk's
 * outbox (so state and offsets commit together).
 *
 * Two moments in a window's life, as in Kafka Streams: it *closes* when stream
 * time passes its end plus grace (no record can change it any more: its final
 * result is forwarded with `emit: 'final'`), and it *expires* when stream time
 * passes the store's retention (it leaves the store and the changelog). With the
 * default retention both happen at once.
 */
export abstract class WindowAggregateNode extends Node {
  readonly name: string;
  readonly changelog: InternalTopic;
  readonly emit: EmitMode;
  /** How long (ms of stream time) windows stay in the store; see `AggregationOptions.retentionMs`. */
  readonly retentionMs: number;
  protected readonly aggregator: Aggregator;

  constructor(name: string, changelog: InternalTopic, aggregator: Aggregator, emit: EmitMode, retentionMs: number) {
    super();
    this.name = name;
    this.changelog = changelog;
    this.aggregator = aggregator;
    this.emit = emit;
    this.retentionMs = retentionMs;
  }

  createStore(): WindowStore<unknown> {
    return new WindowStore<unknown>();
  }

  /** True once no record can change `entry` any more (its final result). */
  protected abstract isClosed(entry: WindowEntry<unknown>, streamTime: number): boolean;

  /** True once `entry` is past the store's retention: it leaves the store. Never before it is closed. */
  protected abstract isExpired(entry: WindowEntry<unknown>, streamTime: number): boolean;

  /**
   * Called once per chunk, after its last record (`last`). Forwards updates
   * (coalesced per window, like Kafka Streams' record cache) or final results
   * of the windows that closed, then drops expired windows, then queues the
   * changelog records.
   */
  flush(store: WindowStore<unknown>, last: NodeContext, pc: ProcessingContext): void {
    const streamTime = store.streamTime;
    if (this.emit === 'updates') {
      const { updated, merged } = store.pending();
      for (const entry of merged) this.#forwardResult(entry, null, `${last.origin}#${this.name}`, last, pc);
      for (const entry of updated) this.#forwardResult(entry, entry.aggregate, `${last.origin}#${this.name}`, last, pc);
    } else {
      const closed = store.entriesWhere((entry) => !entry.emitted && this.isClosed(entry, streamTime)).sort(byEnd);
      for (const entry of closed) {
        this.#forwardResult(entry, entry.aggregate, `final#${this.name}`, last, pc);
        // Kept past its close by a longer retention: remember that it was emitted, across restarts too.
        if (!this.isExpired(entry, streamTime)) store.put({ ...entry, emitted: true });
      }
    }
    for (const entry of store.entriesWhere((e) => this.isExpired(e, streamTime))) store.remove(entry, 'closed');
    for (const record of store.drain()) {
      pc.outbox.push({ topic: this.changelog.name, partition: last.partition, key: record.key, value: record.value, timestamp: last.timestamp });
    }
  }

  #forwardResult(entry: WindowEntry<unknown>, value: unknown, originPrefix: string, last: NodeContext, pc: ProcessingContext): void {
    const result = { key: entry.key, windowStart: entry.start, windowEnd: entry.end, value };
    const key = encodeGroupKey(entry.key).key;
    const context: NodeContext = { ...last, key, timestamp: entry.timestamp, origin: `${originPrefix}#${entry.start}#${entry.end}#${entry.keyText}` };
    this.forward(result, context, pc);
  }

  /**
   * Counts a record dropped for `windows` (closed before it came) and reports it.
   * Kafka Streams' `dropped-records-total` counts each window a record was too
   * late for, so `droppedRecords` does too; `lateRecords` counts records.
   */
  protected reportLate(pc: ProcessingContext, context: NodeContext, keyText: string, streamTime: number, windows: ReadonlyArray<{ start: number; end: number }>): void {
    pc.env.counters.late++;
    pc.env.counters.dropped += windows.length;
    const events = pc.env.events;
    if (!events?.has('stream.late-record')) return;
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
    events.emit('stream.late-record', event);
  }
}

function byEnd(a: WindowEntry<unknown>, b: WindowEntry<unknown>): number {
  return a.end - b.end || a.start - b.start || (a.keyText < b.keyText ? -1 : a.keyText > b.keyText ? 1 : 0);
}
