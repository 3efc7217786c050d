import type { ConsumedRecord } from '../../transport/TransportConsumer.js';
import { decodeGroupKey, GROUP_KEY_FORMAT_HEADER, keyText } from '../GroupKey.js';
import type { ProcessingContext } from '../processing/ProcessingContext.js';
import type { GroupedRecord } from './GroupedRecord.js';
import type { InternalTopic } from './InternalTopic.js';
import { reportSkipped, RootNode } from './RootNode.js';

/** The read side of `groupBy`: turns repartition records back into (key, value) for the aggregations. */
export class RepartitionSourceNode extends RootNode {
  readonly topic: InternalTopic;

  constructor(topic: InternalTopic) {
    super();
    this.topic = topic;
  }

  get topicName(): string {
    return this.topic.name;
  }

  receive(record: ConsumedRecord, partition: number, pc: ProcessingContext): void {
    const context = this.contextOf(record, partition);
    let grouped: GroupedRecord;
    try {
      if (record.key === null || record.value === null) throw new Error('repartition record without key or value');
      const key = decodeGroupKey(record.key, context.headers[GROUP_KEY_FORMAT_HEADER]);
      grouped = { key, keyText: keyText(key), value: JSON.parse(record.value.toString('utf8')) as unknown };
    } catch (err) {
      reportSkipped(pc, context, 'poison', err instanceof Error ? err : new Error(String(err)));
      return;
    }
    this.forward(grouped, context, pc);
  }
}
