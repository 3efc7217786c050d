import type { AdminEvents, ConsumerEvents, InstrumentationEvent, ProducerEvents } from 'kafkajs';

/** kafkajs's consumer event names: the runtime listens by these constants (`consumer.events.GROUP_JOIN`). */
export const CONSUMER_EVENTS = {
  HEARTBEAT: 'consumer.heartbeat',
  COMMIT_OFFSETS: 'consumer.commit_offsets',
  GROUP_JOIN: 'consumer.group_join',
  FETCH_START: 'consumer.fetch_start',
  FETCH: 'consumer.fetch',
  START_BATCH_PROCESS: 'consumer.start_batch_process',
  END_BATCH_PROCESS: 'consumer.end_batch_process',
  CONNECT: 'consumer.connect',
  DISCONNECT: 'consumer.disconnect',
  STOP: 'consumer.stop',
  CRASH: 'consumer.crash',
  REBALANCING: 'consumer.rebalancing',
  RECEIVED_UNSUBSCRIBED_TOPICS: 'consumer.received_unsubscribed_topics',
  REQUEST: 'consumer.network.request',
  REQUEST_TIMEOUT: 'consumer.network.request_timeout',
  REQUEST_QUEUE_SIZE: 'consumer.network.request_queue_size',
} as const satisfies ConsumerEvents;

export const PRODUCER_EVENTS = {
  CONNECT: 'producer.connect',
  DISCONNECT: 'producer.disconnect',
  REQUEST: 'producer.network.request',
  REQUEST_TIMEOUT: 'producer.network.request_timeout',
  REQUEST_QUEUE_SIZE: 'producer.network.request_queue_size',
} as const satisfies ProducerEvents;

export const ADMIN_EVENTS = {
  CONNECT: 'admin.connect',
  DISCONNECT: 'admin.disconnect',
  REQUEST: 'admin.network.request',
  REQUEST_TIMEOUT: 'admin.network.request_timeout',
  REQUEST_QUEUE_SIZE: 'admin.network.request_queue_size',
} as const satisfies AdminEvents;

export type InstrumentationListener = (event: InstrumentationEvent<unknown>) => void;

/**
 * kafkajs's instrumentation envelope (`{ id, type, timestamp, payload }`) and
 * its `on()` that returns an unsubscribe function. Payloads are built only when
 * someone listens.
 */
export class InstrumentationEmitter {
  readonly #listeners = new Map<string, Set<InstrumentationListener>>();
  readonly #now: () => number;
  #ids = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  on(type: string, listener: InstrumentationListener): () => void {
    let set = this.#listeners.get(type);
    if (!set) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit(type: string, payload: () => unknown): void {
    const set = this.#listeners.get(type);
    if (!set || set.size === 0) return;
    const event: InstrumentationEvent<unknown> = { id: String(this.#ids++), type, timestamp: this.#now(), payload: payload() };
    for (const listener of [...set]) listener(event);
  }
}
