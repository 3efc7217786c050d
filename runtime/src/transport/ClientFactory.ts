import type { TransportAdmin } from './TransportAdmin.js';
import type { TransportConsumer, TransportConsumerConfig } from './TransportConsumer.js';
import type { TransportProducer, TransportProducerConfig } from './TransportProducer.js';

/**
 * ksdk's transport port: where every client the runtime uses comes from.
 * Producers, subscriptions, stream apps and `ensureTopics` take one as
 * `factory`; they call nothing of a client beyond `TransportProducer`,
 * `TransportConsumer` and `TransportAdmin`.
 *
 * Two adapters ship with ksdk: kafkajs (`DefaultClientFactory`, or any
 * `KafkajsClientFactory` of yours: kafkajs's clients are transport clients as
 * they are) and the in-memory broker (`InMemoryKafka` from
 * `@ksdk/runtime/testing`). Another client library plugs in here; see
 * docs/consuming.md, "Another client library".
 *
 * Creating a client must not connect: ksdk calls `connect()` when it needs one.
 */
export interface ClientFactory {
  createProducer(config: TransportProducerConfig): TransportProducer;
  createConsumer(config: TransportConsumerConfig): TransportConsumer;
  createAdmin(): TransportAdmin;
  /**
   * True when the cluster creates a topic the first time a client names it (the
   * in-memory broker's `autoCreateTopics`). ksdk then skips its check that a topic
   * exists before producing to or subscribing to it. Default false: ksdk never
   * relies on auto-creation.
   */
  readonly autoCreatesTopics?: boolean;
}
