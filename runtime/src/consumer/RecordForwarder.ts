import type { IHeaders, Producer } from 'kafkajs';
import type { ClientFactory } from '../kafka/ClientFactory.js';
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
  readonly #factory: ClientFactory;
  readonly #clientId: string | undefined;
  #producer: Promise<Producer> | undefined;

  constructor(factory: ClientFactory, clientId?: string) {
    this.#factory = factory;
    this.#clientId = clientId;
  }

  #connected(): Promise<Producer> {
    this.#producer ??= (async () => {
      // A dead-lettered record keeps its key, so it lands where Java would put that key.
      const producer = this.#factory.createProducer({
        clientId: this.#clientId,
        allowAutoTopicCreation: false,
        idempotent: false,
        createPartitioner: JavaCompatiblePartitioner,
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

  async forward(topic: string, record: ForwardedRecord): Promise<void> {
    const producer = await this.#connected();
    await producer.send({ topic, acks: -1, messages: [{ key: record.key, value: record.value, headers: record.headers }] });
  }

  async close(): Promise<void> {
    const pending = this.#producer;
    this.#producer = undefined;
    if (pending) await (await pending.catch(() => undefined))?.disconnect();
  }
}
