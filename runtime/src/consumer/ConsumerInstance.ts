import { boundText } from '../errors/boundText.js';
import { DecodeError } from '../errors/DecodeError.js';
import { KsdkError } from '../errors/KsdkError.js';
import { createGroupConsumer, startGroupConsumer } from '../kafka/groupConsumer.js';
import type { MessageMetadata } from '../messages/MessageMetadata.js';
import type { ConsumerEventBase, RuntimeEventMap, RuntimeEvents } from '../observability/RuntimeEvents.js';
import type { ClientFactory } from '../transport/ClientFactory.js';
import type { ConsumedRecord, TransportConsumer } from '../transport/TransportConsumer.js';
import { decodeRecord, type DecodedMessage, type MessageTypeIndex } from '../wire/decodeRecord.js';
import { headersAsText } from '../wire/headers.js';
import { AttemptTracker } from './AttemptTracker.js';
import { runBatch, type BatchCadence, type Outcome } from './BatchRunner.js';
import type { ConsumerOptions, ProcessInterceptor } from './ConsumerOptions.js';
import { DeadLetterRecoverer, type DeadLetterReason, type ForwardRequest } from './DeadLetterRecoverer.js';
import { decideFailure, type FailureVerdict } from './decideFailure.js';
import { previousAttempts } from './failureHeaders.js';
import { invokeHandler } from './invokeHandler.js';
import type { MessageContext, MessageHandler } from './MessageContext.js';
import { PartitionHolds } from './PartitionHolds.js';
import { PartitionProgress, type PartitionWait, type StuckPartition } from './PartitionProgress.js';
import type { RecordForwarder } from './RecordForwarder.js';
import type { SubscriptionSpec } from './SubscriptionSpec.js';

export interface PartitionStatus {
  topic: string;
  partition: number;
}

export interface ConsumerInstanceStatus {
  consumerId: string;
  running: boolean;
  assigned: PartitionStatus[];
  paused: PartitionStatus[];
  /** Partitions held at one record for `stuckPartitionMs` or longer (see `ConsumerOptions`). */
  stuck: StuckPartition[];
  lastError?: Error;
}

/**
 * Default of `ConsumerOptions.commitThreshold`. Every in-batch commit is a round trip to
 * the group coordinator and a write to `__consumer_offsets`; at 100 records they cost a
 * fast consumer more CPU than its handler (one commit per ~2 ms at 50,000 msg/s). The
 * batch-end commit and the one-second interval bound redelivery after a crash anyway.
 */
export const DEFAULT_COMMIT_THRESHOLD = 1000;

/** Default of `ConsumerOptions.stuckPartitionMs`: Kafka's own max.poll.interval.ms. */
export const DEFAULT_STUCK_PARTITION_MS = 300_000;

/**
 * One consumer of a subscription (a transport consumer, kafkajs's by default). Records are handled one at a time per
 * partition and their offsets resolved only once done (handled, dead-lettered
 * or deliberately skipped), so commits are at-least-once.
 *
 * The failure pipeline, in the manner of Spring Kafka's DefaultErrorHandler:
 * `runBatch` runs a partition's records and stops at the first that is not done;
 * `AttemptTracker` counts a record's attempts across redeliveries;
 * `decideFailure` turns a failed attempt into the next step (retry after a
 * backoff, forward, dead-letter, skip, stop) by the retry policy and the one
 * retriability rule (`isRetriable`); `DeadLetterRecoverer` writes retry-topic
 * and dead-letter copies; `PartitionHolds` makes a partition wait (backoff,
 * processing delay, a dead-letter write to try again) by pausing it, never by
 * blocking the consumer. This class ties them to the consumer's life.
 */
