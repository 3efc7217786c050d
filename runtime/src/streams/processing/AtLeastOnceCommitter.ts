import type { Offsets, Producer } from 'kafkajs';
import type { ClientFactory } from '../../kafka/ClientFactory.js';
import { PartitionChooser } from '../../partitioning/PartitionChooser.js';
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
  readonly #factory: ClientFactory;
  readonly #clientId: string | undefined;
  #producer: Promise<Producer> | undefined;

  constructor(factory: ClientFactory, clientId: string | undefined) {
    this.#factory = factory;
    this.#clientId = clientId;
  }

  #connected(): Promise<Producer> {
    this.#producer ??= (async () => {
      const producer = this.#factory.createProducer({
        clientId: this.#clientId,
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: new PartitionChooser().partitioner,
      });
      try {
        await producer.connect();
        return producer;
      } catch (err) {
        this.#producer = undefined;
        throw err;
      }
    })();
    return this.#producer;
  }

  async prepare(): Promise<void> {
    await this.#connected();
  }

  async commit(task: StreamTask, records: readonly OutboxRecord[], nextOffset: string, commitInput: (offsets: Offsets) => Promise<void>): Promise<void> {
    if (records.length > 0) {
      const producer = await this.#connected();
      await producer.sendBatch({ topicMessages: topicMessages(records), acks: -1 });
    }
    await commitInput({ topics: [{ topic: task.topic, partitions: [{ partition: task.partition, offset: nextOffset }] }] });
  }

  async release(): Promise<void> {}

  async close(): Promise<void> {
    const pending = this.#producer;
    this.#producer = undefined;
    if (pending) await (await pending.catch(() => undefined))?.disconnect();
  }
}
