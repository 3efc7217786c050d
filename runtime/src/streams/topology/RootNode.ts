import type { StreamRecordSkippedEvent } from '../../observability/StreamEvents.js';
import type { ConsumedRecord } from '../../transport/TransportConsumer.js';
import { headersAsText } from '../../wire/headers.js';
import type { ProcessingContext } from '../processing/ProcessingContext.js';
import { Node, type NodeContext } from './Node.js';

/**
 * Where a sub-topology starts: the node that turns a consumed Kafka record into
 * a value. One per consumed topic (a user topic or an internal repartition topic).
 */
export abstract class RootNode extends Node {
  /** The topic this root consumes. */
  abstract readonly topicName: string;

  abstract receive(record: ConsumedRecord, partition: number, pc: ProcessingContext): void;

  process(): void {
    throw new Error('a root node has no parent');
  }

  /** The context operators see for `record`; also what an aggregation flushes a chunk under. */
  contextOf(record: ConsumedRecord, partition: number): NodeContext {
    return {
      topic: this.topicName,
      partition,
      offset: record.offset,
      timestamp: Number(record.timestamp),
      key: record.key === null ? null : record.key.toString('utf8'),
      headers: headersAsText(record.headers),
      origin: `${this.topicName}/${partition}/${record.offset}`,
    };
  }
}

/** Counts a skipped record and reports it through the runtime events. */
export function reportSkipped(pc: ProcessingContext, context: NodeContext, reason: StreamRecordSkippedEvent['reason'], error?: Error): void {
  pc.env.counters.skipped++;
  pc.env.counters.dropped++;
  const events = pc.env.events;
  if (!events?.has('stream.record-skipped')) return;
  const event: StreamRecordSkippedEvent = {
    application: pc.env.applicationId,
    topic: context.topic,
    partition: context.partition,
    offset: context.offset,
    timestamp: context.timestamp,
    reason,
  };
  if (error) event.error = error;
  events.emit('stream.record-skipped', event);
}
