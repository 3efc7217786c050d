import type { Admin, Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { KsdkError } from '../errors/KsdkError.js';
import { DefaultClientFactory, type ClientFactory } from '../kafka/ClientFactory.js';
import type { ComponentStatus, WorkerComponent } from '../worker/Worker.js';
import { KStreamImpl, type KStream } from './KStream.js';
import { AtLeastOnceCommitter } from './processing/AtLeastOnceCommitter.js';
import { ensureStreamTopics } from './processing/ensureStreamTopics.js';
import { ExactlyOnceCommitter } from './processing/ExactlyOnceCommitter.js';
import type { OutputCommitter } from './processing/OutputCommitter.js';
import type { StreamEnvironment } from './processing/ProcessingContext.js';
import type { StreamCounters } from './processing/StreamCounters.js';
import { StreamTask } from './processing/StreamTask.js';
import { routineErrorLogFilter } from './processing/routineErrorLogFilter.js';
import { readChangelog } from './state/ChangelogReader.js';
import type { WindowStore } from './state/WindowStore.js';
import type { ProcessingGuarantee, StreamAppOptions } from './StreamAppOptions.js';
import type { StreamOptions, TimestampExtractor } from './TimestampExtractor.js';
import type { TopicDescriptor, TopicMessage } from './TopicDescriptor.js';
import { RepartitionSourceNode } from './topology/RepartitionSourceNode.js';
import { Topology } from './topology/Topology.js';

export type StreamAppState = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

export interface StreamTaskStatus {
  topic: string;
  partition: number;
  state: 'restoring' | 'running';
  /** Live windows (or sessions) in this task's state. */
  windows: number;
}

export interface StreamAppStatus extends ComponentStatus {
  applicationId: string;
  guarantee: ProcessingGuarantee;
  state: StreamAppState;
  /** The partitions this instance owns now. */
  tasks: StreamTaskStatus[];
  /** Records of the app's input topics processed and committed. */
  processedRecords: number;
  /** Records of its internal repartition topics processed and committed (the second hop of a `groupBy`). */
  repartitionRecords: number;
  /** Records an aggregation dropped as late (each counted once, whatever the number of windows). */
  lateRecords: number;
  /** Records skipped: poison, invalid event time, null group key. */
  skippedRecords: number;
  /** Kafka Streams' `dropped-records-total`: skipped records plus one per window a record was late for. */
  droppedRecords: number;
}

const DEFAULT_MAX_RECORDS_PER_COMMIT = 100;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
 * Constructing an app opens no connection.
 */
export class StreamApp implements WorkerComponent {
  readonly applicationId: string;
  readonly #options: StreamAppOptions;
  readonly #topology: Topology;
  readonly #factory: ClientFactory;
  readonly #counters: StreamCounters = { processed: 0, repartitioned: 0, late: 0, skipped: 0, dropped: 0 };
  readonly #env: StreamEnvironment;
  readonly #tasks = new Map<string, StreamTask>();
  #state: StreamAppState = 'idle';
  #consumer: Consumer | undefined;
  #admin: Admin | undefined;
  #committer: OutputCommitter | undefined;
  #generation = 0;
  #assignment: Array<{ topic: string; partition: number }> = [];
  #preparing: Promise<void> | undefined;
  #failing = false;
  #lastError: Error | undefined;
  #stopping: Promise<void> | undefined;

  constructor(options: StreamAppOptions) {
    this.#options = options;
    this.applicationId = options.applicationId;
    this.#topology = new Topology(options.applicationId);
    this.#factory =
      options.factory ??
      new DefaultClientFactory(options.kafka?.logCreator ? options : { ...options, kafka: { ...options.kafka, logCreator: routineErrorLogFilter } });
    const max = options.maxRecordsPerCommit ?? DEFAULT_MAX_RECORDS_PER_COMMIT;
    if (!Number.isInteger(max) || max < 1) throw new KsdkError('KSDK_CONFIG', `maxRecordsPerCommit must be a positive integer, got ${max}`);
    this.#env = {
      applicationId: options.applicationId,
      format: options.format ?? 'structured',
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
    return new KStreamImpl<TopicMessage<Top>>(this.#topology, root, root);
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
    try {
      const admin = this.#factory.createAdmin();
      this.#admin = admin;
      await admin.connect();
      await ensureStreamTopics(admin, this.#topology, this.#options.replicationFactor === undefined ? {} : { replicationFactor: this.#options.replicationFactor });
      const consumer = this.#factory.createConsumer({
        groupId: this.applicationId,
        clientId: this.#options.clientId,
        readUncommitted: false,
        maxWaitTimeInMs: this.#options.maxWaitTimeMs ?? 500,
        allowAutoTopicCreation: false,
        ...(this.#options.sessionTimeoutMs === undefined ? {} : { sessionTimeout: this.#options.sessionTimeoutMs }),
        ...(this.#options.heartbeatIntervalMs === undefined ? {} : { heartbeatInterval: this.#options.heartbeatIntervalMs }),
        ...(this.#options.rebalanceTimeoutMs === undefined ? {} : { rebalanceTimeout: this.#options.rebalanceTimeoutMs }),
      });
      this.#consumer = consumer;
      this.#committer =
        this.guarantee === 'exactly-once'
          ? new ExactlyOnceCommitter(this.#factory, this.#options.clientId, this.applicationId, this.#options.transactionTimeoutMs ?? 60_000)
          : new AtLeastOnceCommitter(this.#factory, this.#options.clientId);
      const { GROUP_JOIN, REBALANCING, CRASH } = consumer.events;
      // A new generation: in-flight batches stop at the next chunk boundary and every task is made ready again.
      consumer.on(REBALANCING, () => this.#generation++);
      consumer.on(GROUP_JOIN, ({ payload }) => this.#assigned(payload.memberAssignment as Record<string, number[]>));
      consumer.on(CRASH, ({ payload }) => {
        this.#lastError = payload.error;
        if (!payload.restart) this.#fail(payload.error);
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [...this.#topology.roots.keys()], fromBeginning: true });
      // Running before run(): the first batch may arrive before run() resolves.
      this.#state = 'running';
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.#options.partitionsConsumedConcurrently ?? 1,
        eachBatch: (payload) => this.#eachBatch(payload),
      });
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
    const consumer = this.#consumer;
    const committer = this.#committer;
    const admin = this.#admin;
    this.#consumer = undefined;
    this.#committer = undefined;
    this.#admin = undefined;
    await consumer?.disconnect().catch(() => undefined);
    await committer?.close().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
    this.#tasks.clear();
    this.#assignment = [];
  }

  status(): StreamAppStatus {
    const assigned = new Set(this.#assignment.map((a) => `${a.topic}-${a.partition}`));
    const tasks: StreamTaskStatus[] = [];
    for (const task of this.#tasks.values()) {
      if (!assigned.has(task.id)) continue;
      tasks.push({ topic: task.topic, partition: task.partition, state: task.restoring ? 'restoring' : 'running', windows: task.windows });
    }
    const status: StreamAppStatus = {
      name: this.applicationId,
      applicationId: this.applicationId,
      guarantee: this.guarantee,
      state: this.#state,
      healthy: this.#state === 'running' && !this.#failing,
      tasks,
      processedRecords: this.#counters.processed,
      repartitionRecords: this.#counters.repartitioned,
      lateRecords: this.#counters.late,
      skippedRecords: this.#counters.skipped,
      droppedRecords: this.#counters.dropped,
    };
    if (this.#lastError) status.lastError = this.#lastError;
    return status;
  }

  #assigned(assignment: Record<string, number[]>): void {
    this.#generation++;
    this.#assignment = Object.entries(assignment).flatMap(([topic, partitions]) => partitions.map((partition) => ({ topic, partition })));
    const kept = new Set(this.#assignment.map((a) => `${a.topic}-${a.partition}`));
    for (const [id, task] of this.#tasks) {
      if (kept.has(id)) continue;
      this.#tasks.delete(id);
      void this.#committer?.release(task);
    }
  }

  #task(topic: string, partition: number): StreamTask {
    const id = `${topic}-${partition}`;
    let task = this.#tasks.get(id);
    if (!task) {
      const root = this.#topology.roots.get(topic);
      if (!root) throw new Error(`no stream reads topic ${topic}`);
      task = new StreamTask(topic, partition, root, this.#topology.aggregationsOf(root));
      this.#tasks.set(id, task);
    }
    return task;
  }

  #ready(task: StreamTask): boolean {
    return task.readyGeneration === this.#generation && !task.invalid;
  }

  /**
   * Makes every assigned task that is not ready for this generation ready, in
   * one go: fence (exactly-once), read committed offsets, restore state.
   * Concurrent batches share one preparation.
   */
  async #prepareAssigned(heartbeat: () => Promise<void>): Promise<void> {
    this.#preparing ??= (async () => {
      const generation = this.#generation;
      const tasks = this.#assignment.map(({ topic, partition }) => this.#task(topic, partition)).filter((t) => !this.#ready(t));
      await this.#prepare(tasks, generation, heartbeat);
    })().finally(() => {
      this.#preparing = undefined;
    });
    return this.#preparing;
  }

  async #prepare(tasks: readonly StreamTask[], generation: number, heartbeat: () => Promise<void>): Promise<void> {
    if (tasks.length === 0) return;
    const admin = this.#admin;
    const committer = this.#committer;
    if (!admin || !committer) throw new KsdkError('KSDK_STOPPED', `stream app ${this.applicationId} is not running`);
    for (const task of tasks) task.restoring = true;
    const beat = () => void heartbeat().catch(() => undefined);
    try {
      await committer.prepare(tasks);
      // After fencing, the committed offsets are final: a zombie's transaction is either committed or aborted.
      for (const topic of new Set(tasks.map((t) => t.topic))) {
        const [result] = await admin.fetchOffsets({ groupId: this.applicationId, topics: [topic] });
        for (const task of tasks.filter((t) => t.topic === topic)) {
          const committed = result?.partitions.find((p) => p.partition === task.partition)?.offset;
          task.position = committed !== undefined && Number(committed) >= 0 ? BigInt(committed) : undefined;
        }
      }
      beat();
      await this.#restore(tasks, beat);
      for (const task of tasks) {
        task.readyGeneration = generation;
        task.invalid = false;
      }
    } finally {
      for (const task of tasks) task.restoring = false;
    }
  }

  /** Rebuilds each task's window stores from its changelog partitions. */
  async #restore(tasks: readonly StreamTask[], heartbeat: () => void): Promise<void> {
    const admin = this.#admin!;
    const stores = new Map<StreamTask, Map<object, WindowStore<unknown>>>();
    for (const task of tasks) stores.set(task, new Map());
    const aggregations = new Set(tasks.flatMap((t) => t.aggregations));
    for (const aggregation of aggregations) {
      const owners = tasks.filter((t) => t.aggregations.includes(aggregation));
      const started = performance.now();
      const changelog = await readChangelog(
        aggregation.changelog.name,
        owners.map((t) => t.partition),
        {
          factory: this.#factory,
          admin,
          ...(this.#options.clientId === undefined ? {} : { clientId: this.#options.clientId }),
          groupPrefix: `${this.applicationId}-restore`,
          timeoutMs: this.#options.restoreTimeoutMs ?? 120_000,
          heartbeat,
        },
      );
      for (const task of owners) {
        const store = aggregation.createStore();
        const entries = changelog.get(task.partition) ?? [];
        for (const e of entries) store.restore(e.key, e.value, `${aggregation.changelog.name}/${task.partition}@${e.offset}`);
        stores.get(task)!.set(aggregation, store);
        const events = this.#env.events;
        if (events?.has('stream.state_restored')) {
          events.emit('stream.state_restored', {
            application: this.applicationId,
            aggregation: aggregation.name,
            changelogTopic: aggregation.changelog.name,
            partition: task.partition,
            records: entries.length,
            windows: store.size,
            durationMs: performance.now() - started,
          });
        }
      }
    }
    for (const [task, taskStores] of stores) task.setStores(taskStores);
  }

  async #eachBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    const consumer = this.#consumer;
    const committer = this.#committer;
    if (!consumer || !committer || this.#failing || batch.messages.length === 0) return;
    const generation = this.#generation;
    const alive = () => isRunning() && !isStale() && generation === this.#generation && !this.#failing && this.#state === 'running';
    const first = batch.messages[0]!.offset;
    // Rewinds the partition to `offset`: kafkajs re-fetches from there, so nothing after a failed chunk is skipped.
    const rewind = (offset: string) => {
      try {
        consumer.seek({ topic, partition, offset });
      } catch {
        // The partition was revoked meanwhile: its next owner starts from the committed offset anyway.
      }
    };
    const retryLater = async (error: unknown, offset: string) => {
      this.#lastError = error instanceof Error ? error : new Error(String(error));
      rewind(offset);
      await delay(this.#options.retryBackoffMs ?? 1000);
    };

    let task: StreamTask;
    try {
      task = this.#task(topic, partition);
      if (!this.#ready(task)) await this.#prepareAssigned(heartbeat);
      if (!this.#ready(task)) await this.#prepare([task], generation, heartbeat);
    } catch (err) {
      if (alive()) await retryLater(err, first);
      return;
    }
    if (!alive()) return;

    // Records below the committed offset are done: kafkajs may have read an older offset before the fence.
    const position = task.position;
    const records: KafkaMessage[] = position === undefined ? batch.messages : batch.messages.filter((m) => BigInt(m.offset) >= position);
    if (records.length === 0) {
      resolveOffset(batch.messages[batch.messages.length - 1]!.offset);
      return;
    }
    const max = this.#options.maxRecordsPerCommit ?? DEFAULT_MAX_RECORDS_PER_COMMIT;
    for (let i = 0; i < records.length; i += max) {
      if (!alive()) return;
      const chunk = records.slice(i, i + max);
      const start = chunk[0]!.offset;
      const last = chunk[chunk.length - 1]!.offset;
      let outbox;
      try {
        outbox = task.process(chunk, this.#env).outbox;
      } catch (err) {
        // A bug in the topology (an operator threw, a value fails its schema): stop, commit nothing of this chunk.
        task.invalid = true;
        rewind(start);
        this.#fail(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      const next = (BigInt(last) + 1n).toString();
      try {
        // With explicit offsets, kafkajs commits them at once (the name notwithstanding).
        await committer.commit(task, outbox, next, (offsets) => commitOffsetsIfNecessary(offsets));
      } catch (err) {
        // Kafka refused the chunk (or fenced us): state in memory is ahead of the changelog; restore and redo.
        task.invalid = true;
        await retryLater(new KsdkError('KSDK_PUBLISH', `stream app ${this.applicationId}: committing ${topic}/${partition}@${start}..${last} failed: ${(err as Error).message}`, { cause: err, retriable: true }), start);
        return;
      }
      task.position = BigInt(next);
      if (task.root instanceof RepartitionSourceNode) this.#counters.repartitioned += chunk.length;
      else this.#counters.processed += chunk.length;
      resolveOffset(last);
      try {
        await heartbeat();
      } catch {
        // The group is rebalancing: end this fetch round's batches here so kafkajs rejoins promptly.
        if (generation === this.#generation) this.#generation++;
        return;
      }
    }
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
