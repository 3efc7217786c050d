import type { ConsumedRecord } from '../../transport/TransportConsumer.js';
import { decodeRecord, MessageTypeIndex, type DecodedMessage } from '../../wire/decodeRecord.js';
import type { ProcessingContext } from '../processing/ProcessingContext.js';
import type { TimestampExtractor } from '../TimestampExtractor.js';
import type { TopicDescriptor } from '../TopicDescriptor.js';
import { reportSkipped, RootNode } from './RootNode.js';

/**
 * Reads a user topic: decodes each record in any of the three wire formats and
 * validates it against the topic's message schemas, then gives it its event time
 * (the timestamp extractor, default the record timestamp). A record that cannot
 * be decoded is poison: skipped and reported (`stream.record-skipped`), never a
 * reason to stall the partition (Kafka Streams' LogAndContinue handler); so is a
 * record whose event time is not a non-negative integer (LogAndSkipOnInvalidTimestamp).
 */
export class SourceNode extends RootNode {
  readonly topic: TopicDescriptor;
  readonly extractor: TimestampExtractor<unknown> | undefined;
  readonly #types: MessageTypeIndex;

  constructor(topic: TopicDescriptor, extractor: TimestampExtractor<unknown> | undefined) {
    super();
    this.topic = topic;
    this.extractor = extractor;
    this.#types = new MessageTypeIndex(topic.messages);
  }

  get topicName(): string {
    return this.topic.name;
  }

  receive(record: ConsumedRecord, partition: number, pc: ProcessingContext): void {
    const context = this.contextOf(record, partition);
    let decoded: DecodedMessage;
    try {
      decoded = decodeRecord({ value: record.value, headers: record.headers, timestamp: record.timestamp, coordinates: context.origin }, this.#types);
    } catch (err) {
      reportSkipped(pc, context, 'poison', err instanceof Error ? err : new Error(String(err)));
      return;
    }
    const timestamp = this.extractor ? this.extractor(decoded.message, context) : context.timestamp;
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
      reportSkipped(pc, context, 'invalid-timestamp');
      return;
    }
    this.forward(decoded.message, timestamp === context.timestamp ? context : { ...context, timestamp }, pc);
  }
}
