import { KsdkError } from '../errors/KsdkError.js';
import { PublishError, type PublishFailureReason } from '../errors/PublishError.js';
import { UnknownTopicError } from '../errors/UnknownTopicError.js';
import { rejectRenamed } from '../errors/rejectRenamed.js';
import { ValidationError } from '../errors/ValidationError.js';
import { resolveBrokers } from '../kafka/ConnectionOptions.js';
import { DefaultClientFactory } from '../kafka/KafkajsClientFactory.js';
import { DEFAULT_UNKNOWN_TOPIC_TIMEOUT_MS, TopicCatalog } from '../kafka/TopicCatalog.js';
import { createMessage } from '../messages/createMessage.js';
import type { MessageDescriptor } from '../messages/MessageDescriptor.js';
import type { MessageMetadata, NewMessage } from '../messages/MessageMetadata.js';
import { PartitionChooser } from '../partitioning/PartitionChooser.js';
import type { PartitionKeyStrategy } from '../partitioning/PartitionKeyStrategy.js';
import type { ClientFactory } from '../transport/ClientFactory.js';
import type { OutboundRecord, RetrySettings, TransportProducer } from '../transport/TransportProducer.js';
import { extensionViolations, type CloudEventExtensions } from '../wire/CloudEventExtensions.js';
import { encodeMessageText } from '../wire/encodeMessageText.js';
import type { WireFormat } from '../wire/WireFormat.js';
import { BatchSender } from './BatchSender.js';
import { assertCodecAvailable, compressionType } from './compression.js';
import { envelopeViolations } from './envelopeViolations.js';
import { messageBody } from './messageBody.js';
import { PendingRecord, type OutcomeListener, type RecordOutcome } from './PendingRecord.js';
import { connectRetry, ProducerConnection } from './ProducerConnection.js';
import type { ProducerOptions } from './ProducerOptions.js';
import { startPublishInterceptors } from './PublishInterceptor.js';
import type { BatchResult, DeliveryCallback, DeliveryReport, PublishFailure, PublishResult } from './PublishResult.js';
import { RecordAccumulator } from './RecordAccumulator.js';

export interface PublishOptions {
  /** Overrides the descriptor's topic. */
  topic?: string;
  /** Overrides the partition-key strategy for this record (`null`: no key, spread round robin). */
  key?: string | Buffer | null;
  /** Extra record headers (e.g. trace context). */
  headers?: Record<string, string>;
  /**
   * CloudEvents extension attributes (structured: event members; binary: `ce_` headers).
   * Names: 1-20 lower-case letters and digits, not a core attribute nor `raisingcomponent`,
   * `tenant`, `conversation` (set those on the message); values: string, boolean, 32-bit
   * integer. Anything else, or any extension in plain mode, is a `ValidationError`.
   */
  extensions?: CloudEventExtensions;
  /**
   * The Kafka record timestamp (ms since the epoch, or a `Date`): the event time a
   * stream app windows by. Default: per `ProducerOptions.recordTimestamp`.
   * (On a topic with `message.timestamp.type=LogAppendTime` the broker overrides it.)
   */
  timestamp?: number | Date;
}

export interface PublishBatchOptions {
  /** Messages per chunk; each chunk is sent and acknowledged before the next. Default: the producer's `batchSize`. */
  batchSize?: number;
  /** Overrides the descriptor's topic. */
  topic?: string;
  /** Extra headers on every record. */
  headers?: Record<string, string>;
  /** CloudEvents extension attributes on every record (see `PublishOptions.extensions`). */
  extensions?: CloudEventExtensions;
}

export interface CloseOptions {
  /** How long to wait for pending records before failing them. Default: `deliveryTimeoutMs`. */
  timeoutMs?: number;
}

/** kafkajs's own defaults for a producer's request retries. */
const SEND_RETRY: RetrySettings = { initialRetryTime: 300, maxRetryTime: 30_000, factor: 0.2, multiplier: 2, retries: 5 };

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value)) throw new KsdkError('KSDK_CONFIG', `producer option ${name} must be a positive number, got ${value}`);
  return value;
}

