import type { ConsumerMonitor } from './ConsumerMonitor.js';
import type {
  ConsumerEventBase,
  MessageDeadLetteredEvent,
  MessageFailedEvent,
  MessageForwardedEvent,
  MessageProcessedEvent,
  MessageReceivedEvent,
  MessageSkippedEvent,
} from './RuntimeEvents.js';

/**
 * The part of a logger the logging monitor uses: `console`, pino, bunyan,
 * winston and most others fit. `debug` is optional because some loggers lack it.
 */
export interface MonitorLogger {
  debug?(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export type MonitorLogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LoggedEvent = 'received' | 'processed' | 'failed' | 'deadLettered' | 'forwarded' | 'skipped';

export interface LoggingMonitorOptions {
  /**
   * How a line is passed to the logger:
   * - `fields-first`: `logger.info({ topic, partition, ... }, 'text')`, the pino/bunyan convention;
   * - `message-first`: `logger.info('text', { topic, partition, ... })`, the console/winston one.
   *
   * Default: `message-first` for the global `console`, `fields-first` for anything
   * else, since structured loggers are what production code passes.
   */
  style?: 'fields-first' | 'message-first';
  /**
   * Level per event, or `off`. Defaults: received `debug` (one line per record is
   * noise at `info`), processed `info`, failed `warn`, forwarded `warn`,
   * dead-lettered `error`, skipped `error` (a record was given up without a copy).
   */
  levels?: Partial<Record<LoggedEvent, MonitorLogLevel | 'off'>>;
}

const DEFAULT_LEVELS: Readonly<Record<LoggedEvent, MonitorLogLevel | 'off'>> = {
  received: 'debug',
  processed: 'info',
  failed: 'warn',
  forwarded: 'warn',
  deadLettered: 'error',
  skipped: 'error',
};

/** The fields every line carries, so log search can join on topic/partition/offset or message id. */
function baseFields(context: ConsumerEventBase): Record<string, unknown> {
  return {
    subscription: context.subscription,
    groupId: context.groupId,
    consumerId: context.consumerId,
    topic: context.topic,
    partition: context.partition,
    offset: context.offset,
    key: context.key,
    messageId: context.message?.id,
    messageType: context.messageType,
  };
}

/** E.g. `OrderPlaced 5b0c… at orders/2@41`, or `record at orders/2@41` when it could not be decoded. */
function where(c: ConsumerEventBase): string {
  const id = c.message ? ` ${c.message.id}` : '';
  return `${c.messageType ?? 'record'}${id} at ${c.topic}/${c.partition}@${c.offset}`;
}

const ms = (value: number) => `${Math.round(value * 100) / 100} ms`;

/**
 * Logs every consumer event through any console- or pino-shaped logger: the
 * counterpart of the reference's `AddKafkaLoggingMonitor()`. Lines carry the
 * monitor context as structured fields, so they are searchable, and a readable
 * text for humans tailing logs.
 */
export class LoggingMonitor implements ConsumerMonitor {
  readonly #logger: MonitorLogger;
  readonly #fieldsFirst: boolean;
  readonly #levels: Readonly<Record<LoggedEvent, MonitorLogLevel | 'off'>>;

  constructor(logger: MonitorLogger = console, options: LoggingMonitorOptions = {}) {
    this.#logger = logger;
    this.#fieldsFirst = (options.style ?? (logger === console ? 'message-first' : 'fields-first')) === 'fields-first';
    this.#levels = { ...DEFAULT_LEVELS, ...options.levels };
  }

  onMessageReceived(c: MessageReceivedEvent): void {
    this.#log('received', () => `ksdk: received ${where(c)} (lag ${ms(c.lagMs)})`, () => ({
      ...baseFields(c),
      messageTimestamp: c.messageTimestamp,
      receivedAt: c.receivedAt,
      lagMs: c.lagMs,
    }));
  }

  onMessageProcessed(c: MessageProcessedEvent): void {
    this.#log('processed', () => `ksdk: processed ${where(c)} in ${ms(c.processingDurationMs)} (attempt ${c.retryAttempt})`, () => ({
      ...baseFields(c),
      processingDurationMs: c.processingDurationMs,
      retryAttempt: c.retryAttempt,
    }));
  }

  onMessageFailed(c: MessageFailedEvent): void {
    const next = c.willRetry ? 'will retry' : 'no more retries';
    this.#log('failed', () => `ksdk: attempt ${c.retryAttempt} failed for ${where(c)}, ${next}: ${c.error.message}`, () => ({
      ...baseFields(c),
      err: c.error,
      processingDurationMs: c.processingDurationMs,
      retryAttempt: c.retryAttempt,
      willRetry: c.willRetry,
    }));
  }

  onMessageDeadLettered(c: MessageDeadLetteredEvent): void {
    const text = () => `ksdk: dead-lettered ${where(c)} to ${c.deadLetterTopic} after ${c.totalAttempts} attempt(s) (${c.reason}): ${c.error.message}`;
    this.#log('deadLettered', text, () => ({
      ...baseFields(c),
      err: c.error,
      deadLetterTopic: c.deadLetterTopic,
      totalAttempts: c.totalAttempts,
      reason: c.reason,
    }));
  }

  onMessageForwarded(c: MessageForwardedEvent): void {
    this.#log('forwarded', () => `ksdk: forwarded ${where(c)} to ${c.nextTopic} after attempt ${c.retryAttempt}: ${c.error.message}`, () => ({
      ...baseFields(c),
      err: c.error,
      nextTopic: c.nextTopic,
      retryAttempt: c.retryAttempt,
    }));
  }

  onMessageSkipped(c: MessageSkippedEvent): void {
    this.#log('skipped', () => `ksdk: skipped ${where(c)} after ${c.totalAttempts} attempt(s), no dead-letter topic: ${c.error.message}`, () => ({
      ...baseFields(c),
      err: c.error,
      totalAttempts: c.totalAttempts,
    }));
  }

  /** Text and fields are built only when the level is on and the logger has the method. */
  #log(event: LoggedEvent, text: () => string, fields: () => Record<string, unknown>): void {
    const level = this.#levels[event];
    if (level === 'off') return;
    const write = this.#logger[level];
    if (typeof write !== 'function') return;
    if (this.#fieldsFirst) write.call(this.#logger, fields(), text());
    else write.call(this.#logger, text(), fields());
  }
}
