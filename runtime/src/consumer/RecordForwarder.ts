import { KsdkError } from '../errors/KsdkError.js';
import { LazyProducer } from '../kafka/LazyProducer.js';
import { TopicCatalog } from '../kafka/TopicCatalog.js';
import { JavaCompatiblePartitioner } from '../partitioning/PartitionChooser.js';
import type { ClientFactory } from '../transport/ClientFactory.js';
import type { RecordHeaders } from '../transport/RecordHeaders.js';
import type { TransportProducer } from '../transport/TransportProducer.js';

export interface ForwardedRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeaders;
  timestamp?: string;
}

/**
 * kafkajs's own retries within one write. ksdk retries a failed dead-letter write
 * itself (`deadLetterRetryMs`, for as long as it takes), so each write only rides out
 * short blips; keeping it short bounds how long a stop waits for a write in flight.
 */
const RETRIES_PER_WRITE = 2;

/** How long close() waits for writes in flight before disconnecting anyway. */
const CLOSE_WAIT_MS = 5000;

/**
 * Writes records to dead-letter and retry topics, awaiting the broker's ack
 * (acks=all) so the caller commits the source offset only after the copy is safe.
 * Connects lazily: a subscription without failures never opens this producer.
 */
export class RecordForwarder {
  readonly #producer: LazyProducer;
  readonly #inFlight = new Set<Promise<unknown>>();
  /** The connected producer the last write used, to disconnect it again after a straggler. */
  #connected: TransportProducer | undefined;
  #closed = false;
  /** One look per write until the target shows: kafkajs would retry a missing topic, logging ERROR lines, for every record. */
  readonly #topics: TopicCatalog;

  constructor(factory: ClientFactory, clientId?: string) {
    this.#topics = new TopicCatalog(factory, { timeoutMs: 0 });
    // A dead-lettered record keeps its key, so it lands where Java would put that key.
    this.#producer = new LazyProducer(() =>
      factory.createProducer({
        clientId,
        allowAutoTopicCreation: false,
        idempotent: false,
        createPartitioner: JavaCompatiblePartitioner,
        retry: { retries: RETRIES_PER_WRITE },
      }),
    );
  }

  /**
   * Rejects with an `UnknownTopicError` when `topic` does not exist (yet), with
   * the kafkajs error, or with `KSDK_STOPPED` once close() began.
   */
  forward(topic: string, record: ForwardedRecord): Promise<void> {
    if (this.#closed) return Promise.reject(new KsdkError('KSDK_STOPPED', `not writing to "${topic}": the subscription is stopping`, { retriable: true }));
    const write = (async () => {
      await this.#topics.require([topic], 'the failed record waits, uncommitted, until it can be written');
      const producer = await this.#producer.get();
      this.#connected = producer;
      await producer.send({ topic, acks: -1, messages: [{ key: record.key, value: record.value, headers: record.headers }] });
    })();
    const tracked: Promise<unknown> = write.then(
      () => this.#inFlight.delete(tracked),
      () => this.#inFlight.delete(tracked),
    );
    this.#inFlight.add(tracked);
    return write;
  }

  /**
   * Disconnects once the writes in flight settled (a consumer that stops abandons
   * them, uncommitted). kafkajs reconnects to retry a write even after a disconnect,
   * so a write still running after `CLOSE_WAIT_MS` gets a second disconnect when it ends.
   */
  async close(): Promise<void> {
    this.#closed = true;
    const pending = [...this.#inFlight];
    if (pending.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise((resolve) => {
        timer = setTimeout(resolve, CLOSE_WAIT_MS);
      });
      await Promise.race([Promise.allSettled(pending), waited]);
      clearTimeout(timer);
    }
    const stragglers = [...this.#inFlight];
    const connected = this.#connected;
    this.#connected = undefined;
    await this.#producer.close();
    if (stragglers.length > 0 && connected) void Promise.allSettled(stragglers).then(() => connected.disconnect().catch(() => undefined));
  }

  /** Lets a stopped subscription be started again. */
  reopen(): void {
    this.#closed = false;
  }
}
