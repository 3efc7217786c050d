import type {
  AdminEvents,
  ConnectEvent,
  ConsumerCommitOffsetsEvent,
  ConsumerCrashEvent,
  ConsumerEndBatchProcessEvent,
  ConsumerEvents,
  ConsumerGroupJoinEvent,
  ConsumerHeartbeatEvent,
  ConsumerRebalancingEvent,
  ConsumerStartBatchProcessEvent,
  InstrumentationEvent,
  ProducerEvents,
} from 'kafkajs';

/** kafkajs's consumer event names: the in-memory consumer emits these (and the transport port's four). */
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

/** The payload of each event the in-memory consumer emits, as kafkajs types it. */
export interface ConsumerEventPayloads {
  'consumer.heartbeat': ConsumerHeartbeatEvent['payload'];
  'consumer.commit_offsets': ConsumerCommitOffsetsEvent['payload'];
  'consumer.group_join': ConsumerGroupJoinEvent['payload'];
  'consumer.start_batch_process': ConsumerStartBatchProcessEvent['payload'];
  'consumer.end_batch_process': ConsumerEndBatchProcessEvent['payload'];
  'consumer.connect': null;
  'consumer.disconnect': null;
  'consumer.stop': null;
  'consumer.crash': ConsumerCrashEvent['payload'];
  'consumer.rebalancing': ConsumerRebalancingEvent['payload'];
}

export interface ProducerEventPayloads {
  'producer.connect': ConnectEvent['payload'];
  'producer.disconnect': ConnectEvent['payload'];
}

export interface AdminEventPayloads {
  'admin.connect': ConnectEvent['payload'];
  'admin.disconnect': ConnectEvent['payload'];
}

type Listener<P> = (event: InstrumentationEvent<P>) => void;

/**
 * kafkajs's instrumentation envelope (`{ id, type, timestamp, payload }`) and
 * its `on()` that returns an unsubscribe function, typed by event name.
 * Payloads are built only when someone listens.
 */
export class InstrumentationEmitter<Events> {
  readonly #listeners: { [K in keyof Events]?: Set<Listener<Events[K]>> } = {};
  readonly #now: () => number;
  #ids = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  on<K extends keyof Events & string>(type: K, listener: Listener<Events[K]>): () => void {
    const set: Set<Listener<Events[K]>> = (this.#listeners[type] ??= new Set());
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit<K extends keyof Events & string>(type: K, payload: () => Events[K]): void {
    const set = this.#listeners[type];
    if (!set || set.size === 0) return;
    const event: InstrumentationEvent<Events[K]> = { id: String(this.#ids++), type, timestamp: this.#now(), payload: payload() };
    for (const listener of [...set]) listener(event);
  }
}
