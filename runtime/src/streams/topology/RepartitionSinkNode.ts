import { KsdkError } from '../../errors/KsdkError.js';
import { javaPartition } from '../../partitioning/murmur2.js';
import { encodeGroupKey, isGroupKey, type GroupKey } from '../GroupKey.js';
import type { RecordContext } from '../RecordContext.js';
import type { ProcessingContext } from '../processing/ProcessingContext.js';
import type { InternalTopic } from './InternalTopic.js';
import { Node, type NodeContext } from './Node.js';
import { reportSkipped } from './RootNode.js';

/**
 * The write side of `groupBy`: sends each value to the repartition topic keyed
 * by its group key (`encodeGroupKey`: a string as its UTF-8 bytes), on the
 * partition Kafka's Java partitioner chooses for those bytes. Every record of a
 * key lands on one partition, so exactly one task (in whichever instance owns
 * it) aggregates that key: two instances add up to the same totals as one. A
 * string key lands on the partition a Java producer puts it on, so input keyed
 * by the group key stays in its partition (and in its order) across the
 * repartition, as in Kafka Streams. The record keeps its event time.
 *
 * A null or undefined key drops the record (reported), as in Kafka Streams.
 */
export class RepartitionSinkNode extends Node {
  readonly topic: InternalTopic;
  readonly #selector: (value: unknown, context: RecordContext) => GroupKey | null | undefined;

  constructor(topic: InternalTopic, selector: (value: unknown, context: RecordContext) => GroupKey | null | undefined) {
    super();
    this.topic = topic;
    this.#selector = selector;
  }

  process(value: unknown, context: NodeContext, pc: ProcessingContext): void {
    const key = this.#selector(value, context);
    if (key === null || key === undefined) {
      reportSkipped(pc, context, 'null-key');
      return;
    }
    if (!isGroupKey(key)) {
      throw new KsdkError('KSDK_VALIDATION', `groupBy into ${this.topic.name}: the key selector returned ${String(key)}, not a string, finite number, boolean or array of those`);
    }
    const encoded = encodeGroupKey(key);
    let body: string;
    try {
      body = JSON.stringify(value);
    } catch (err) {
      throw new KsdkError('KSDK_VALIDATION', `groupBy into ${this.topic.name}: the value is not JSON-serializable: ${(err as Error).message}`, { cause: err });
    }
    if (body === undefined) throw new KsdkError('KSDK_VALIDATION', `groupBy into ${this.topic.name}: the value is not JSON-serializable (${typeof value})`);
    pc.outbox.push({
      topic: this.topic.name,
      partition: javaPartition(encoded.key, this.topic.partitions),
      key: encoded.key,
      value: body,
      ...(encoded.headers ? { headers: encoded.headers } : {}),
      timestamp: context.timestamp,
    });
  }
}
