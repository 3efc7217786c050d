import { KsdkError } from '../errors/KsdkError.js';
import { rejectRenamed } from '../errors/rejectRenamed.js';
import { DefaultClientFactory } from '../kafka/KafkajsClientFactory.js';
import type { ClientFactory } from '../transport/ClientFactory.js';
import type { WorkerComponent } from '../worker/Worker.js';
import type { DslContext } from './dsl/DslContext.js';
import { dslContext } from './dsl/KStreamImpl.js';
import type { KStream } from './KStream.js';
import type { StreamEnvironment } from './processing/ProcessingContext.js';
import { routineErrorLogFilter } from './processing/routineErrorLogFilter.js';
import type { StreamCounters } from './processing/StreamCounters.js';
import { StreamRunner, type StreamRunnerHost } from './processing/StreamRunner.js';
import type { ProcessingGuarantee, StreamAppOptions } from './StreamAppOptions.js';
import type { StreamAppState, StreamAppStatus } from './StreamAppStatus.js';
import type { StreamOptions, TimestampExtractor } from './TimestampExtractor.js';
import type { TopicDescriptor, TopicMessage } from './TopicDescriptor.js';
import { Topology } from './topology/Topology.js';

export type { StreamAppState, StreamAppStatus, StreamTaskStatus } from './StreamAppStatus.js';

const DEFAULT_MAX_RECORDS_PER_COMMIT = 100;
/** Kafka Streams' default `repartition.purge.interval.ms`. */
const DEFAULT_REPARTITION_PURGE_INTERVAL_MS = 30_000;

/**
 * A stream processing application, in the manner of a Kafka Streams app: build
 * its topology with `stream(topic)` and the operators, then `start()` it. Every
 * instance started with the same `applicationId` shares the work: partitions
 * are spread over the instances by the consumer group, and each partition's
 * state follows it through its changelog topic.
 *
 * It is a worker component (`start`, `stop`, `status`), so a `Worker` can run
 * it next to subscriptions and stop it gracefully on SIGTERM: the chunk in hand
 * is finished and committed, then the clients disconnect.
 *
 * Constructing an app opens no connection. This class is the builder and the
 * lifecycle; a `StreamRunner` does the work of each start (task assignment,
 * restore, batch loop).
 */
export class StreamApp implements WorkerComponent {
  readonly applicationId: string;
  readonly #options: StreamAppOptions;
  readonly #topology: Topology;
  readonly #dsl: DslContext;
  readonly #factory: ClientFactory;
  readonly #maxRecordsPerCommit: number;
  readonly #repartitionPurgeIntervalMs: number;
  readonly #counters: StreamCounters = { processed: 0, repartitioned: 0, late: 0, skipped: 0, dropped: 0 };
  readonly #env: StreamEnvironment;
  #state: StreamAppState = 'idle';
  #runner: StreamRunner | undefined;
  #failing = false;
  #lastError: Error | undefined;
  #stopping: Promise<void> | undefined;

