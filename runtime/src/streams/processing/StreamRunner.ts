import type { Admin, Consumer } from 'kafkajs';
import type { ClientFactory } from '../../kafka/ClientFactory.js';
import type { StreamTaskStatus } from '../StreamAppStatus.js';
import type { ProcessingGuarantee, StreamAppOptions } from '../StreamAppOptions.js';
import { TaskRestorer } from '../state/TaskRestorer.js';
import type { Topology } from '../topology/Topology.js';
import { AtLeastOnceCommitter } from './AtLeastOnceCommitter.js';
import { BatchLoop, type BatchLoopHost } from './BatchLoop.js';
import { ensureStreamTopics } from './ensureStreamTopics.js';
import { ExactlyOnceCommitter } from './ExactlyOnceCommitter.js';
import type { OutputCommitter } from './OutputCommitter.js';
import type { StreamEnvironment } from './ProcessingContext.js';
import { TaskAssignment } from './TaskAssignment.js';

export interface StreamRunnerOptions {
  options: StreamAppOptions;
  topology: Topology;
  factory: ClientFactory;
  env: StreamEnvironment;
  guarantee: ProcessingGuarantee;
  maxRecordsPerCommit: number;
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
  #admin: Admin | undefined;
  #consumer: Consumer | undefined;
  #committer: OutputCommitter | undefined;
  #restorer: TaskRestorer | undefined;
  #loop: BatchLoop | undefined;

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
    const consumer = factory.createConsumer({
      groupId: applicationId,
      clientId: options.clientId,
      readUncommitted: false,
      maxWaitTimeInMs: options.maxWaitTimeMs ?? 500,
      allowAutoTopicCreation: false,
      ...(options.sessionTimeoutMs === undefined ? {} : { sessionTimeout: options.sessionTimeoutMs }),
      ...(options.heartbeatIntervalMs === undefined ? {} : { heartbeatInterval: options.heartbeatIntervalMs }),
      ...(options.rebalanceTimeoutMs === undefined ? {} : { rebalanceTimeout: options.rebalanceTimeoutMs }),
    });
    this.#consumer = consumer;
    const committer =
      guarantee === 'exactly-once'
        ? new ExactlyOnceCommitter(factory, options.clientId, applicationId, options.transactionTimeoutMs ?? 60_000)
        : new AtLeastOnceCommitter(factory, options.clientId);
    this.#committer = committer;
    const assignment = this.#assignment;
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
    const loop = new BatchLoop({
      applicationId,
      env,
      maxRecordsPerCommit: this.#o.maxRecordsPerCommit,
      retryBackoffMs: options.retryBackoffMs ?? 1000,
      consumer,
      committer,
      assignment,
      restorer,
      host,
    });
    this.#loop = loop;
    const { GROUP_JOIN, REBALANCING, CRASH } = consumer.events;
    // A new generation: in-flight batches stop at the next chunk boundary and every task is made ready again.
    consumer.on(REBALANCING, () => assignment.generation++);
    consumer.on(GROUP_JOIN, ({ payload }) => {
      for (const task of assignment.assign(payload.memberAssignment as Record<string, number[]>)) void committer.release(task);
    });
    consumer.on(CRASH, ({ payload }) => {
      host.noteError(payload.error);
      if (!payload.restart) host.fail(payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...topology.roots.keys()], fromBeginning: true });
    host.consuming();
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => loop.eachBatch(payload),
    });
  }

  /** Finishes the batch in hand (the consumer waits for it), leaves the group, disconnects everything. */
  async shutdown(): Promise<void> {
    this.#loop?.close();
    this.#restorer?.close();
    const consumer = this.#consumer;
    const committer = this.#committer;
    const admin = this.#admin;
    this.#consumer = undefined;
    this.#committer = undefined;
    this.#admin = undefined;
    await consumer?.disconnect().catch(() => undefined);
    await committer?.close().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
  }

  /** The tasks this instance owns now. */
  statuses(): StreamTaskStatus[] {
    return this.#assignment.statuses();
  }
}
