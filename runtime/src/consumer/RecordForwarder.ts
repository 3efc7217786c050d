import type { IHeaders } from 'kafkajs';
import type { ClientFactory } from '../kafka/ClientFactory.js';
import { LazyProducer } from '../kafka/LazyProducer.js';
import { TopicCatalog } from '../kafka/TopicCatalog.js';
import { JavaCompatiblePartitioner } from '../partitioning/PartitionChooser.js';

export interface ForwardedRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
  timestamp?: string;
}

/**
 * Writes records to dead-letter and retry topics, awaiting the broker's ack
 * (acks=all) so the caller commits the source offset only after the copy is safe.
 * Connects lazily: a subscription without failures never opens this producer.
 */
export class RecordForwarder {
  readonly #producer: LazyProducer;
  /** One look per write until the target shows: kafkajs would retry a missing topic, logging ERROR lines, for every record. */
  readonly #topics: TopicCatalog;

  constructor(factory: ClientFactory, clientId?: string) {
    this.#topics = new TopicCatalog(factory, { timeoutMs: 0 });
    // A dead-lettered record keeps its key, so it lands where Java would put that key.
    this.#producer = new LazyProducer(() =>
      factory.createProducer({ clientId, allowAutoTopicCreation: false, idempotent: false, createPartitioner: JavaCompatiblePartitioner }),
    );
  }

  /** Rejects with an `UnknownTopicError` when `topic` does not exist (yet), or with the kafkajs error. */
  async forward(topic: string, record: ForwardedRecord): Promise<void> {
    await this.#topics.require([topic], 'the failed record waits, uncommitted, until it can be written');
    const producer = await this.#producer.get();
    await producer.send({ topic, acks: -1, messages: [{ key: record.key, value: record.value, headers: record.headers }] });
  }

  close(): Promise<void> {
    return this.#producer.close();
  }
}
