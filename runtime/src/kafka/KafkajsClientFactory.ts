import { Kafka, logLevel, type Admin, type Consumer, type ConsumerConfig, type Producer, type ProducerConfig } from 'kafkajs';
import type { ClientFactory } from '../transport/ClientFactory.js';
import { resolveBrokers, type ConnectionOptions } from './ConnectionOptions.js';
import { linearHeaderDecoding } from './linearHeaderDecoding.js';

/**
 * ksdk's transport on kafkajs: a `ClientFactory` whose clients are kafkajs's own.
 *
 * kafkajs's `Producer`, `Consumer` and `Admin` are transport clients as they
 * are; this interface says so, and the compiler holds kafkajs's types to the
 * port. So the runtime calls kafkajs with nothing in between: no wrapper, no
 * extra call or allocation per record. The configs ksdk passes are kafkajs's
 * (`TransportProducerConfig` and `TransportConsumerConfig` are parts of them),
 * plus `clientId`.
 *
 * Implement it to supply your own kafkajs clients (SASL/SSL, logging, client
 * ids, instrumentation), or build one from a `Kafka` of yours with
 * `kafkajsClientFactory(kafka)`. Creating a client never connects.
 */
export interface KafkajsClientFactory extends ClientFactory {
  createProducer(config: ProducerConfig & { clientId?: string | undefined }): Producer;
  createConsumer(config: ConsumerConfig & { clientId?: string | undefined }): Consumer;
  createAdmin(): Admin;
}

/**
 * Builds one `Kafka` instance per client id from connection options: what ksdk uses when no
 * factory is given. Creating one makes kafkajs's header decoding linear (`linearHeaderDecoding`).
 */
export class DefaultClientFactory implements KafkajsClientFactory {
  readonly #options: ConnectionOptions;
  readonly #clients = new Map<string, Kafka>();

  constructor(options: ConnectionOptions = {}) {
    linearHeaderDecoding();
    this.#options = options;
  }

  #kafka(clientId: string | undefined): Kafka {
    const id = clientId ?? this.#options.clientId ?? 'ksdk';
    let kafka = this.#clients.get(id);
    if (!kafka) {
      kafka = new Kafka({
        logLevel: logLevel.WARN,
        ...this.#options.kafka,
        clientId: id,
        brokers: resolveBrokers(this.#options),
      });
      this.#clients.set(id, kafka);
    }
    return kafka;
  }

  createProducer({ clientId, ...config }: ProducerConfig & { clientId?: string | undefined }): Producer {
    return this.#kafka(clientId).producer(config);
  }

  createConsumer({ clientId, ...config }: ConsumerConfig & { clientId?: string | undefined }): Consumer {
    return this.#kafka(clientId).consumer(config);
  }

  createAdmin(): Admin {
    return this.#kafka(undefined).admin();
  }
}

/**
 * The clients of a `Kafka` you built yourself, as ksdk's transport. Every
 * client gets that instance's client id (the `clientId` ksdk asks for is not used).
 * Makes kafkajs's header decoding linear (`linearHeaderDecoding`) when `kafka` comes from
 * the kafkajs ksdk resolves; a separate kafkajs copy of yours is left as it is.
 */
export function kafkajsClientFactory(kafka: Kafka): KafkajsClientFactory {
  linearHeaderDecoding();
  return {
    createProducer: ({ clientId: _, ...config }) => kafka.producer(config),
    createConsumer: ({ clientId: _, ...config }) => kafka.consumer(config),
    createAdmin: () => kafka.admin(),
  };
}
