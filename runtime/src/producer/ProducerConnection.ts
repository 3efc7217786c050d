import { KsdkError } from '../errors/KsdkError.js';
import type { RetrySettings, TransportProducer } from '../transport/TransportProducer.js';

/**
 * The transport producer behind a ksdk producer, connected lazily and within a
 * bound. kafkajs retries a refused connection for ~10 s by default and keeps
 * retrying after `disconnect()`, so ksdk races `connect()` against its own timer;
 * an attempt that loses is abandoned (and disconnected should it connect late),
 * and the next publish starts a fresh one.
 */
export class ProducerConnection {
  readonly #create: () => TransportProducer;
  readonly #timeoutMs: number;
  readonly #describe: string;
  #producer: TransportProducer | undefined;
  #connecting: Promise<TransportProducer> | undefined;
  #closed = false;

  /** `describe` names the cluster in errors, e.g. `127.0.0.1:9092`. */
  constructor(create: () => TransportProducer, timeoutMs: number, describe: string) {
    this.#create = create;
    this.#timeoutMs = timeoutMs;
    this.#describe = describe;
  }

  get isConnected(): boolean {
    return this.#producer !== undefined;
  }

  /** The connected producer; connects on first use. Rejects with the client's error or a `KSDK_TIMEOUT` error. */
  get(): Promise<TransportProducer> {
    if (this.#producer) return Promise.resolve(this.#producer);
    if (this.#closed) return Promise.reject(new KsdkError('KSDK_STOPPED', 'the producer is closed'));
    this.#connecting ??= this.#attempt().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #attempt(): Promise<TransportProducer> {
    const producer = this.#create();
    const connecting = producer.connect();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new KsdkError('KSDK_TIMEOUT', `could not connect to ${this.#describe} within ${this.#timeoutMs} ms`, { retriable: true }));
      }, this.#timeoutMs);
    });
    try {
      await Promise.race([connecting, timeout]);
    } catch (err) {
      // Whatever kafkajs still does in the background must end in a disconnect.
      connecting.then(
        () => producer.disconnect().catch(() => undefined),
        () => undefined,
      );
      if (err instanceof KsdkError) throw err;
      throw new KsdkError('KSDK_PUBLISH', `could not connect to ${this.#describe}: ${(err as Error).message}`, {
        cause: err,
        retriable: (err as { retriable?: unknown }).retriable === true || (err as Error).name === 'KafkaJSNumberOfRetriesExceeded',
      });
    } finally {
      clearTimeout(timer);
    }
    if (this.#closed) {
      await producer.disconnect().catch(() => undefined);
      throw new KsdkError('KSDK_STOPPED', 'the producer was closed while connecting');
    }
    this.#producer = producer;
    return producer;
  }

  /** Disconnects; later `get()` calls fail. Safe when never connected. */
  async close(): Promise<void> {
    this.#closed = true;
    const producer = this.#producer;
    this.#producer = undefined;
    if (producer) await producer.disconnect();
  }
}

/**
 * Retry settings for *connecting* that give up at about `connectTimeoutMs`:
 * kafkajs's defaults retry a refused connection for ~10 s and go on after
 * `disconnect()`, so a bounded connect must also shorten kafkajs's own loop.
 */
export function connectRetry(connectTimeoutMs: number): RetrySettings {
  const maxRetryTime = Math.max(200, Math.floor(connectTimeoutMs / 4));
  let wait = 100;
  let total = 0;
  let retries = 0;
  while (total + wait <= connectTimeoutMs && retries < 30) {
    total += wait;
    wait = Math.min(wait * 2, maxRetryTime);
    retries++;
  }
  return { initialRetryTime: 100, maxRetryTime, factor: 0.2, multiplier: 2, retries: Math.max(1, retries) };
}
