import type { TransportProducer } from '../transport/TransportProducer.js';

/**
 * A transport producer that is created and connected on first use, so a
 * component that never needs it opens no connection. A failed connect is not
 * remembered: the next `get()` tries again.
 */
export class LazyProducer {
  readonly #create: () => TransportProducer;
  #producer: Promise<TransportProducer> | undefined;

  constructor(create: () => TransportProducer) {
    this.#create = create;
  }

  get(): Promise<TransportProducer> {
    this.#producer ??= (async () => {
      const producer = this.#create();
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

  /** Disconnects if a connection was ever opened; safe to call at any time. */
  async close(): Promise<void> {
    const pending = this.#producer;
    this.#producer = undefined;
    if (pending) await (await pending.catch(() => undefined))?.disconnect();
  }
}
