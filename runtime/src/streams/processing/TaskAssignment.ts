import type { StreamTaskStatus } from '../StreamAppStatus.js';
import type { Topology } from '../topology/Topology.js';
import { StreamTask } from './StreamTask.js';

/**
 * Which tasks (topic partitions) this instance owns, and whether each is ready to
 * process in the current consumer group generation. A task is ready once it was
 * prepared (fenced, offsets read, state restored) in this generation and nothing
 * made its state dirty since.
 */
export class TaskAssignment {
  readonly #topology: Topology;
  readonly #tasks = new Map<string, StreamTask>();
  #assigned: Array<{ topic: string; partition: number }> = [];
  /**
   * Advanced on every rebalance and assignment (and by a batch that finds the group
   * rebalancing): batches of an older generation stop at their next chunk boundary,
   * and every task is made ready again.
   */
  generation = 0;
  /** The generation in which Kafka said this member is out of the group (see `leaveGeneration`). */
  #leftIn: number | undefined;

  constructor(topology: Topology) {
    this.#topology = topology;
  }

  /** Takes the group's assignment; returns the tasks this instance no longer owns. */
  assign(assignment: Readonly<Record<string, readonly number[]>>): StreamTask[] {
    this.generation++;
    this.#assigned = Object.entries(assignment).flatMap(([topic, partitions]) => partitions.map((partition) => ({ topic, partition })));
    const kept = new Set(this.#assigned.map((a) => `${a.topic}-${a.partition}`));
    const released: StreamTask[] = [];
    for (const [id, task] of this.#tasks) {
      if (kept.has(id)) continue;
      this.#tasks.delete(id);
      released.push(task);
    }
    return released;
  }

  /**
   * Kafka refused a commit or heartbeat because the group no longer counts this
   * member in: every commit would be refused until it rejoins, and at least once
   * the records of each refused chunk are written twice. Batches of this (new)
   * generation are left alone; the next rebalance or assignment ends it.
   */
  leaveGeneration(): void {
    this.generation++;
    this.#leftIn = this.generation;
  }

  /** True from `leaveGeneration()` until the generation moves on (the member rejoins). */
  get outOfGroup(): boolean {
    return this.#leftIn === this.generation;
  }

  /** The task of a partition, created on first use. */
  task(topic: string, partition: number): StreamTask {
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

  /** The assigned tasks that exist (a task is created with its partition's first batch). */
  owned(): StreamTask[] {
    return this.#assigned.flatMap(({ topic, partition }) => this.#tasks.get(`${topic}-${partition}`) ?? []);
  }

  isReady(task: StreamTask): boolean {
    return task.readyGeneration === this.generation && !task.invalid;
  }

  /** The assigned tasks that are not ready in this generation. */
  unready(): StreamTask[] {
    return this.#assigned.map(({ topic, partition }) => this.task(topic, partition)).filter((t) => !this.isReady(t));
  }

  statuses(): StreamTaskStatus[] {
    const assigned = new Set(this.#assigned.map((a) => `${a.topic}-${a.partition}`));
    const statuses: StreamTaskStatus[] = [];
    for (const task of this.#tasks.values()) {
      if (!assigned.has(task.id)) continue;
      statuses.push({ topic: task.topic, partition: task.partition, state: task.restoring ? 'restoring' : 'running', windows: task.windows });
    }
    return statuses;
  }
}
