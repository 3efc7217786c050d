import { KsdkError } from '../../errors/KsdkError.js';
import type { RuntimeEvents } from '../../observability/RuntimeEvents.js';
import type { ClientFactory } from '../../transport/ClientFactory.js';
import type { TransportAdmin } from '../../transport/TransportAdmin.js';
import type { OutputCommitter } from '../processing/OutputCommitter.js';
import type { StreamTask } from '../processing/StreamTask.js';
import type { TaskAssignment } from '../processing/TaskAssignment.js';
import { readChangelog } from './ChangelogReader.js';
import type { WindowStore } from './WindowStore.js';

export interface TaskRestorerOptions {
  applicationId: string;
  factory: ClientFactory;
  admin: TransportAdmin;
  committer: OutputCommitter;
  clientId?: string | undefined;
  restoreTimeoutMs: number;
  events: RuntimeEvents | undefined;
}

/**
 * Makes tasks ready to process: fences earlier owners (exactly-once), reads the
 * committed offsets, and rebuilds each task's window stores from its changelog
 * partitions, stream time included.
 */
export class TaskRestorer {
  readonly #o: TaskRestorerOptions;
  #preparing: Promise<void> | undefined;
  #closed = false;

  constructor(options: TaskRestorerOptions) {
    this.#o = options;
  }

  /** The run is over: preparations from now on fail. */
  close(): void {
    this.#closed = true;
  }

  /** Prepares every assigned task that is not ready, in one go; concurrent batches share one preparation. */
  prepareAssigned(assignment: TaskAssignment, heartbeat: () => Promise<void>): Promise<void> {
    this.#preparing ??= (async () => {
      const generation = assignment.generation;
      await this.prepare(assignment.unready(), generation, heartbeat);
    })().finally(() => {
      this.#preparing = undefined;
    });
    return this.#preparing;
  }

  async prepare(tasks: readonly StreamTask[], generation: number, heartbeat: () => Promise<void>): Promise<void> {
    if (tasks.length === 0) return;
    if (this.#closed) throw new KsdkError('KSDK_STOPPED', `stream app ${this.#o.applicationId} is not running`);
    const { admin, committer, applicationId } = this.#o;
    for (const task of tasks) task.restoring = true;
    const beat = () => void heartbeat().catch(() => undefined);
    try {
      await committer.prepare(tasks);
      // After fencing, the committed offsets are final: a zombie's transaction is either committed or aborted.
      for (const topic of new Set(tasks.map((t) => t.topic))) {
        const [result] = await admin.fetchOffsets({ groupId: applicationId, topics: [topic] });
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
    const { admin, factory, clientId, applicationId, restoreTimeoutMs, events } = this.#o;
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
          factory,
          admin,
          ...(clientId === undefined ? {} : { clientId }),
          groupPrefix: `${applicationId}-restore`,
          timeoutMs: restoreTimeoutMs,
          heartbeat,
        },
      );
      for (const task of owners) {
        const store = aggregation.createStore();
        const entries = changelog.get(task.partition) ?? [];
        for (const e of entries) store.restore(e.key, e.value, `${aggregation.changelog.name}/${task.partition}@${e.offset}`);
        stores.get(task)!.set(aggregation, store);
        if (events?.has('stream.state-restored')) {
          events.emit('stream.state-restored', {
            application: applicationId,
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
}
