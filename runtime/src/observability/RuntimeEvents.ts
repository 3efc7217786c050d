import { KsdkError } from '../errors/KsdkError.js';
import type { MessageMetadata } from '../messages/MessageMetadata.js';
import type { StreamCommitFailedEvent, StreamLateRecordEvent, StreamRecordSkippedEvent, StreamStateRestoredEvent } from './StreamEvents.js';

/** Fields common to every consumer event. */
export interface ConsumerEventBase {
  subscription: string;
  groupId: string;
  consumerId: string;
  topic: string;
  partition: number;
  offset: string;
  /** Record timestamp (ms since epoch). */
  messageTimestamp: number;
  /** Decoded message; absent for a record that could not be decoded. */
  message?: MessageMetadata;
  messageType?: string;
  key: string | null;
  headers: Readonly<Record<string, string>>;
}

export interface MessageReceivedEvent extends ConsumerEventBase {
  receivedAt: number;
  lagMs: number;
}

export interface MessageProcessedEvent extends ConsumerEventBase {
  /** Handler time in ms (fractional). */
  processingDurationMs: number;
  /** 1-based attempt that succeeded. */
  retryAttempt: number;
}

export interface MessageFailedEvent extends ConsumerEventBase {
  error: Error;
  processingDurationMs: number;
  retryAttempt: number;
  willRetry: boolean;
}

export interface MessageDeadLetteredEvent extends ConsumerEventBase {
  error: Error;
  deadLetterTopic: string;
  totalAttempts: number;
  /** Why: `exhausted` retries, `poison` (decode/validation), `non-retriable` error, or a failure handler's decision. */
  reason: 'exhausted' | 'poison' | 'non-retriable' | 'decided';
  /**
   * Set when the DLT refused the full copy for good (e.g. too large) and a fallback
   * copy was written instead: what it left out (always `value`; `key`, `headers` when large).
   */
  dropped?: ReadonlyArray<'value' | 'key' | 'headers'>;
}

/** A record forwarded to the next topic of a retry chain. */
export interface MessageForwardedEvent extends ConsumerEventBase {
  error: Error;
  nextTopic: string;
  retryAttempt: number;
}

/** An exhausted or poison record skipped because no DLT exists and `onExhausted: skip` was chosen. */
export interface MessageSkippedEvent extends ConsumerEventBase {
  error: Error;
  totalAttempts: number;
}

export interface PublishEventBase {
  producer: string;
  topic: string;
  messageType: string;
  messageId: string;
}

export interface MessagePublishedEvent extends PublishEventBase {
  partition: number;
  offset: string;
  durationMs: number;
}

export interface PublishFailedEvent extends PublishEventBase {
  error: Error;
  durationMs: number;
}

export interface RuntimeEventMap {
  'consumer.received': MessageReceivedEvent;
  'consumer.processed': MessageProcessedEvent;
  'consumer.failed': MessageFailedEvent;
  'consumer.dead-lettered': MessageDeadLetteredEvent;
  'consumer.forwarded': MessageForwardedEvent;
  'consumer.skipped': MessageSkippedEvent;
  'producer.published': MessagePublishedEvent;
  'producer.failed': PublishFailedEvent;
  'stream.late-record': StreamLateRecordEvent;
  'stream.record-skipped': StreamRecordSkippedEvent;
  'stream.state-restored': StreamStateRestoredEvent;
  'stream.commit-failed': StreamCommitFailedEvent;
}

/**
 * Event types are `<side>.<kebab-case word>`, like every string value ksdk defines; snake_case
 * is left to the names OpenTelemetry's conventions fix (metrics, span events, attributes).
 */
export type RuntimeEventType = keyof RuntimeEventMap;

/** The event types that were snake_case, and their names now: `on()` refuses the old ones rather than never calling the listener. */
const RENAMED_EVENTS: Readonly<Record<string, RuntimeEventType>> = {
  'consumer.dead_lettered': 'consumer.dead-lettered',
  'stream.late_record': 'stream.late-record',
  'stream.record_skipped': 'stream.record-skipped',
  'stream.state_restored': 'stream.state-restored',
};
export type RuntimeListener<K extends RuntimeEventType> = (event: RuntimeEventMap[K]) => void;

/**
 * One event stream for the consumer and producer sides. Monitors, metrics and
 * tracing subscribe here instead of being wired through the consumer. Emitters
 * check `has()` first so payloads are built only when someone listens; a
 * listener that throws is reported to `onListenerError` and never breaks
 * message handling.
 */
export class RuntimeEvents {
  readonly #listeners = new Map<RuntimeEventType, Array<(event: never) => void>>();
  readonly #onListenerError: (error: unknown, type: RuntimeEventType) => void;

  constructor(onListenerError?: (error: unknown, type: RuntimeEventType) => void) {
    this.#onListenerError = onListenerError ?? ((error, type) => console.warn(`ksdk: a ${type} listener threw`, error));
  }

  on<K extends RuntimeEventType>(type: K, listener: RuntimeListener<K>): () => void {
    const renamed = Object.hasOwn(RENAMED_EVENTS, type) ? RENAMED_EVENTS[type] : undefined;
    if (renamed !== undefined) throw new KsdkError('KSDK_CONFIG', `RuntimeEvents.on: there is no "${type}" event; it is called "${renamed}"`);
    const list = this.#listeners.get(type) ?? [];
    list.push(listener as (event: never) => void);
    this.#listeners.set(type, list);
    return () => {
      const current = this.#listeners.get(type);
      if (!current) return;
      const i = current.indexOf(listener as (event: never) => void);
      if (i >= 0) current.splice(i, 1);
      if (current.length === 0) this.#listeners.delete(type);
    };
  }

  has(type: RuntimeEventType): boolean {
    return this.#listeners.has(type);
  }

  emit<K extends RuntimeEventType>(type: K, event: RuntimeEventMap[K]): void {
    const list = this.#listeners.get(type);
    if (!list) return;
    for (const listener of list) {
      try {
        (listener as RuntimeListener<K>)(event);
      } catch (error) {
        this.#onListenerError(error, type);
      }
    }
  }
}