function warn(what: string, error: unknown): void {
  console.warn(`ksdk: ${what} threw`, error);
}

function report(callback: DeliveryCallback, r: DeliveryReport): void {
  try {
    callback(r);
  } catch (err) {
    warn('a produce() callback', err);
  }
}

/**
 * A `publishBatch` in progress. Its messages are prepared (stamped, validated, encoded)
 * chunk by chunk, just before each chunk is sent; until then they count as pending
 * (`unprepared`), and `flush`/`close` wait for the batch to finish.
 */
interface BatchInProgress {
  unprepared: number;
  /** The chunk being sent. */
  current: readonly PendingRecord[];
  done: Promise<void>;
}

/** A `flush()` in progress: it waits for the `remaining` records numbered below `below`. */
interface FlushWaiter {
  below: number;
  remaining: number;
  wake: () => void;
}

/**
 * A record this producer tracks. What its listener needs is kept on the record, so one
 * listener shared by all records does the work of a closure per record, and the message
 * itself is kept only for a response logger (a queued record holds no more than it must).
 */
class TrackedRecord extends PendingRecord {
  /** The order it was tracked in (see `flush`). */
  sequence = 0;
  messageType = '';
  /** The publish interceptors' finishers, told first. */
  finish: ((outcome: RecordOutcome) => void) | undefined = undefined;
  /** The caller's own listener (an awaited publish, a produce callback), told last. */
  after: OutcomeListener | undefined = undefined;
  callback: DeliveryCallback | undefined = undefined;
  /** Only with a response logger. */
  message: MessageMetadata | undefined = undefined;
}

type Prepared<T> =
  | { message: T; topic: string; pending: TrackedRecord; finish: ((outcome: RecordOutcome) => void) | undefined }
  | { message: T | undefined; topic: string; error: PublishError };

function refused<T>(topic: string, message: T | undefined, input: { id?: string }, reason: PublishFailureReason, cause: unknown): Prepared<T> {
  return { message, topic, error: new PublishError(topic, (message as { id?: string } | undefined)?.id ?? input.id, cause, undefined, { reason }) };
}

/**
 * Publishes typed messages to Kafka. Generated producer classes wrap one of these.
 *
 * - `publish` resolves once the broker acknowledged the record, with its partition and offset.
 * - `publishBatch` sends in chunks and reports, per message, what was written and what failed.
 * - `produce` returns at once and reports each delivery through a callback; `flush`
 *   and `close` wait for (or report) everything still pending.
 *
 * Construction opens no connection (lazy connect): the first publish, or
 * `connect()`, does, and gives up after `connectTimeoutMs`.
 */
export class KsdkProducer {
  readonly name: string;
  readonly #options: ProducerOptions;
  readonly #format: WireFormat;
  readonly #source: string;
  readonly #validate: boolean;
  readonly #now: () => number;
  readonly #batchSize: number;
  readonly #bufferMax: number;
  readonly #deliveryTimeoutMs: number;
  readonly #factory: ClientFactory;
  readonly #connection: ProducerConnection;
  readonly #topics: TopicCatalog;
  readonly #sender: BatchSender;
  readonly #accumulator: RecordAccumulator;
  readonly #pending = new Set<PendingRecord>();
  readonly #batches = new Set<BatchInProgress>();
  /** Messages of the batches in progress that are not prepared yet (the sum of their `unprepared`). */
  #unprepared = 0;
  /** Numbers records in the order they were tracked, so a flush knows which ones it waits for. */
  #sequence = 0;
  readonly #flushWaiters: FlushWaiter[] = [];
  readonly #forks = new WeakMap<object, PartitionKeyStrategy<never>>();
  #codecReady = false;
  #closing: Promise<void> | undefined;

