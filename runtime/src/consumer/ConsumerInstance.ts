import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { boundText } from '../errors/boundText.js';
import { DecodeError } from '../errors/DecodeError.js';
import { KsdkError } from '../errors/KsdkError.js';
import { ValidationError } from '../errors/ValidationError.js';
import type { ClientFactory } from '../kafka/ClientFactory.js';
import type { MessageMetadata } from '../messages/MessageMetadata.js';
import type { ConsumerEventBase, RuntimeEvents } from '../observability/RuntimeEvents.js';
import { decodeRecord, type DecodedMessage, type MessageTypeIndex } from '../wire/decodeRecord.js';
import { headersAsText } from '../wire/headers.js';
import { backoffMs, DEFAULT_MAX_ATTEMPTS } from './backoff.js';
import type { ConsumerOptions, ProcessInterceptor } from './ConsumerOptions.js';
import { fallbackCopy, failureHeaders, previousAttempts } from './failureHeaders.js';
import { classifyForwardFailure } from './forwardFailure.js';
import { untilAborted } from './untilAborted.js';
import type { MessageContext, MessageHandler } from './MessageContext.js';
import { messageContextStorage } from './messageContextStorage.js';
import { PartitionProgress, type PartitionWait, type StuckPartition } from './PartitionProgress.js';
import type { RecordForwarder } from './RecordForwarder.js';
import type { RetryPolicy } from './RetryPolicy.js';
import type { SubscriptionSpec } from './SubscriptionSpec.js';

/** What became of one record: done (resolve its offset), held (paused, re-read later) or stop. */
type Outcome = 'done' | 'held' | 'stop';

interface RetryState {
  offset: string;
  /** Attempt number (1-based, this hop) of the next delivery of `offset`. */
  attempt: number;
  /** Retries are over; the record waits for its dead-letter (or chain) publish to succeed. */
  pendingForward?: PendingForward;
}

interface PendingForward {
  topic: string;
  kind: ForwardKind;
  error: Error;
  reason: DeadLetterReason;
  attempts: number;
  /** Set once the broker refused the full copy for good: write the fallback copy, and why. */
  refusal?: string;
}

type DeadLetterReason = 'exhausted' | 'poison' | 'non-retriable' | 'decided';
/** `dead-letter` ends the record's journey; `forward` sends it to the next retry topic. */
type ForwardKind = 'dead-letter' | 'forward';

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

/** Default of `ConsumerOptions.stuckPartitionMs`: Kafka's own max.poll.interval.ms. */
export const DEFAULT_STUCK_PARTITION_MS = 300_000;

const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * One kafkajs consumer of a subscription. Records are handled one at a time per
 * partition and their offsets resolved only once done (handled, dead-lettered
 * or deliberately skipped), so commits are at-least-once.
 *
 * Waiting (retry backoff, retry-topic delay, a dead-letter publish that must be
 * tried again) never blocks the consumer: the partition is paused and seeked
 * back to the record, and a timer resumes it. Timers only ever *resume*; the
 * handler runs solely on records fetched under the current assignment, so a
 * timer left from a revoked partition can never run the handler.
 */
