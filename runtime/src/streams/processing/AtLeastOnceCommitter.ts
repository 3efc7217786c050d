import { LazyProducer } from '../../kafka/LazyProducer.js';
import { PartitionChooser } from '../../partitioning/PartitionChooser.js';
import type { ClientFactory } from '../../transport/ClientFactory.js';
import type { CommitOffsets } from '../../transport/TransportConsumer.js';
import { topicMessages, type OutputCommitter } from './OutputCommitter.js';
import type { OutboxRecord } from './ProcessingContext.js';
import type { StreamTask } from './StreamTask.js';

/**
 * At-least-once: write the chunk's records (acks=all, idempotent producer, so
 * a retried request is not duplicated), then commit the input offset. A crash
 * between the two replays that chunk: its records are written again and its
 * aggregation updates applied again on top of the restored state. So the
 * over-count after a crash is at most one chunk (`maxRecordsPerCommit`) per
 * task the crashed instance owned.
 */
export class AtLeastOnceCommitter implements OutputCommitter {
  readonly #producer: LazyProducer;

  constructor(factory: ClientFactory, clientId: string | undefined) {
    this.#producer = new LazyProducer(() =>
      factory.createProducer({
        clientId,
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: new PartitionChooser().partitioner,
      }),
    );
  }

  async prepare(): Promise<void> {
    await this.#producer.get();
  }

  async commit(task: StreamTask, records: readonly OutboxRecord[], nextOffset: string, commitInput: (offsets: CommitOffsets) => Promise<void>): Promise<void> {
    if (records.length > 0) {
      const producer = await this.#producer.get();
      await producer.sendBatch({ topicMessages: topicMessages(records), acks: -1 });
    }
    await commitInput({ topics: [{ topic: task.topic, partitions: [{ partition: task.partition, offset: nextOffset }] }] });
  }

  async release(): Promise<void> {}

  close(): Promise<void> {
    return this.#producer.close();
  }
}
