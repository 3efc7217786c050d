import { KsdkError } from '../../errors/KsdkError.js';
import { createGroupConsumer, startGroupConsumer } from '../../kafka/groupConsumer.js';
import type { ClientFactory } from '../../transport/ClientFactory.js';
import type { TransportAdmin } from '../../transport/TransportAdmin.js';
import type { TransportConsumer } from '../../transport/TransportConsumer.js';
import { TaskRestorer } from '../state/TaskRestorer.js';
import type { ProcessingGuarantee, StreamAppOptions } from '../StreamAppOptions.js';
import type { StreamTaskStatus } from '../StreamAppStatus.js';
import type { Topology } from '../topology/Topology.js';
import { AtLeastOnceCommitter } from './AtLeastOnceCommitter.js';
import { BatchLoop, type BatchLoopHost } from './BatchLoop.js';
import { ensureStreamTopics } from './ensureStreamTopics.js';
import { ExactlyOnceCommitter } from './ExactlyOnceCommitter.js';
import type { OutputCommitter } from './OutputCommitter.js';
import { RepartitionPurger } from './RepartitionPurger.js';
import type { StreamEnvironment } from './ProcessingContext.js';
import { TaskAssignment } from './TaskAssignment.js';

/** kafkajs's default `heartbeatInterval`. */
const KAFKAJS_HEARTBEAT_INTERVAL_MS = 3000;

export interface StreamRunnerOptions {
  options: StreamAppOptions;
  topology: Topology;
  factory: ClientFactory;
  env: StreamEnvironment;
  guarantee: ProcessingGuarantee;
  maxRecordsPerCommit: number;
  /** `Infinity`: never purge. */
  repartitionPurgeIntervalMs: number;
}

/** What a run needs of its app, besides what the batch loop needs. */
export interface StreamRunnerHost extends BatchLoopHost {
  /** Consuming is about to start: the first batch may arrive before `start()` resolves. */
  consuming(): void;
}

/**
 * One run of a stream app, from `start()` to `stop()`: its clients (admin,
 * consumer, committer's producers), its task assignment, restorer and batch loop.
 */
export class StreamRunner {
  readonly #o: StreamRunnerOptions;
  readonly #assignment: TaskAssignment;
  #admin: TransportAdmin | undefined;
  #consumer: TransportConsumer | undefined;
  #committer: OutputCommitter | undefined;
  #restorer: TaskRestorer | undefined;
  #loop: BatchLoop | undefined;
  #purger: RepartitionPurger | undefined;

  constructor(options: StreamRunnerOptions) {
    this.#o = options;
    this.#assignment = new TaskAssignment(options.topology);
  }

  /**
   * Creates missing internal topics, joins the app's consumer group and starts
   * consuming. Rejects when a step fails; the caller then shuts the run down.
   */
  async start(host: StreamRunnerHost): Promise<void> {
    const { options, topology, factory, env, guarantee } = this.#o;
    const applicationId = env.applicationId;
    const admin = factory.createAdmin();
    this.#admin = admin;
    await admin.connect();
    await ensureStreamTopics(admin, topology, options.replicationFactor === undefined ? {} : { replicationFactor: options.replicationFactor });
    const assignment = this.#assignment;
    const committer: OutputCommitter =
      guarantee === 'exactly-once'
        ? new ExactlyOnceCommitter(factory, options.clientId, applicationId, options.transactionTimeoutMs ?? 60_000)
        : new AtLeastOnceCommitter(factory, options.clientId);
    this.#committer = committer;
    const consumer = createGroupConsumer(factory, {
      groupId: applicationId,
      clientId: options.clientId,
      maxWaitTimeMs: options.maxWaitTimeMs ?? 500,
      sessionTimeoutMs: options.sessionTimeoutMs,
      heartbeatIntervalMs: options.heartbeatIntervalMs,
      rebalanceTimeoutMs: options.rebalanceTimeoutMs,
      // A new generation: in-flight batches stop at the next chunk boundary and every task is made ready again.
      onRebalancing: () => assignment.generation++,
      onAssigned: (partitions) => {
        for (const task of assignment.assign(partitions)) void committer.release(task);
      },
      onCrash: (error, restart) => {
        host.noteError(error);
        if (!restart) host.fail(error);
      },
    });
    this.#consumer = consumer;
    const restorer = new TaskRestorer({
      applicationId,
      factory,
      admin,
      committer,
      clientId: options.clientId,
      restoreTimeoutMs: options.restoreTimeoutMs ?? 120_000,
      events: env.events,
    });
    this.#restorer = restorer;
    const purger =
      this.#o.repartitionPurgeIntervalMs === Infinity
        ? undefined
        : new RepartitionPurger({
            admin,
            intervalMs: this.#o.repartitionPurgeIntervalMs,
            tasks: () => assignment.owned(),
            onError: (error) =>
              host.noteError(new KsdkError('KSDK_PUBLISH', `stream app ${applicationId}: purging committed repartition records failed (tried again in ${this.#o.repartitionPurgeIntervalMs} ms): ${error.message}`, { cause: error, retriable: true })),
          });
    this.#purger = purger;
    purger?.start();
    const loop = new BatchLoop({
      applicationId,
      env,
      guarantee,
      maxRecordsPerCommit: this.#o.maxRecordsPerCommit,
      retryBackoffMs: options.retryBackoffMs ?? 1000,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? KAFKAJS_HEARTBEAT_INTERVAL_MS,
      consumer,
      committer,
      assignment,
      restorer,
      host,
    });
    this.#loop = loop;
    await startGroupConsumer(consumer, {
      topics: [...topology.roots.keys()],
      fromBeginning: true,
      subscribed: () => host.consuming(),
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.concurrency ?? 1,
      eachBatch: (payload) => loop.eachBatch(payload),
    });
  }

  /** Finishes the batch in hand (the consumer waits for it), leaves the group, disconnects everything. */
  async shutdown(): Promise<void> {
    this.#loop?.close();
    this.#restorer?.close();
    const purging = this.#purger?.close();
    const consumer = this.#consumer;
    const committer = this.#committer;
    const admin = this.#admin;
    this.#consumer = undefined;
    this.#committer = undefined;
    this.#admin = undefined;
    this.#purger = undefined;
    await consumer?.disconnect().catch(() => undefined);
    await committer?.close().catch(() => undefined);
    await purging;
    await admin?.disconnect().catch(() => undefined);
  }

  /** The tasks this instance owns now. */
  statuses(): StreamTaskStatus[] {
    return this.#assignment.statuses();
  }
}