  constructor(options: StreamAppOptions) {
    this.#options = options;
    this.applicationId = options.applicationId;
    rejectRenamed(`stream app ${options.applicationId}`, options, { format: '`wireFormat` (as for producers)', partitionsConsumedConcurrently: '`concurrency` (as for subscriptions)' });
    this.#topology = new Topology(options.applicationId);
    this.#dsl = dslContext(this.#topology);
    this.#factory =
      options.factory ??
      new DefaultClientFactory(options.kafka?.logCreator ? options : { ...options, kafka: { ...options.kafka, logCreator: routineErrorLogFilter } });
    const max = options.maxRecordsPerCommit ?? DEFAULT_MAX_RECORDS_PER_COMMIT;
    if (!Number.isInteger(max) || max < 1) throw new KsdkError('KSDK_CONFIG', `maxRecordsPerCommit must be a positive integer, got ${max}`);
    this.#maxRecordsPerCommit = max;
    const purge = options.repartitionPurgeIntervalMs ?? DEFAULT_REPARTITION_PURGE_INTERVAL_MS;
    if (purge !== Infinity && (!Number.isInteger(purge) || purge < 1)) {
      throw new KsdkError('KSDK_CONFIG', `repartitionPurgeIntervalMs must be a positive integer (ms) or Infinity, got ${purge}`);
    }
    this.#repartitionPurgeIntervalMs = purge;
    this.#env = {
      applicationId: options.applicationId,
      wireFormat: options.wireFormat ?? 'structured',
      source: options.source ?? `urn:ksdk:streams:${options.applicationId}`,
      events: options.events,
      now: options.now ?? Date.now,
      counters: this.#counters,
    };
  }

  get guarantee(): ProcessingGuarantee {
    return this.#options.guarantee ?? 'at-least-once';
  }

  /**
   * A stream of the messages of `topic` (a generated topic registry entry), with
   * event time from `options.timestamp` (default: the record timestamp).
   */
  stream<Top extends TopicDescriptor>(topic: Top, options: StreamOptions<TopicMessage<Top>> = {}): KStream<TopicMessage<Top>> {
    const root = this.#topology.source(topic, options.timestamp as TimestampExtractor<unknown> | undefined);
    return this.#dsl.stream<TopicMessage<Top>>(root, root);
  }

  /**
   * Creates missing internal topics, joins the app's consumer group and starts
   * processing. Resolves once consuming has started; state restores happen as
   * partitions are assigned.
   */
  async start(): Promise<void> {
    if (this.#state !== 'idle' && this.#state !== 'stopped') throw new KsdkError('KSDK_CONFIG', `stream app ${this.applicationId} is ${this.#state}`);
    if (this.#topology.roots.size === 0) throw new KsdkError('KSDK_CONFIG', `stream app ${this.applicationId} has no streams: call stream(topic) before start()`);
    this.#state = 'starting';
    this.#failing = false;
    this.#lastError = undefined;
    this.#topology.freeze();
    const runner = new StreamRunner({
      options: this.#options,
      topology: this.#topology,
      factory: this.#factory,
      env: this.#env,
      guarantee: this.guarantee,
      maxRecordsPerCommit: this.#maxRecordsPerCommit,
      repartitionPurgeIntervalMs: this.#repartitionPurgeIntervalMs,
    });
    this.#runner = runner;
    const host: StreamRunnerHost = {
      isRunning: () => this.#state === 'running' && !this.#failing,
      isFailing: () => this.#failing,
      noteError: (error) => {
        this.#lastError = error;
      },
      fail: (error) => this.#fail(error),
      consuming: () => {
        this.#state = 'running';
      },
    };
    try {
      await runner.start(host);
    } catch (err) {
      this.#lastError = err instanceof Error ? err : new Error(String(err));
      await this.#shutdown();
      this.#state = 'failed';
      if (err instanceof KsdkError) throw err;
      throw new KsdkError('KSDK_CONFIG', `stream app ${this.applicationId} could not start: ${this.#lastError.message}`, { cause: err });
    }
  }

  /** Graceful stop: finish and commit the chunk in hand, leave the group, disconnect. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      if (this.#state === 'idle') {
        this.#state = 'stopped';
        return;
      }
      if (this.#state !== 'failed') this.#state = 'stopping';
      await this.#shutdown();
      if (this.#state !== 'failed') this.#state = 'stopped';
    })().finally(() => {
      this.#stopping = undefined;
    });
    return this.#stopping;
  }

  async #shutdown(): Promise<void> {
    const runner = this.#runner;
    await runner?.shutdown();
    if (this.#runner === runner) this.#runner = undefined;
  }

  status(): StreamAppStatus {
    const status: StreamAppStatus = {
      name: this.applicationId,
      applicationId: this.applicationId,
      guarantee: this.guarantee,
      state: this.#state,
      healthy: this.#state === 'running' && !this.#failing,
      tasks: this.#runner?.statuses() ?? [],
      processedRecords: this.#counters.processed,
      repartitionRecords: this.#counters.repartitioned,
      lateRecords: this.#counters.late,
      skippedRecords: this.#counters.skipped,
      droppedRecords: this.#counters.dropped,
    };
    if (this.#lastError) status.lastError = this.#lastError;
    return status;
  }

  /** Stops the app because of an error; safe to call from inside a batch (the stop waits for the batch). */
  #fail(error: Error): void {
    if (this.#failing) return;
    this.#failing = true;
    this.#lastError = error;
    setImmediate(() => {
      void (async () => {
        this.#state = 'failed';
        await this.#shutdown();
        this.#options.onError?.(error);
      })();
    });
  }
}
