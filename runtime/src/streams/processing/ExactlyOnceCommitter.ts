import { PartitionChooser } from '../../partitioning/PartitionChooser.js';
import type { ClientFactory } from '../../transport/ClientFactory.js';
import type { TransportProducer } from '../../transport/TransportProducer.js';
import { topicMessages, type OutputCommitter } from './OutputCommitter.js';
import type { OutboxRecord } from './ProcessingContext.js';
import type { StreamTask } from './StreamTask.js';

/**
 * Exactly-once: each chunk is one Kafka transaction holding its output records,
 * its changelog records and its input offset (`sendOffsets`), so all of them
 * become visible to READ_COMMITTED readers together, or none do.
 *
 * One transactional producer per task, with the transactional id
 * `<applicationId>-<topic>-<partition>` (Kafka Streams' EOS-v1 layout). kafkajs
 * cannot tie a transaction to the consumer group generation (EOS-v2), so the
 * task's id is what fences: whoever is assigned the task next initialises the
 * same id, which aborts the previous owner's open transaction and makes any
 * later write of that zombie fail. After fencing, the task's committed offset
 * and changelog are final, and the task restores from them.
 */
export class ExactlyOnceCommitter implements OutputCommitter {
  readonly #factory: ClientFactory;
  readonly #clientId: string | undefined;
  readonly #applicationId: string;
  readonly #transactionTimeoutMs: number;
  readonly #producers = new Map<string, TransportProducer>();

  constructor(factory: ClientFactory, clientId: string | undefined, applicationId: string, transactionTimeoutMs: number) {
    this.#factory = factory;
    this.#clientId = clientId;
    this.#applicationId = applicationId;
    this.#transactionTimeoutMs = transactionTimeoutMs;
  }

  async prepare(tasks: readonly StreamTask[]): Promise<void> {
    await Promise.all(tasks.map((task) => this.#fence(task)));
  }

  async #fence(task: StreamTask): Promise<void> {
    await this.release(task);
    const producer = this.#factory.createProducer({
      clientId: this.#clientId,
      transactionalId: `${this.#applicationId}-${task.topic}-${task.partition}`,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: this.#transactionTimeoutMs,
      allowAutoTopicCreation: false,
      createPartitioner: new PartitionChooser().partitioner,
    });
    await producer.connect();
    try {
      // The first transaction() sends InitProducerId for the transactional id: that is the fence.
      const transaction = await producer.transaction();
      await transaction.abort();
    } catch (err) {
      await producer.disconnect().catch(() => undefined);
      throw err;
    }
    this.#producers.set(task.id, producer);
  }

  /** The input offset goes into the transaction (`sendOffsets`), not through the consumer. */
  async commit(task: StreamTask, records: readonly OutboxRecord[], nextOffset: string): Promise<void> {
    const producer = this.#producers.get(task.id);
    if (!producer) throw new Error(`task ${task.id} has no transactional producer (not prepared)`);
    const transaction = await producer.transaction();
    try {
      if (records.length > 0) await transaction.sendBatch({ topicMessages: topicMessages(records), acks: -1 });
      await transaction.sendOffsets({
        consumerGroupId: this.#applicationId,
        topics: [{ topic: task.topic, partitions: [{ partition: task.partition, offset: nextOffset }] }],
      });
      await transaction.commit();
    } catch (err) {
      await transaction.abort().catch(() => undefined);
      // A failed or fenced producer is not reused: the task is prepared again, with a new one.
      this.#producers.delete(task.id);
      await producer.disconnect().catch(() => undefined);
      throw err;
    }
  }

  async release(task: StreamTask): Promise<void> {
    const producer = this.#producers.get(task.id);
    this.#producers.delete(task.id);
    if (producer) await producer.disconnect().catch(() => undefined);
  }

  async close(): Promise<void> {
    const producers = [...this.#producers.values()];
    this.#producers.clear();
    await Promise.all(producers.map((p) => p.disconnect().catch(() => undefined)));
  }
}