  constructor(options: ProducerOptions = {}) {
    this.#options = options;
    this.name = options.name ?? 'producer';
    rejectRenamed(`producer "${this.name}"`, options, { publishHooks: '`interceptors`', maxInFlightRequests: '`maxInFlight`' });
    rejectRenamed(`producer "${this.name}" (producer: kafkajs settings)`, options.producer, {
      idempotent: 'the producer option `idempotent`',
      maxInFlightRequests: 'the producer option `maxInFlight`',
    });
    rejectRenamed(`producer "${this.name}" (producer.retry)`, options.producer?.retry, { retries: 'the producer option `retries`' });
    this.#format = options.wireFormat ?? 'structured';
    this.#source = options.source ?? `urn:ksdk:${this.name}`;
    this.#validate = options.validate ?? true;
    this.#now = options.now ?? Date.now;
    this.#batchSize = Math.floor(positive('batchSize', options.batchSize, 500));
    this.#bufferMax = positive('bufferMaxRecords', options.bufferMaxRecords, 100_000);
    this.#deliveryTimeoutMs = positive('deliveryTimeoutMs', options.deliveryTimeoutMs, 120_000);
    const connectTimeoutMs = positive('connectTimeoutMs', options.connectTimeoutMs, 10_000);
    const idempotent = options.idempotent ?? false;
    if (idempotent && options.acks !== undefined && options.acks !== -1) {
      throw new KsdkError('KSDK_CONFIG', `producer "${this.name}": an idempotent producer needs acks -1 (all), got ${options.acks}`);
    }
    const compression = compressionType(options.compression);

    // Creating a factory opens no connection; the default one shortens kafkajs's connect retries to the bound.
    this.#factory =
      options.factory ??
      new DefaultClientFactory({ ...options, kafka: { ...options.kafka, retry: { ...connectRetry(connectTimeoutMs), ...options.kafka?.retry } } });
    this.#topics = new TopicCatalog(this.#factory, { timeoutMs: positive('unknownTopicTimeoutMs', options.unknownTopicTimeoutMs, DEFAULT_UNKNOWN_TOPIC_TIMEOUT_MS) });
    const chooser = new PartitionChooser();
    this.#connection = new ProducerConnection(
      () => this.#createProducer(chooser),
      connectTimeoutMs,
      options.factory ? `the cluster of producer "${this.name}"` : resolveBrokers(options).join(','),
    );
    this.#sender = new BatchSender(chooser, {
      acks: idempotent ? -1 : (options.acks ?? -1),
      timeoutMs: options.timeoutMs ?? 30_000,
      compression,
      deliveryTimeoutMs: this.#deliveryTimeoutMs,
    });
    this.#accumulator = new RecordAccumulator(
      {
        lingerMs: options.lingerMs ?? 0,
        batchSize: this.#batchSize,
        batchBytes: positive('batchBytes', options.batchBytes, 1_000_000),
      },
      (topic, batch) => this.#sendQueued(topic, batch),
    );
  }

  #createProducer(chooser: PartitionChooser): TransportProducer {
    const o = this.#options;
    const idempotent = o.idempotent ?? false;
    const retries = o.retries ?? (idempotent ? Number.MAX_SAFE_INTEGER : 5);
    return this.#factory.createProducer({
      clientId: o.clientId,
      allowAutoTopicCreation: false,
      ...o.producer,
      idempotent,
      ...(o.maxInFlight === undefined ? {} : { maxInFlightRequests: o.maxInFlight }),
      // Sends keep kafkajs's usual retry budget; only connecting is shortened. `retries` alone sets the count.
      retry: { ...SEND_RETRY, ...o.kafka?.retry, ...o.producer?.retry, retries },
      createPartitioner: chooser.partitioner,
    });
  }

  /** Records not yet acknowledged or failed (queued, in flight, or in a `publishBatch`). */
  get pending(): number {
    return this.#pending.size + this.#unprepared;
  }

  /**
   * Connects now instead of on the first publish. Rejects within `connectTimeoutMs` with a
   * `KsdkError`: `KSDK_TIMEOUT` (retriable) when the bound was hit, `KSDK_PUBLISH` when kafkajs gave up first.
   */
  async connect(): Promise<void> {
    await this.#connection.get();
  }

  /** Builds the record for a message: defaults, validation, encoding, key. Throws `ValidationError`. */
  toRecord<T extends MessageMetadata>(descriptor: MessageDescriptor<T>, input: NewMessage<T>, options?: PublishOptions): { message: T; record: OutboundRecord } {
    const message = this.#message(descriptor, input);
    return { message, record: this.#record(descriptor, input, message, options) };
  }

  #message<T extends MessageMetadata>(descriptor: MessageDescriptor<T>, input: NewMessage<T>): T {
    // Only what the caller passed: ids and times ksdk fills in are valid by construction.
    if (input.id !== undefined || input.timeStamp !== undefined) {
      const violations = envelopeViolations(input.id, input.timeStamp);
      if (violations) throw new ValidationError(descriptor.name, violations, 'outgoing');
    }
    const defaults = this.#options.defaults;
    const message = createMessage<T>(input, () => new Date(this.#now()));
    if (defaults?.raisingComponent !== undefined && message.raisingComponent === undefined) message.raisingComponent = defaults.raisingComponent;
    if (defaults?.tenant !== undefined && message.tenant === undefined) message.tenant = defaults.tenant;
    return message;
  }

  #record<T extends MessageMetadata>(descriptor: MessageDescriptor<T>, input: NewMessage<T>, message: T, options: PublishOptions | undefined): OutboundRecord {
    const data = messageBody(input, message);
    if (this.#validate && !descriptor.validate(data)) {
      const errors = descriptor.validate.errors ?? [];
      throw new ValidationError(
        descriptor.name,
        errors.map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, message: e.message ?? e.keyword })),
        'outgoing',
      );
    }
    const extensions = options?.extensions;
    if (extensions !== undefined) {
      const violations = extensionViolations(extensions, this.#format);
      if (violations) throw new ValidationError(descriptor.name, violations, 'outgoing');
    }
    const encoded = encodeMessageText(descriptor as MessageDescriptor, message, data, this.#format, this.#source, extensions);
    const topic = options?.topic ?? descriptor.topic;
    const key = options?.key !== undefined ? options.key : this.#key(descriptor, message, topic);
    const headers = options?.headers ? { ...encoded.headers, ...options.headers } : encoded.headers;
    const timestamp = this.#timestamp(message, options?.timestamp);
    return timestamp === undefined ? { key, value: encoded.value, headers } : { key, value: encoded.value, headers, timestamp };
  }

  /** The record timestamp as kafkajs takes it (decimal ms), or undefined for "when sent". */
  #timestamp(message: MessageMetadata, explicit: number | Date | undefined): string | undefined {
    let ms: number;
    let what: string;
    if (explicit !== undefined) {
      ms = explicit instanceof Date ? explicit.getTime() : explicit;
      what = 'the timestamp option';
    } else if (this.#options.recordTimestamp === 'timeStamp') {
      ms = Date.parse(message.timeStamp);
      what = `timeStamp "${message.timeStamp}"`;
    } else {
      return undefined;
    }
    if (!Number.isSafeInteger(ms) || ms < 0) throw new KsdkError('KSDK_VALIDATION', `message ${message.id}: ${what} is not a record timestamp (an integer number of ms since the epoch, not negative)`);
    return String(ms);
  }

  #key<T extends MessageMetadata>(descriptor: MessageDescriptor<T>, message: T, topic: string): string | Buffer | null {
    const declared = descriptor.partitionKey ?? (this.#options.partitionKey as PartitionKeyStrategy<T> | undefined);
    if (!declared) return message.id;
    return this.#own(declared).key(message, this.#now(), topic);
  }

  /** This producer's copy of a stateful strategy (see `PartitionKeyStrategy.fork`). */
  #own<T>(strategy: PartitionKeyStrategy<T>): PartitionKeyStrategy<T> {
    if (!strategy.fork) return strategy;
    let fork = this.#forks.get(strategy) as PartitionKeyStrategy<T> | undefined;
    if (!fork) {
      fork = strategy.fork();
      this.#forks.set(strategy, fork as PartitionKeyStrategy<never>);
    }
    return fork;
  }

  /** Everything that can fail before a record exists, as a `PublishError`; otherwise a pending record, not yet tracked. */
  #prepare<T extends MessageMetadata>(
    descriptor: MessageDescriptor<T>,
    input: NewMessage<T>,
    options: PublishOptions | undefined,
    checkBuffer: boolean,
    checkClosed = true,
  ): Prepared<T> {
    const topic = options?.topic ?? descriptor.topic;
    let message: T;
    try {
      message = this.#message(descriptor, input);
    } catch (err) {
      return refused<T>(topic, undefined, input, 'validation', err);
    }
    if (checkClosed && this.#closing) return refused(topic, message, input, 'closed', new KsdkError('KSDK_STOPPED', `producer "${this.name}" is closed`));
    if (checkBuffer && this.pending >= this.#bufferMax) {
      return refused(topic, message, input, 'buffer-full', new KsdkError('KSDK_PUBLISH', `${this.pending} records are waiting (bufferMaxRecords ${this.#bufferMax})`));
    }
    if (!this.#codecReady) {
      try {
        assertCodecAvailable(this.#options.compression);
        this.#codecReady = true;
      } catch (err) {
        return refused(topic, message, input, 'codec-missing', err);
      }
    }
    try {
      const record = this.#record(descriptor, input, message, options);
      const interceptors = this.#options.interceptors;
      // Interceptors run before PendingRecord sizes the record: they may add headers (trace context).
      const finish = interceptors?.length
        ? startPublishInterceptors(interceptors, { producer: this.name, topic, messageId: message.id, messageType: descriptor.name, key: record.key, headers: (record.headers ??= {}) })
        : undefined;
      // Only event payloads carry a duration.
      const pending = new TrackedRecord(message.id, topic, record, this.#options.events ? performance.now() : 0);
      return { message, topic, pending, finish };
    } catch (err) {
      return refused(topic, message, input, 'validation', err);
    }
  }

  /**
   * Registers a record as pending and reports its outcome once, in this order: the
   * publish hooks (`finish`), events, then the caller's own `after` (a delivery callback,
   * the promise of an awaited publish). One listener for all records, no promise.
   */
  #track(pending: TrackedRecord, descriptor: MessageDescriptor, finish: ((outcome: RecordOutcome) => void) | undefined, after?: OutcomeListener): void {
    this.#pending.add(pending);
    pending.sequence = this.#sequence++;
    pending.messageType = descriptor.name;
    pending.finish = finish;
    pending.after = after;
    pending.onSettled(this.#settled);
  }

  readonly #settled = (outcome: RecordOutcome, record: PendingRecord): void => {
    const pending = record as TrackedRecord;
    pending.finish?.(outcome);
    this.#pending.delete(pending);
    if (this.#flushWaiters.length > 0) this.#countDown(pending.sequence);
    this.#observe(pending, outcome);
    pending.after?.(outcome, pending);
  };

  /** A produce() record's `after`: the response logger, then the delivery callback. */
  readonly #reportDelivery = (outcome: RecordOutcome, record: PendingRecord): void => {
    const { messageId, topic, message, callback } = record as TrackedRecord;
    if (outcome.ok) {
      const result: PublishResult = { messageId, topic, partition: outcome.partition, offset: outcome.offset };
      if (message) this.#logResponse(result, message);
      if (callback) report(callback, { status: 'delivered', ...result });
    } else if (callback) {
      report(callback, { status: 'failed', messageId, topic, error: outcome.error });
    }
  };

  /** A record tracked as number `sequence` was reported: wake the flushes that wait for it last. */
  #countDown(sequence: number): void {
    for (const waiter of this.#flushWaiters) {
      if (sequence < waiter.below && --waiter.remaining === 0) waiter.wake();
    }
  }

  #observe(pending: TrackedRecord, outcome: RecordOutcome): void {
    const events = this.#options.events;
    // Nobody listens (the common case): no event objects, no clock read, per record.
    if (!events?.has(outcome.ok ? 'producer.published' : 'producer.failed')) return;
    const durationMs = performance.now() - pending.startedAt;
    const { topic, messageId } = pending;
    const producer = this.name;
    const messageType = pending.messageType;
    if (outcome.ok) {
      events.emit('producer.published', { producer, topic, messageType, messageId, partition: outcome.partition, offset: outcome.offset, durationMs });
    } else {
      events.emit('producer.failed', { producer, topic, messageType, messageId, error: outcome.error, durationMs });
    }
  }

  #logResponse(result: PublishResult, message: MessageMetadata): void {
    const logger = this.#options.responseLogger;
    if (!logger) return;
    try {
      logger(result, message);
    } catch (err) {
      warn('responseLogger', err);
    }
  }

  /** The accumulator's sender: connect (bounded), check the topic exists (bounded), then send with per-record outcomes. */
  async #sendQueued(topic: string, batch: PendingRecord[]): Promise<void> {
    let producer: TransportProducer;
    try {
      producer = await this.#connection.get();
    } catch (err) {
      // Everything queued waits for the same cluster: fail it now rather than one connect timeout per batch.
      this.#failUnsent([...batch, ...this.#accumulator.drain()], err);
      return;
    }
    if (await this.#topicExists(topic, batch)) await this.#sender.send(producer, topic, batch);
  }

  /**
   * Before the first send to a topic: does it exist? kafkajs would retry a
   * missing one for a long time (an idempotent producer forever), logging an
   * ERROR line per try. False when it does not: `records` failed with `unknown-topic`.
   */
  async #topicExists(topic: string, records: readonly PendingRecord[]): Promise<boolean> {
    const missing = await this.#missingTopic(topic);
    if (missing) this.#failUnsent(records, missing.error);
    return missing === undefined;
  }

  /** Why `topic` cannot be written to (see `#topicExists`), or undefined when it can. */
  async #missingTopic(topic: string): Promise<{ error: unknown } | undefined> {
    try {
      await this.#topics.require([topic], `producer "${this.name}"`);
      return undefined;
    } catch (error) {
      return { error };
    }
  }

  /** The connected producer, the topic checked; or why nothing can be sent to it. */
  async #ready(topic: string): Promise<{ producer: TransportProducer } | { error: unknown }> {
    let producer: TransportProducer;
    try {
      producer = await this.#connection.get();
    } catch (error) {
      return { error };
    }
    return (await this.#missingTopic(topic)) ?? { producer };
  }

  #failUnsent(records: readonly PendingRecord[], err: unknown): void {
    const code = (err as { code?: unknown }).code;
    const reason: PublishFailureReason = code === 'KSDK_STOPPED' ? 'closed' : err instanceof UnknownTopicError ? 'unknown-topic' : 'unreachable';
    for (const r of records) r.settle({ ok: false, error: new PublishError(r.topic, r.messageId, err, undefined, { reason }) });
  }

  /**
   * Publishes one message and resolves once the broker acknowledged it, with the
   * record's topic, partition and offset. Rejects with a `PublishError`, except
   * for a message that does not match its schema: that rejects with the
   * `ValidationError` itself (nothing was sent; `violations` lists why), as the
   * consumer side reports the same failure. `publishBatch` and `produce` report it
   * per message as a `PublishError` (`validation`) whose `cause` is that error.
   */
  async publish<T extends MessageMetadata>(descriptor: MessageDescriptor<T>, input: NewMessage<T>, options?: PublishOptions): Promise<PublishResult> {
    const prepared = this.#prepare(descriptor, input, options, true);
    if ('error' in prepared) {
      const { error } = prepared;
      throw error.reason === 'validation' && error.cause instanceof ValidationError ? error.cause : error;
    }
    const { message, topic, pending, finish } = prepared;
    const outcome = await new Promise<RecordOutcome>((resolve) => {
      this.#track(pending, descriptor, finish, resolve);
      this.#accumulator.add(pending);
    });
    if (!outcome.ok) throw outcome.error;
    const result: PublishResult = { messageId: message.id, topic, partition: outcome.partition, offset: outcome.offset };
    this.#logResponse(result, message);
    return result;
  }

  /**
   * Sends at once and returns the message id; `callback` is told the outcome
   * (always later, never from inside `produce`). Records to the same topic are
   * batched per `lingerMs`/`batchSize`. Call `flush()` or `close()` before exit.
   */
  produce<T extends MessageMetadata>(descriptor: MessageDescriptor<T>, input: NewMessage<T>, callback?: DeliveryCallback, options?: PublishOptions): string {
    const prepared = this.#prepare(descriptor, input, options, true);
    if ('error' in prepared) {
      const error = prepared.error;
      if (callback) queueMicrotask(() => report(callback, { status: 'failed', messageId: error.messageId ?? '', topic: prepared.topic, error }));
      return error.messageId ?? '';
    }
    const { message, pending, finish } = prepared;
    // Nothing to tell without a callback or a response logger.
    const logger = this.#options.responseLogger;
    if (callback || logger) {
      pending.callback = callback;
      if (logger) pending.message = message;
    }
    this.#track(pending, descriptor, finish, callback || logger ? this.#reportDelivery : undefined);
    this.#accumulator.add(pending);
    return message.id;
  }

  /**
   * Publishes many messages in chunks of `batchSize`, each chunk acknowledged
   * before the next, and reports every message as succeeded or failed. It does
   * not throw for failed messages: validation failures, records the broker
   * refuses (too large...) and an unreachable cluster all land in `failed`, each
   * with its `PublishError`. A chunk's messages are stamped, validated and encoded
   * just before the chunk is sent: leave the input objects unchanged until this resolves.
   */
  async publishBatch<T extends MessageMetadata>(
    descriptor: MessageDescriptor<T>,
    inputs: readonly NewMessage<T>[],
    options: PublishBatchOptions = {},
  ): Promise<BatchResult> {
    const batchSize = Math.floor(positive('batchSize', options.batchSize, this.#batchSize));
    const topic = options.topic ?? descriptor.topic;
    const recordOptions: PublishOptions = { topic };
    if (options.headers) recordOptions.headers = options.headers;
    if (options.extensions) recordOptions.extensions = options.extensions;
    // The messages are accepted (or refused as closed) now, all of them: a close() that starts
    // later waits for this batch and delivers its later chunks too.
    const closedAtCall = this.#closing !== undefined;
    // Later chunks read the caller's array later: a copy, so that the array may change meanwhile.
    const all = inputs.length > batchSize ? inputs.slice() : inputs;
    const logger = this.#options.batchResponseLogger;
    const succeeded: PublishResult[] = [];
    const failed: PublishFailure[] = [];
    const messages: MessageMetadata[] = [];
    let finished!: () => void;
    const batch: BatchInProgress = { unprepared: all.length, current: [], done: new Promise<void>((resolve) => (finished = resolve)) };
    this.#batches.add(batch);
    this.#unprepared += all.length;
    // Chunk by chunk rather than all messages first: only one chunk's encoded records are alive at
    // a time. A whole batch held encoded outlives the young generation, and the garbage collector's
    // copying and old-generation work cost more than the encoding itself (~3 µs per 1 KiB message).
    let unsent: { error: unknown } | undefined;
    try {
      let next = 0;
      while (next < all.length) {
        // A chunk is `batchSize` records to send, as before: refused messages are not sent and do not count.
        const prepared: Prepared<T>[] = [];
        const chunk: PendingRecord[] = [];
        while (next < all.length && chunk.length < batchSize) {
          const p = this.#prepare(descriptor, all[next++]!, recordOptions, false, closedAtCall);
          batch.unprepared--;
          this.#unprepared--;
          prepared.push(p);
          if ('pending' in p) {
            this.#track(p.pending, descriptor, p.finish);
            chunk.push(p.pending);
          }
        }
        batch.current = chunk;
        if (chunk.length > 0) {
          // Once the cluster or the topic failed a chunk, every later chunk fails the same way, without another try.
          const ready = unsent ?? (await this.#ready(topic));
          if ('error' in ready) {
            unsent = ready;
            this.#failUnsent(chunk, ready.error);
          } else {
            await this.#sender.send(ready.producer, topic, chunk);
          }
        }
        for (const p of prepared) {
          if (logger && p.message) messages.push(p.message);
          if ('error' in p) {
            failed.push({ messageId: p.error.messageId ?? '', error: p.error });
            continue;
          }
          // Every record of the chunk settled by now (the send settles each of them); no await per record.
          const outcome = p.pending.result ?? (await p.pending.outcome());
          if (outcome.ok) succeeded.push({ messageId: p.message.id, topic, partition: outcome.partition, offset: outcome.offset });
          else failed.push({ messageId: p.message.id, error: outcome.error });
        }
      }
    } finally {
      this.#unprepared -= batch.unprepared;
      this.#batches.delete(batch);
      finished();
    }
    const result: BatchResult = { topic, succeeded, failed };
    if (logger) {
      try {
        logger(result, messages);
      } catch (err) {
        warn('batchResponseLogger', err);
      }
    }
    // The records' hooks and events are told in a microtask queued when they settled:
    // it runs before the caller's continuation, as with a promise per record.
    return result;
  }

  /**
   * Sends everything queued now and waits until every record pending at the call
   * is acknowledged or failed, or `timeoutMs` passes. Resolves with how many of
   * those records are still pending (0: all reported).
   */
  async flush(timeoutMs: number = this.#deliveryTimeoutMs): Promise<number> {
    const waiting = [...this.#pending];
    // A publishBatch in progress has messages that are not records yet: wait for the whole batch.
    const batches = [...this.#batches];
    this.#accumulator.sendAll();
    if (waiting.length === 0 && batches.length === 0) return 0;
    // Records tracked before this call have a lower sequence number; #track counts them down.
    let timer: NodeJS.Timeout | undefined;
    let waiter: FlushWaiter | undefined;
    const records =
      waiting.length === 0
        ? undefined
        : new Promise<void>((wake) => {
            waiter = { below: this.#sequence, remaining: waiting.length, wake };
            this.#flushWaiters.push(waiter);
          });
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.all([records, ...batches.map((b) => b.done)]), timeout]);
    clearTimeout(timer);
    if (waiter) this.#flushWaiters.splice(this.#flushWaiters.indexOf(waiter), 1);
    let left = waiting.filter((r) => !r.settled).length;
    if (batches.length > 0) {
      // A batch's earlier chunks are all settled; of the one being sent, the records tracked before this call are in `waiting`.
      const counted = new Set(waiting);
      for (const b of batches) {
        left += b.unprepared;
        for (const r of b.current) if (!r.settled && !counted.has(r)) left++;
      }
    }
    return left;
  }

  /**
   * Stops accepting messages, delivers what is pending (up to `timeoutMs`),
   * reports whatever is left as failed (`closed` if never sent, `timeout` if in
   * flight), then disconnects. Safe to call twice and when never connected.
   */
  close(options: CloseOptions = {}): Promise<void> {
    this.#closing ??= (async () => {
      const left = this.#connection.isConnected || this.pending > 0 ? await this.flush(options.timeoutMs ?? this.#deliveryTimeoutMs) : 0;
      if (left > 0 || this.#pending.size > 0) {
        const stopped = new KsdkError('KSDK_STOPPED', `producer "${this.name}" was closed before the record was acknowledged`);
        this.#failUnsent(this.#accumulator.drain(), stopped);
        for (const r of [...this.#pending]) {
          r.settle({ ok: false, error: new PublishError(r.topic, r.messageId, stopped, undefined, { reason: 'timeout', retriable: true }) });
        }
      }
      this.#topics.close();
      await this.#connection.close();
    })();
    return this.#closing;
  }
}