export class ConsumerInstance<M extends MessageMetadata> {
  readonly consumerId: string;
  readonly #spec: SubscriptionSpec<M>;
  readonly #handler: MessageHandler<M>;
  readonly #options: ConsumerOptions;
  readonly #types: MessageTypeIndex;
  readonly #events: RuntimeEvents | undefined;
  readonly #interceptors: readonly ProcessInterceptor[];
  readonly #now: () => number;
  readonly #onFatal: (error: Error) => void;
  readonly #consumer: TransportConsumer;
  readonly #cadence: BatchCadence;
  readonly #attempts = new AttemptTracker();
  readonly #holds: PartitionHolds;
  readonly #recoverer: DeadLetterRecoverer;
  readonly #progress: PartitionProgress;
  readonly #stuckAfterMs: number;
  /** Aborted on every rebalance and on stop: the signal handlers see in their context. */
  #abort = new AbortController();
  /** Aborted when stop() begins: no timer is armed and no write awaited after that. */
  #stopped = new AbortController();
  /** Bumped on every rebalance: a batch from an earlier generation is stale. */
  #generation = 0;
  #assigned: PartitionStatus[] = [];
  #running = false;
  #lastError: Error | undefined;

  constructor(args: {
    spec: SubscriptionSpec<M>;
    handler: MessageHandler<M>;
    options: ConsumerOptions;
    factory: ClientFactory;
    types: MessageTypeIndex;
    forwarder: RecordForwarder;
    consumerId: string;
    onFatal: (error: Error) => void;
  }) {
    const { spec, options } = args;
    this.#spec = spec;
    this.#handler = args.handler;
    this.#options = options;
    this.#types = args.types;
    this.#events = options.events;
    this.#interceptors = options.interceptors ?? [];
    this.#now = options.now ?? Date.now;
    this.#onFatal = args.onFatal;
    this.consumerId = args.consumerId;
    this.#cadence = {
      commitIntervalMs: options.commitIntervalMs ?? 1000,
      commitThreshold: options.commitThreshold ?? DEFAULT_COMMIT_THRESHOLD,
      heartbeatCheckMs: Math.min(100, (options.heartbeatIntervalMs ?? 3000) / 4),
    };
    this.#progress = new PartitionProgress(this.#now);
    this.#stuckAfterMs = options.stuckPartitionMs ?? DEFAULT_STUCK_PARTITION_MS;
    this.#recoverer = new DeadLetterRecoverer(args.forwarder, spec, this.#now);
    this.#consumer = createGroupConsumer(args.factory, {
      groupId: spec.groupId,
      clientId: options.clientId,
      maxWaitTimeMs: options.maxWaitTimeMs ?? 500,
      sessionTimeoutMs: options.sessionTimeoutMs,
      heartbeatIntervalMs: options.heartbeatIntervalMs,
      onRebalancing: () => this.#forgetPartitions(),
      onAssigned: (assignment) => {
        this.#forgetPartitions();
        this.#assigned = Object.entries(assignment).flatMap(([topic, partitions]) => partitions.map((partition) => ({ topic, partition })));
      },
      onCrash: (error, restart) => {
        this.#lastError = error;
        if (!restart) this.#onFatal(error);
      },
    });
    this.#holds = new PartitionHolds(
      this.#consumer,
      (generation) => this.#isCurrent(generation),
      (error) => {
        if (!this.#stopped.signal.aborted) this.#lastError = error;
      },
    );
  }

  async start(): Promise<void> {
    this.#stopped = new AbortController();
    await startGroupConsumer(this.#consumer, {
      topics: [this.#spec.topic],
      fromBeginning: this.#spec.fromBeginning ?? true,
      subscribed: () => {
        this.#running = true;
      },
      autoCommit: true,
      // Commit done offsets during long batches too: bounds redelivery after a crash.
      autoCommitInterval: this.#cadence.commitIntervalMs,
      autoCommitThreshold: this.#cadence.commitThreshold,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.#spec.concurrency ?? 1,
      eachBatch: (payload) => {
        const generation = this.#generation;
        const { topic, partition } = payload.batch;
        return runBatch(payload, this.#cadence, () => generation === this.#generation, (record) => this.#process(topic, partition, record, generation));
      },
    });
  }

  /**
   * Stops fetching, lets the handler in hand finish, commits what is done,
   * disconnects. Whatever a partition waits on (a retry backoff, a processing
   * delay, a dead-letter write being retried) is abandoned, uncommitted: from
   * here on no timer is armed or fires, and a pending write is not awaited.
   */
  async stop(): Promise<void> {
    this.#running = false;
    this.#stopped.abort();
    this.#forgetPartitions();
    await this.#consumer.disconnect();
    this.#abort.abort();
  }

  status(): ConsumerInstanceStatus {
    const paused = this.#consumer.paused().flatMap(({ topic, partitions }) => partitions.map((partition) => ({ topic, partition })));
    const stuck = this.#running ? this.#progress.stuck(this.#stuckAfterMs) : [];
    const status: ConsumerInstanceStatus = { consumerId: this.consumerId, running: this.#running, assigned: this.#assigned, paused, stuck };
    if (this.#lastError) status.lastError = this.#lastError;
    return status;
  }

  /**
   * On revoke, loss or any rebalance: cancel every timer, resume what we paused
   * and forget attempt counts. The next owner re-reads from the committed offset.
   */
  #forgetPartitions(): void {
    this.#generation++;
    this.#abort.abort();
    this.#abort = new AbortController();
    this.#attempts.clear();
    this.#progress.clear();
    this.#holds.releaseAll();
  }

  /** A batch of `generation` may still act: no rebalance since it began, and no stop. */
  #isCurrent(generation: number): boolean {
    return generation === this.#generation && !this.#stopped.signal.aborted;
  }

  /** Notes what holds a partition, for the stuck-partition health rule; a stale batch notes nothing. */
  #waitingAt(generation: number, topic: string, partition: number, offset: string, waitingOn: PartitionWait, reason?: string): void {
    if (this.#isCurrent(generation)) this.#progress.at(topic, partition, offset, waitingOn, reason);
  }

  /**
   * One record, from decoding to its outcome. A record whose handler answers synchronously
   * is settled synchronously, without a promise; what only monitors or the failure paths
   * read (event payloads, error texts) is built only when they ask for it.
   */
  #process(topic: string, partition: number, record: ConsumedRecord, generation: number): Promise<Outcome> | Outcome {
    const receivedAt = this.#now();
    const timestamp = Number(record.timestamp);
    const delay = this.#spec.processingDelayMs;
    if (delay !== undefined && delay > 0 && timestamp + delay > receivedAt) {
      this.#waitingAt(generation, topic, partition, record.offset, 'delay');
      return this.#holds.hold(topic, partition, record.offset, timestamp + delay - receivedAt, generation);
    }

    const retry = this.#attempts.get(topic, partition, record.offset);
    const headers = headersAsText(record.headers);
    const key = record.key === null ? null : record.key.toString('utf8');
    if (retry?.pendingForward) return this.#forward(this.#eventBase(topic, partition, record, timestamp, key, headers), record, retry.pendingForward, generation);
    if (this.#isCurrent(generation)) this.#progress.at(topic, partition, record.offset, 'handler', '', receivedAt);

    const hopAttempt = retry?.attempt ?? 1;
    const attempt = previousAttempts(record.headers) + hopAttempt;
    const events = this.#events;

    let decoded: DecodedMessage;
    try {
      // The headers already decoded to text above: the decoder reads several, each only once
      // (and the raw ones only to check a repeated or non-UTF-8 `ce_` header).
      decoded = decodeRecord({ value: record.value, headers, rawHeaders: record.headers, timestamp: record.timestamp, coordinates: () => `${topic}/${partition}/${record.offset}` }, this.#types);
    } catch (err) {
      const error = err instanceof Error ? err : new DecodeError('invalid-json', String(err), err);
      const base = this.#eventBase(topic, partition, record, timestamp, key, headers);
      this.#emitReceived(base, receivedAt);
      this.#emit('consumer.failed', () => ({ ...base, error, processingDurationMs: 0, retryAttempt: attempt, willRetry: false }));
      return this.#exhausted(base, record, error, 'poison', attempt, generation);
    }
    let base: ConsumerEventBase | undefined;
    const eventBase = (): ConsumerEventBase => (base ??= this.#eventBase(topic, partition, record, timestamp, key, headers, decoded));
    if (events?.has('consumer.received')) {
      // Per record whenever a monitor listens: one literal, no spread of a base object.
      const { subscription, groupId, consumerId, offset, message, messageType } = eventBase() as Required<ConsumerEventBase>;
      const lagMs = Math.max(0, receivedAt - timestamp);
      events.emit('consumer.received', { subscription, groupId, consumerId, topic, partition, offset, messageTimestamp: timestamp, key, headers, message, messageType, receivedAt, lagMs });
    }

    const context = this.#context(topic, partition, record.offset, key, timestamp, receivedAt, headers, attempt, decoded);
    // Only event payloads carry a duration.
    const started = events === undefined ? 0 : performance.now();
    const settle = (error: Error | undefined): Promise<Outcome> | Outcome => {
      if (!error) {
        if (retry) this.#attempts.done(topic, partition);
        this.#progress.done(topic, partition);
        if (events?.has('consumer.processed')) {
          const { subscription, groupId, consumerId, offset, message, messageType } = eventBase() as Required<ConsumerEventBase>;
          const processingDurationMs = performance.now() - started;
          events.emit('consumer.processed', { subscription, groupId, consumerId, topic, partition, offset, messageTimestamp: timestamp, key, headers, message, messageType, processingDurationMs, retryAttempt: attempt });
        }
        return 'done';
      }
      const processingDurationMs = events === undefined ? 0 : performance.now() - started;
      const failed = { error, hopAttempt, attempt, topic, partition, offset: record.offset };
      const decision = decideFailure(this.#spec.retry ?? { mode: 'in-process' }, failed, this.#spec.deadLetterTopic, this.#options.random);
      const apply = (d: FailureVerdict) => {
        const b = eventBase();
        this.#emit('consumer.failed', () => ({ ...b, error, processingDurationMs, retryAttempt: attempt, willRetry: d.willRetry }));
        return this.#afterFailure(b, record, d, { error, hopAttempt, attempt, generation });
      };
      return decision instanceof Promise ? decision.then(apply) : apply(decision);
    };
    return invokeHandler(this.#handler, this.#interceptors, decoded.message as M, context, decoded, settle);
  }

  /** Fields common to every event about a record (monitors, metrics, tracing, the failure paths). */
  #eventBase(
    topic: string,
    partition: number,
    record: ConsumedRecord,
    messageTimestamp: number,
    key: string | null,
    headers: Readonly<Record<string, string>>,
    decoded?: DecodedMessage,
  ): ConsumerEventBase {
    const base: ConsumerEventBase = {
      subscription: this.#spec.name,
      groupId: this.#spec.groupId,
      consumerId: this.consumerId,
      topic,
      partition,
      offset: record.offset,
      messageTimestamp,
      key,
      headers,
    };
    if (decoded) {
      base.message = decoded.message;
      base.messageType = decoded.descriptor.type;
    }
    return base;
  }

  /** The handler's view of the record; one object literal of one shape per wire family (no spread). */
  #context(
    topic: string,
    partition: number,
    offset: string,
    key: string | null,
    timestamp: number,
    receivedAt: number,
    headers: Readonly<Record<string, string>>,
    attempt: number,
    decoded: DecodedMessage,
  ): MessageContext {
    const lagMs = Math.max(0, receivedAt - timestamp);
    const { groupId } = this.#spec;
    const messageType = decoded.descriptor.name;
    const { wireFormat, cloudEvent } = decoded;
    const signal = this.#abort.signal;
    const consumerId = this.consumerId;
    return cloudEvent
      ? { topic, partition, offset, key, timestamp, receivedAt, lagMs, headers, groupId, consumerId, attempt, messageType, wireFormat, cloudEvent, signal }
      : { topic, partition, offset, key, timestamp, receivedAt, lagMs, headers, groupId, consumerId, attempt, messageType, wireFormat, signal };
  }

  /** Carries out the error handler's decision for a failed attempt. */
  #afterFailure(
    base: ConsumerEventBase,
    record: ConsumedRecord,
    { next }: FailureVerdict,
    at: { error: Error; hopAttempt: number; attempt: number; generation: number },
  ): Promise<Outcome> | Outcome {
    const { error, attempt, generation } = at;
    switch (next.step) {
      case 'retry':
        this.#attempts.retry(base.topic, base.partition, base.offset, at.hopAttempt + 1);
        this.#waitingAt(generation, base.topic, base.partition, base.offset, 'retry', boundText(`attempt ${attempt} failed, retrying: ${error.message}`, 512));
        return this.#holds.hold(base.topic, base.partition, base.offset, next.afterMs, generation);
      case 'forward':
        return this.#forward(base, record, { topic: next.topic, kind: 'forward', error, reason: 'exhausted', attempts: attempt }, generation);
      case 'exhausted':
        return this.#exhausted(base, record, error, next.reason, attempt, generation);
      case 'skip':
        this.#progress.done(base.topic, base.partition);
        this.#emit('consumer.skipped', () => ({ ...base, error, totalAttempts: attempt }));
        return 'done';
      case 'stop':
        return this.#stopWith(base, new KsdkError('KSDK_STOPPED', `subscription ${this.#spec.name} stopped by its failure handler at ${base.topic}/${base.partition}@${base.offset}`, { cause: error }));
    }
  }

  /** Retries are over (or the record is poison): dead-letter, skip or stop as configured. */
  #exhausted(base: ConsumerEventBase, record: ConsumedRecord, error: Error, reason: DeadLetterReason, attempts: number, generation: number): Promise<Outcome> | Outcome {
    const target = this.#spec.deadLetterTopic ?? (this.#spec.retry?.mode === 'topic-chain' ? this.#spec.retry.nextTopic : undefined);
    if (target !== undefined) return this.#forward(base, record, { topic: target, kind: 'dead-letter', error, reason, attempts }, generation);
    if ((this.#spec.onExhausted ?? 'stop') === 'skip') {
      this.#progress.done(base.topic, base.partition);
      this.#emit('consumer.skipped', () => ({ ...base, error, totalAttempts: attempts }));
      return 'done';
    }
    return this.#stopWith(
      base,
      new KsdkError(
        'KSDK_DEAD_LETTER',
        `subscription ${this.#spec.name} has no dead-letter topic and onExhausted is "stop": stopped at ${base.topic}/${base.partition}@${base.offset} (not committed) after ${attempts} attempt(s): ${boundText(error.message, 1024)}`,
        { cause: error },
      ),
    );
  }

  /** Writes the record to a retry topic or the DLT (see DeadLetterRecoverer) and acts on the result. */
  async #forward(base: ConsumerEventBase, record: ConsumedRecord, request: ForwardRequest, generation: number): Promise<Outcome> {
    const result = await this.#recoverer.recover(base, record, request, this.#stopped.signal);
    switch (result.status) {
      case 'abandoned':
        return 'held';
      case 'refused':
        return this.#stopWith(base, result.error);
      case 'retry-later':
        this.#lastError = result.error;
        this.#attempts.awaitForward(base.topic, base.partition, base.offset, result.request);
        this.#waitingAt(generation, base.topic, base.partition, base.offset, 'dead-letter', result.error.message);
        return this.#holds.hold(base.topic, base.partition, base.offset, this.#options.deadLetterRetryMs ?? 1000, generation);
      case 'written': {
        const { topic, kind, error, reason, attempts } = result.request;
        this.#attempts.done(base.topic, base.partition);
        this.#progress.done(base.topic, base.partition);
        if (kind === 'dead-letter') {
          const dropped = result.dropped;
          this.#emit('consumer.dead-lettered', () => ({ ...base, error, deadLetterTopic: topic, totalAttempts: attempts, reason, ...(dropped ? { dropped } : {}) }));
        } else {
          this.#emit('consumer.forwarded', () => ({ ...base, error, nextTopic: topic, retryAttempt: attempts }));
        }
        return 'done';
      }
    }
  }

  #stopWith(base: ConsumerEventBase, error: KsdkError): Outcome {
    this.#lastError = error;
    if (this.#stopped.signal.aborted) return 'stop';
    this.#consumer.pause([{ topic: base.topic, partitions: [base.partition] }]);
    // Stopping awaits this very batch; let it return first.
    setImmediate(() => this.#onFatal(error));
    return 'stop';
  }

  #emitReceived(base: ConsumerEventBase, receivedAt: number): void {
    this.#emit('consumer.received', () => ({ ...base, receivedAt, lagMs: Math.max(0, receivedAt - base.messageTimestamp) }));
  }

  #emit<K extends 'consumer.received' | 'consumer.processed' | 'consumer.failed' | 'consumer.dead-lettered' | 'consumer.forwarded' | 'consumer.skipped'>(
    type: K,
    build: () => RuntimeEventMap[K],
  ): void {
    if (this.#events?.has(type)) this.#events.emit(type, build());
  }
}
