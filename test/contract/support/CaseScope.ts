import { KsdkProducer, Subscription, type ConsumerOptions, type MessageHandler, type MessageMetadata, type ProducerOptions } from '@ksdk/runtime';
import type { SubscriptionSpec } from '@ksdk/runtime/codegen';
import type { TransportProducer } from '@ksdk/runtime/transport';
import type { ContractTransport } from '../ContractTransport.js';

/**
 * What one case starts (subscriptions, producers), all through the transport's
 * factory, and stops again however the case ends, so a case that fails (as it
 * must on a broken transport) leaves no consumer behind.
 */
export class CaseScope {
  readonly transport: ContractTransport;
  readonly #closers: Array<() => Promise<void>> = [];

  constructor(transport: ContractTransport) {
    this.transport = transport;
  }

  /** Starts a subscription; resolves once its consumers have partitions. */
  async subscribe<M extends MessageMetadata>(spec: SubscriptionSpec<M>, handler: MessageHandler<M>, options: Omit<ConsumerOptions, 'factory'> = {}): Promise<Subscription<M>> {
    const subscription = new Subscription<M>(spec, handler, { ...this.transport.consumerOptions, ...options, factory: this.transport.factory });
    this.#closers.push(() => subscription.stop());
    await subscription.start();
    return subscription;
  }

  producer(options: Omit<ProducerOptions, 'factory'> = {}): KsdkProducer {
    const producer = new KsdkProducer({ name: 'contract', ...options, factory: this.transport.factory });
    this.#closers.push(() => producer.close());
    return producer;
  }

  /** A plain producer of the transport, for records written byte for byte. */
  async rawProducer(): Promise<TransportProducer> {
    const producer = this.transport.factory.createProducer({ clientId: 'contract-raw' });
    await producer.connect();
    this.#closers.push(() => producer.disconnect());
    return producer;
  }

  async close(): Promise<void> {
    for (const close of this.#closers.reverse()) await close().catch(() => undefined);
  }
}

/** Runs `body` with a scope that is closed afterwards, pass or fail. */
export async function withScope(transport: ContractTransport, body: (scope: CaseScope) => Promise<void>): Promise<void> {
  const scope = new CaseScope(transport);
  try {
    await body(scope);
  } finally {
    await scope.close();
  }
}
