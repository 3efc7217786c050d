import type { Message, Producer } from 'kafkajs';
import { PublishError } from '../errors/PublishError.js';
import { ValidationError } from '../errors/ValidationError.js';
import { DefaultClientFactory } from '../kafka/ClientFactory.js';
import { createMessage } from '../messages/createMessage.js';
import type { MessageDescriptor } from '../messages/MessageDescriptor.js';
import type { MessageMetadata, NewMessage } from '../messages/MessageMetadata.js';
import { encodeMessage, splitMessage } from '../wire/encodeMessage.js';
import type { WireFormat } from '../wire/WireFormat.js';
import type { ProducerOptions } from './ProducerOptions.js';
import type { PublishResult } from './PublishResult.js';

export interface PublishOptions {
  /** Overrides the descriptor's topic. */
  topic?: string;
  /** Overrides the partition-key strategy for this record. */
  key?: string | Buffer | null;
  /** Extra record headers (e.g. trace context). */
  headers?: Record<string, string>;
}

/**
 * Publishes typed messages. Construction opens no connection: the first publish
 * (or `connect()`) does. Generated producer classes wrap one of these.
 */
export class KsdkProducer {
  readonly name: string;
  readonly #options: ProducerOptions;
  readonly #format: WireFormat;
  readonly #source: string;
  readonly #validate: boolean;
  readonly #now: () => number;
  #producer: Producer | undefined;
  #connecting: Promise<Producer> | undefined;

  constructor(options: ProducerOptions = {}) {
    this.#options = options;
    this.name = options.name ?? 'producer';
    this.#format = options.wireFormat ?? 'structured';
    this.#source = options.source ?? `urn:ksdk:${this.name}`;
    this.#validate = options.validate ?? true;
    this.#now = options.now ?? Date.now;
  }

  /** Connects now instead of on the first publish. */
  async connect(): Promise<void> {
    await this.#connected();
  }

  #connected(): Promise<Producer> {
    if (this.#producer) return Promise.resolve(this.#producer);
    this.#connecting ??= (async () => {
      const factory = this.#options.factory ?? new DefaultClientFactory(this.#options);
      const producer = factory.createProducer({
        clientId: this.#options.clientId,
        allowAutoTopicCreation: false,
        ...this.#options.producer,
      });
      try {
        await producer.connect();
      } catch (err) {
        this.#connecting = undefined;
        throw err;
      }
      this.#producer = producer;
      return producer;
    })();
    return this.#connecting;
  }

  /** Builds the record for a message: defaults, validation, encoding, key. Throws ValidationError. */
  toRecord<T extends MessageMetadata>(descriptor: MessageDescriptor<T>, input: NewMessage<T>, options?: PublishOptions): { message: T; record: Message } {
    const defaults = this.#options.defaults;
    const message = createMessage<T>(input, () => new Date(this.#now()));
    if (defaults?.raisingComponent !== undefined && message.raisingComponent === undefined) message.raisingComponent = defaults.raisingComponent;
    if (defaults?.tenant !== undefined && message.tenant === undefined) message.tenant = defaults.tenant;
    const data = splitMessage(message);
    if (this.#validate && !descriptor.validate(data)) {
      const errors = descriptor.validate.errors ?? [];
      throw new ValidationError(
        descriptor.name,
        errors.map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, message: e.message ?? e.keyword })),
        'outgoing',
      );
    }
    const encoded = encodeMessage(descriptor as MessageDescriptor, message, data, this.#format, this.#source);
    const key =
      options?.key !== undefined ? options.key : descriptor.partitionKey ? descriptor.partitionKey.key(message, this.#now()) : message.id;
    const headers = options?.headers ? { ...encoded.headers, ...options.headers } : encoded.headers;
    return { message, record: { key, value: encoded.value, headers } };
  }

  /** Publishes one message and resolves once the broker acknowledged it. */
  async publish<T extends MessageMetadata>(descriptor: MessageDescriptor<T>, input: NewMessage<T>, options?: PublishOptions): Promise<PublishResult> {
    const { message, record } = this.toRecord(descriptor, input, options);
    const topic = options?.topic ?? descriptor.topic;
    try {
      const producer = await this.#connected();
      const [meta] = await producer.send({
        topic,
        messages: [record],
        acks: this.#options.acks ?? -1,
        timeout: this.#options.timeoutMs ?? 30000,
        ...(this.#options.compression === undefined ? {} : { compression: this.#options.compression }),
      });
      return { messageId: message.id, topic, partition: meta?.partition ?? -1, offset: meta?.baseOffset ?? '-1' };
    } catch (err) {
      throw new PublishError(topic, message.id, err);
    }
  }

  /** Disconnects; safe to call when never connected. */
  async close(): Promise<void> {
    const connecting = this.#connecting;
    this.#connecting = undefined;
    this.#producer = undefined;
    if (connecting) {
      const producer = await connecting.catch(() => undefined);
      await producer?.disconnect();
    }
  }
}
