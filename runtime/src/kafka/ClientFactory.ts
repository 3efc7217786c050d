import { Kafka, logLevel, type Consumer, type ConsumerConfig, type Producer, type ProducerConfig, type Admin } from 'kafkajs';
import { resolveBrokers, type ConnectionOptions } from './ConnectionOptions.js';

/**
 * Where ksdk gets its kafkajs clients from. Supply your own to control SASL/SSL,
 * logging or client ids; the default builds them from `ConnectionOptions`.
 * Creating a client never connects: kafkajs connects on `connect()`.
 */
export interface ClientFactory {
  createProducer(config: ProducerConfig & { clientId?: string }): Producer;
  createConsumer(config: ConsumerConfig & { clientId?: string }): Consumer;
  createAdmin(): Admin;
  /**
   * True when the cluster creates a topic the first time a client names it (the
   * in-memory broker's `autoCreateTopics`). ksdk then skips its check that a topic
   * exists before producing to or subscribing to it. Default false: ksdk never
   * relies on auto-creation.
   */
  readonly autoCreatesTopics?: boolean;
}

/** Builds one `Kafka` instance per client id from connection options. */
export class DefaultClientFactory implements ClientFactory {
  readonly #options: ConnectionOptions;
  readonly #clients = new Map<string, Kafka>();

  constructor(options: ConnectionOptions = {}) {
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

  createProducer({ clientId, ...config }: ProducerConfig & { clientId?: string }): Producer {
    return this.#kafka(clientId).producer(config);
  }

  createConsumer({ clientId, ...config }: ConsumerConfig & { clientId?: string }): Consumer {
    return this.#kafka(clientId).consumer(config);
  }

  createAdmin(): Admin {
    return this.#kafka(undefined).admin();
  }
}
