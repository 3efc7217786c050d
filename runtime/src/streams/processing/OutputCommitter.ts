import type { CommitOffsets } from '../../transport/TransportConsumer.js';
import type { OutboundRecord, ProduceBatchRequest } from '../../transport/TransportProducer.js';
import type { OutboxRecord } from './ProcessingContext.js';
import type { StreamTask } from './StreamTask.js';

/**
 * How a task's chunk leaves the process: its output records (results,
 * repartition records, changelog records) and its input offset. The processing
 * guarantee is the choice of committer.
 */
export interface OutputCommitter {
  /** Makes the tasks ready to commit; for exactly-once, fences earlier owners of these tasks first. */
  prepare(tasks: readonly StreamTask[]): Promise<void>;
  /**
   * Writes `records` and commits `nextOffset` of the task's input partition.
   * `commitInput` commits through the consumer's current batch: kafkajs's
   * `consumer.commitOffsets` silently does nothing once a stop has begun, which
   * would lose the commit of the chunk a graceful stop lets finish.
   */
  commit(task: StreamTask, records: readonly OutboxRecord[], nextOffset: string, commitInput: (offsets: CommitOffsets) => Promise<void>): Promise<void>;
  /** The task moved elsewhere: drop what belongs to it. */
  release(task: StreamTask): Promise<void>;
  close(): Promise<void>;
}

/** Groups records by topic for kafkajs `sendBatch`, keeping their order. */
export function topicMessages(records: readonly OutboxRecord[]): ProduceBatchRequest['topicMessages'] {
  const byTopic = new Map<string, OutboundRecord[]>();
  for (const r of records) {
    let list = byTopic.get(r.topic);
    if (!list) byTopic.set(r.topic, (list = []));
    const message: OutboundRecord = { key: r.key, value: r.value, timestamp: String(r.timestamp) };
    if (r.partition !== undefined) message.partition = r.partition;
    if (r.headers) message.headers = r.headers;
    list.push(message);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