export class ConsumerInstance<M extends MessageMetadata> {
  readonly consumerId: string;
  readonly #spec: SubscriptionSpec<M>;
  readonly #handler: MessageHandler<M>;
  readonly #options: ConsumerOptions;
  readonly #types: MessageTypeIndex;
  readonly #forwarder: RecordForwarder;
  readonly #events: RuntimeEvents | undefined;
  readonly #interceptors: readonly ProcessInterceptor[];
  readonly #now: () => number;
  readonly #onFatal: (error: Error) => void;
  readonly #consumer: Consumer;
  readonly #retries = new Map<string, RetryState>();
  readonly #timers = new Map<string, { timer: NodeJS.Timeout; topic: string; partition: number }>();
  readonly #commitIntervalMs: number;
  readonly #commitThreshold: number;
  /** How often the batch loop calls kafkajs's heartbeat() (see #eachBatch). */
  readonly #heartbeatCheckMs: number;
  readonly #progress: PartitionProgress;
  readonly #stuckAfterMs: number;
  #abort = new AbortController();
  /** Aborted when stop() begins: no timer is armed and no write awaited after that. */
  #stopped = new AbortController();
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
    this.#spec = args.spec;
    this.#handler = args.handler;
    this.#options = args.options;
    this.#types = args.types;
    this.#forwarder = args.forwarder;
    this.#events = args.options.events;
    this.#interceptors = args.options.interceptors ?? [];
    this.#now = args.options.now ?? Date.now;
    this.#onFatal = args.onFatal;
    this.consumerId = args.consumerId;
    this.#commitIntervalMs = args.options.commitIntervalMs ?? 1000;
    this.#commitThreshold = args.options.commitThreshold ?? 100;
    this.#heartbeatCheckMs = Math.min(100, (args.options.heartbeatIntervalMs ?? 3000) / 4);
    this.#progress = new PartitionProgress(this.#now);
    this.#stuckAfterMs = args.options.stuckPartitionMs ?? DEFAULT_STUCK_PARTITION_MS;
    this.#consumer = args.factory.createConsumer({
      groupId: args.spec.groupId,
      clientId: args.options.clientId,
      maxWaitTimeInMs: args.options.maxWaitTimeMs ?? 500,
      ...(args.options.sessionTimeoutMs === undefined ? {} : { sessionTimeout: args.options.sessionTimeoutMs }),
      ...(args.options.heartbeatIntervalMs === undefined ? {} : { heartbeatInterval: args.options.heartbeatIntervalMs }),
      allowAutoTopicCreation: false,
    });
    const { GROUP_JOIN, REBALANCING, CRASH } = this.#consumer.events;
    this.#consumer.on(REBALANCING, () => this.#forgetPartitions());
    this.#consumer.on(GROUP_JOIN, (event) => {
      this.#forgetPartitions();
      const assignment = event.payload.memberAssignment as Record<string, number[]>;
      this.#assigned = Object.entries(assignment).flatMap(([topic, partitions]) => partitions.map((partition) => ({ topic, partition })));
    });
    this.#consumer.on(CRASH, (event) => {
      const error = event.payload.error;
      this.#lastError = error;
      if (!event.payload.restart) this.#onFatal(error);
    });
  }

  get kafkaConsumer(): Consumer {
    return this.#consumer;
  }

  async start(): Promise<void> {
    this.#stopped = new AbortController();
    await this.#consumer.connect();
    await this.#consumer.subscribe({ topic: this.#spec.topic, fromBeginning: this.#spec.fromBeginning ?? true });
    this.#running = true;
    await this.#consumer.run({
      autoCommit: true,
      // Commit done offsets during long batches too: bounds redelivery after a crash.
      autoCommitInterval: this.#commitIntervalMs,
      autoCommitThreshold: this.#commitThreshold,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.#spec.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.#eachBatch(payload),
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
   * and forget retry state. The next owner re-reads from the committed offset.
   */
  #forgetPartitions(): void {
    this.#generation++;
    this.#abort.abort();
    this.#abort = new AbortController();
    for (const { timer } of this.#timers.values()) clearTimeout(timer);
    const paused = [...this.#timers.values()].map(({ topic, partition }) => ({ topic, partitions: [partition] }));
    this.#timers.clear();
    this.#retries.clear();
    this.#progress.clear();
    this.#resume(paused);
  }

  /** Notes what holds a partition, for the stuck-partition health rule; a stale batch notes nothing. */
  #waitingAt(generation: number, topic: string, partition: number, offset: string, waitingOn: PartitionWait, reason?: string): void {
    if (generation === this.#generation && !this.#stopped.signal.aborted) this.#progress.at(topic, partition, offset, waitingOn, reason);
  }

  /** Resumes partitions; never throws (kafkajs throws once the consumer stopped or crashed). */
  #resume(partitions: Array<{ topic: string; partitions: number[] }>): void {
    if (partitions.length === 0) return;
    try {
      this.#consumer.resume(partitions);
    } catch (err) {
      if (!this.#stopped.signal.aborted) this.#lastError = err instanceof Error ? err : new Error(String(err));
    }
  }

  async #eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }: EachBatchPayload): Promise<void> {
    const generation = this.#generation;
    // kafkajs's commitOffsetsIfNecessary() sums the uncommitted offsets of every partition in
    // Long arithmetic on each call, and heartbeat() is a chain of async calls: per record they
    // cost more than handling a small message. So ask kafkajs only when one of its conditions
    // can have become true: `threshold` records or `interval` ms since this batch last asked
    // (kafkajs commits at the end of every batch anyway), and heartbeat() at most every
    // `beatCheck` ms (kafkajs sends one only every heartbeatInterval; this delays it by less
    // than a quarter of that at worst).
    const threshold = this.#commitThreshold;
    const interval = this.#commitIntervalMs;
    const beatCheck = this.#heartbeatCheckMs;
    let sinceCommitCheck = 0;
    let lastCommitCheck = Date.now();
    let lastBeat = lastCommitCheck;
    // A commit within the batch carries the offsets resolved when it starts (kafkajs takes
    // them at once) and runs while the next records are handled, instead of stalling the
    // partition for a round trip to the coordinator. One at a time, in order; the batch
    // waits for it before it ends (kafkajs then commits the rest), and a failed commit stops
    // the batch at the next record, as an awaited one would have.
    let commit: Promise<void> | undefined;
    let commitError: { error: unknown } | undefined;
    // Set from the commit's callbacks: read through a function, not narrowed by the checks below.
    const failed = (): { error: unknown } | undefined => commitError;
    try {
      for (const record of batch.messages) {
        const failure = failed();
        if (failure) throw failure.error;
        if (!isRunning() || isStale() || generation !== this.#generation) return;
        const outcome = await this.#process(batch.topic, batch.partition, record, generation);
        if (outcome !== 'done') return;
        resolveOffset(record.offset);
        const now = Date.now();
        if (++sinceCommitCheck >= threshold || now - lastCommitCheck >= interval) {
          sinceCommitCheck = 0;
          lastCommitCheck = now;
          if (commit) await commit;
          const failure = failed();
          if (failure) throw failure.error;
          commit = commitOffsetsIfNecessary().then(
            () => {
              commit = undefined;
            },
            (error: unknown) => {
              commitError = { error };
              commit = undefined;
            },
          );
        }
        if (now - lastBeat >= beatCheck) {
          lastBeat = now;
          await heartbeat();
        }
      }
    } finally {
      if (commit) await commit;
    }
    const failure = failed();
    if (failure) throw failure.error;
  }

  /**
   * Pauses the partition, rewinds it to `offset` and resumes it after `ms`. A batch
   * from before a rebalance, or one ending after stop() began, arms nothing: its
   * record stays unresolved and is read again by whoever owns the partition next.
   */
  #hold(topic: string, partition: number, offset: string, ms: number, generation: number): 'held' {
    if (this.#stopped.signal.aborted || generation !== this.#generation) return 'held';
    const key = tpKey(topic, partition);
    const existing = this.#timers.get(key);
    if (existing) clearTimeout(existing.timer);
    this.#consumer.pause([{ topic, partitions: [partition] }]);
    this.#consumer.seek({ topic, partition, offset });
    const timer = setTimeout(() => {
      this.#timers.delete(key);
      if (generation === this.#generation && !this.#stopped.signal.aborted) this.#resume([{ topic, partitions: [partition] }]);
    }, ms);
    this.#timers.set(key, { timer, topic, partition });
    return 'held';
  }

  async #process(topic: string, partition: number, record: KafkaMessage, generation: number): Promise<Outcome> {
    const receivedAt = this.#now();
    const timestamp = Number(record.timestamp);
    const delay = this.#spec.processingDelayMs;
    if (delay !== undefined && delay > 0 && timestamp + delay > receivedAt) {
      this.#waitingAt(generation, topic, partition, record.offset, 'delay');
      return this.#hold(topic, partition, record.offset, timestamp + delay - receivedAt, generation);
    }

    const key = tpKey(topic, partition);
    const state = this.#retries.get(key);
    const retry = state?.offset === record.offset ? state : undefined;
    const headers = headersAsText(record.headers);
    const base: ConsumerEventBase = {
      subscription: this.#spec.name,
      groupId: this.#spec.groupId,
      consumerId: this.consumerId,
      topic,
      partition,
      offset: record.offset,
      messageTimestamp: timestamp,
      key: record.key === null ? null : record.key.toString('utf8'),
      headers,
    };

    if (retry?.pendingForward) return this.#forward(base, record, retry.pendingForward, generation);
    this.#waitingAt(generation, topic, partition, record.offset, 'handler');

    const hopAttempt = retry?.attempt ?? 1;
    const attempt = previousAttempts(record.headers) + hopAttempt;

    let decoded: DecodedMessage;
    try {
      // The headers already decoded to text above: the decoder reads several, each only once.
      decoded = decodeRecord(
        { value: record.value, headers, timestamp: record.timestamp, coordinates: `${topic}/${partition}/${record.offset}` },
        this.#types,
      );
    } catch (err) {
      const error = err instanceof Error ? err : new DecodeError('invalid-json', String(err), err);
      this.#emitReceived(base, receivedAt);
      this.#emit('consumer.failed', () => ({ ...base, error, processingDurationMs: 0, retryAttempt: attempt, willRetry: false }));
      return this.#exhausted(base, record, error, 'poison', attempt, generation);
    }
    base.message = decoded.message;
    base.messageType = decoded.descriptor.type;
    this.#emitReceived(base, receivedAt);

    const context: MessageContext = {
      topic,
      partition,
      offset: record.offset,
      key: base.key,
      timestamp,
      receivedAt,
      lagMs: Math.max(0, receivedAt - timestamp),
      headers,
      groupId: this.#spec.groupId,
      consumerId: this.consumerId,
      attempt,
      format: decoded.format,
      ...(decoded.cloudEvent ? { cloudEvent: decoded.cloudEvent } : {}),
      signal: this.#abort.signal,
    };

    const started = performance.now();
    const settle = (error: Error | undefined): Promise<Outcome> | Outcome => {
      const processingDurationMs = performance.now() - started;
      if (!error) {
        if (retry) this.#retries.delete(key);
        this.#progress.done(topic, partition);
        this.#emit('consumer.processed', () => ({ ...base, processingDurationMs, retryAttempt: attempt }));
        return 'done';
      }
      return this.#failed(base, record, error, { hopAttempt, attempt, processingDurationMs, generation });
    };
    return this.#invoke(decoded.message as M, context, `${decoded.descriptor.name} ${decoded.message.id}`, settle);
  }

  /**
   * Runs the handler and then `settle` (outcome events, retry, dead-lettering)
   * inside the interceptors and the message context, so a tracing span covers
   * the record's whole outcome and the outcome events fire within it. An
   * interceptor that throws or skips `next()` never loses the record: it is
   * settled as a failed attempt.
   */
  async #invoke(
    message: M,
    context: MessageContext,
    what: string,
    settle: (error: Error | undefined) => Promise<Outcome> | Outcome,
  ): Promise<Outcome> {
    const asError = (err: unknown) => (err instanceof Error ? err : new KsdkError('KSDK_HANDLER', String(err), { cause: err, retriable: true }));
    let outcome: Promise<Outcome> | Outcome | undefined;
    const handle = async (): Promise<boolean> => {
      let error: Error | undefined;
      try {
        const ok = (await this.#handler.handle(message, context)) === true;
        if (!ok) error = new KsdkError('KSDK_HANDLER', `handler returned false for ${what}`, { retriable: true });
      } catch (err) {
        error = asError(err);
      }
      outcome = settle(error);
      await outcome;
      return error === undefined;
    };
    let next = handle;
    for (let i = this.#interceptors.length - 1; i >= 0; i--) {
      const interceptor = this.#interceptors[i] as ProcessInterceptor;
      const inner = next;
      next = () => interceptor(context, inner);
    }
    try {
      await messageContextStorage.run(context, next);
    } catch (err) {
      if (outcome === undefined) return settle(asError(err));
    }
    return outcome ?? settle(new KsdkError('KSDK_HANDLER', `an interceptor did not call next() for ${what}`, { retriable: true }));
  }

  async #failed(
    base: ConsumerEventBase,
    record: KafkaMessage,
    error: Error,
    at: { hopAttempt: number; attempt: number; processingDurationMs: number; generation: number },
  ): Promise<Outcome> {
    const { generation } = at;
    const policy: RetryPolicy = this.#spec.retry ?? { mode: 'in-process' };
    const retriable = (error as { retriable?: unknown }).retriable !== false;
    const emitFailed = (willRetry: boolean) =>
      this.#emit('consumer.failed', () => ({ ...base, error, processingDurationMs: at.processingDurationMs, retryAttempt: at.attempt, willRetry }));
    const retryAfter = (ms: number): Outcome => {
      this.#retries.set(tpKey(base.topic, base.partition), { offset: base.offset, attempt: at.hopAttempt + 1 });
      this.#waitingAt(generation, base.topic, base.partition, base.offset, 'retry', boundText(`attempt ${at.attempt} failed, retrying: ${error.message}`, 512));
      return this.#hold(base.topic, base.partition, base.offset, ms, generation);
    };

    switch (policy.mode) {
      case 'in-process': {
        const willRetry = retriable && at.hopAttempt < (policy.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
        emitFailed(willRetry);
        if (willRetry) return retryAfter(backoffMs(policy, at.hopAttempt, this.#options.random));
        return this.#exhausted(base, record, error, retriable ? 'exhausted' : 'non-retriable', at.attempt, generation);
      }
      case 'none':
        emitFailed(false);
        return this.#exhausted(base, record, error, retriable ? 'exhausted' : 'non-retriable', at.attempt, generation);
      case 'topic-chain': {
        const last = policy.nextTopic === this.#spec.deadLetterTopic;
        emitFailed(!last && retriable);
        if (!retriable || last) return this.#exhausted(base, record, error, retriable ? 'exhausted' : 'non-retriable', at.attempt, generation);
        return this.#forward(base, record, { topic: policy.nextTopic, kind: 'forward', error, reason: 'exhausted', attempts: at.attempt }, generation);
      }
      case 'custom': {
        const decision = await policy.decide({ error, attempt: at.attempt, topic: base.topic, partition: base.partition, offset: base.offset });
        emitFailed(decision.action === 'retry');
        switch (decision.action) {
          case 'retry':
            return retryAfter(decision.afterMs);
          case 'dead-letter':
            return this.#exhausted(base, record, error, 'decided', at.attempt, generation);
          case 'skip':
            this.#progress.done(base.topic, base.partition);
            this.#emit('consumer.skipped', () => ({ ...base, error, totalAttempts: at.attempt }));
            return 'done';
          case 'stop':
            return this.#stopWith(base, new KsdkError('KSDK_STOPPED', `subscription ${this.#spec.name} stopped by its failure handler at ${base.topic}/${base.partition}@${base.offset}`, { cause: error }));
        }
      }
    }
  }

  /** Retries are over (or the record is poison): dead-letter, skip or stop as configured. */
  #exhausted(base: ConsumerEventBase, record: KafkaMessage, error: Error, reason: DeadLetterReason, attempts: number, generation: number): Promise<Outcome> | Outcome {
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

  /**
   * Publishes the record to a retry topic or the DLT and awaits the broker's ack.
   * A write that may succeed later holds the partition and is tried again; one
   * the broker refuses for good is handled by #forwardRefused. Once stop() has
   * begun the write is no longer awaited: the record stays uncommitted.
   */
  async #forward(base: ConsumerEventBase, record: KafkaMessage, pending: PendingForward, generation: number): Promise<Outcome> {
    const { topic: target, kind, error, reason, attempts, refusal } = pending;
    const headers = failureHeaders(record.headers, {
      topic: base.topic,
      partition: base.partition,
      offset: base.offset,
      timestamp: record.timestamp,
      groupId: this.#spec.groupId,
      error,
      attempts,
      failedAt: this.#now(),
      reason: error instanceof DecodeError ? `poison:${error.reason}` : error instanceof ValidationError ? 'poison:schema' : reason,
    });
    const fallback = refusal === undefined ? undefined : fallbackCopy(record, headers, refusal);
    try {
      await untilAborted(this.#forwarder.forward(target, fallback ?? { key: record.key, value: record.value, headers }), this.#stopped.signal);
    } catch (err) {
      if (this.#stopped.signal.aborted) return 'held';
      const failure = classifyForwardFailure(err);
      if (failure.kind === 'refused') return this.#forwardRefused(base, record, pending, failure.description, err, generation);
      const message = `could not write ${base.topic}/${base.partition}@${base.offset} to "${target}"${fallback ? ' (fallback copy)' : ''}; the offset stays uncommitted and the write is retried: ${failure.description}`;
      this.#lastError = new KsdkError('KSDK_DEAD_LETTER', message, { cause: err, retriable: true });
      this.#retries.set(tpKey(base.topic, base.partition), { offset: base.offset, attempt: attempts, pendingForward: pending });
      this.#waitingAt(generation, base.topic, base.partition, base.offset, 'dead-letter', message);
      return this.#hold(base.topic, base.partition, base.offset, this.#options.deadLetterRetryMs ?? 1000, generation);
    }
    this.#retries.delete(tpKey(base.topic, base.partition));
    this.#progress.done(base.topic, base.partition);
    if (kind === 'dead-letter') {
      this.#emit('consumer.dead_lettered', () => ({
        ...base,
        error,
        deadLetterTopic: target,
        totalAttempts: attempts,
        reason,
        ...(fallback ? { dropped: fallback.dropped } : {}),
      }));
    } else {
      this.#emit('consumer.forwarded', () => ({ ...base, error, nextTopic: target, retryAttempt: attempts }));
    }
    return 'done';
  }

  /**
   * The broker refuses the write for good (too large for the topic, an invalid
   * record): trying it again would hold the partition for ever. A retry-topic hop
   * becomes a dead-letter; a full dead-letter copy becomes the fallback copy
   * (no value, see `fallbackCopy`) unless `onDeadLetterRefused` is `stop`; a
   * refused fallback copy stops the subscription, the offset uncommitted.
   */
  #forwardRefused(base: ConsumerEventBase, record: KafkaMessage, pending: PendingForward, refusal: string, cause: unknown, generation: number): Promise<Outcome> | Outcome {
    const dlt = this.#spec.deadLetterTopic;
    if (pending.kind === 'forward' && dlt !== undefined && dlt !== pending.topic) {
      return this.#forward(base, record, { ...pending, topic: dlt, kind: 'dead-letter' }, generation);
    }
    const stop = (this.#spec.onDeadLetterRefused ?? 'drop-value') === 'stop';
    if (pending.refusal === undefined && !stop) return this.#forward(base, record, { ...pending, kind: 'dead-letter', refusal }, generation);
    const why = pending.refusal === undefined ? 'and onDeadLetterRefused is "stop"' : 'even the fallback copy without its value';
    return this.#stopWith(
      base,
      new KsdkError(
        'KSDK_DEAD_LETTER',
        `subscription ${this.#spec.name} stopped at ${base.topic}/${base.partition}@${base.offset} (not committed): topic "${pending.topic}" refuses the dead-letter copy for good ${why}: ${refusal}`,
        { cause },
      ),
    );
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

  #emit<K extends 'consumer.received' | 'consumer.processed' | 'consumer.failed' | 'consumer.dead_lettered' | 'consumer.forwarded' | 'consumer.skipped'>(
    type: K,
    build: () => import('../observability/RuntimeEvents.js').RuntimeEventMap[K],
  ): void {
    if (this.#events?.has(type)) this.#events.emit(type, build());
  }
}
