import type { TransportAdmin } from '../../transport/TransportAdmin.js';
import { RepartitionSourceNode } from '../topology/RepartitionSourceNode.js';
import type { StreamTask } from './StreamTask.js';

export interface RepartitionPurgerOptions {
  admin: TransportAdmin;
  /** Kafka Streams' `repartition.purge.interval.ms`: time between two purges. */
  intervalMs: number;
  /** The tasks this instance owns now. */
  tasks: () => Iterable<StreamTask>;
  /** A purge failed; the next one (an interval later) tries again. */
  onError: (error: Error) => void;
}

/**
 * Deletes the records of repartition topics this instance has committed, as
 * Kafka Streams does: a repartition topic has no time retention
 * (`retention.ms=-1`), so without this it would grow without bound.
 *
 * Every interval (and never while the last purge is still under way), per
 * repartition task it owns, records below the task's position: its committed
 * offset (read when the task was made ready, advanced only by commits that
 * succeeded). A record at or above it is never deleted, so a task that moves to
 * another instance, or redoes a chunk whose commit failed, finds every record
 * it has yet to commit. Committed offsets only move forward, so a position out
 * of date (the task has moved on elsewhere) deletes nothing its owner needs.
 * Like Kafka Streams it also runs while no records come, so the records of the
 * last commits go too.
 */
export class RepartitionPurger {
  readonly #o: RepartitionPurgerOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  /** What was deleted already, per task: below this offset. */
  readonly #purged = new Map<string, bigint>();
  /** kafkajs's admin finds partition leaders in the metadata it holds: ask for the topics' before the first purge (and after a failed one). */
  #metadataLoaded = false;

  constructor(options: RepartitionPurgerOptions) {
    this.#o = options;
  }

  start(): void {
    this.#timer ??= setInterval(() => this.#tick(), this.#o.intervalMs);
    // A pending purge never keeps the process alive.
    this.#timer.unref();
  }

  #tick(): void {
    if (this.#running) return;
    const byTopic = new Map<string, Array<{ partition: number; offset: string; task: string }>>();
    for (const task of this.#o.tasks()) {
      if (!(task.root instanceof RepartitionSourceNode) || task.position === undefined) continue;
      if (task.position <= (this.#purged.get(task.id) ?? 0n)) continue;
      let list = byTopic.get(task.topic);
      if (!list) byTopic.set(task.topic, (list = []));
      list.push({ partition: task.partition, offset: task.position.toString(), task: task.id });
    }
    if (byTopic.size === 0) return;
    this.#running = this.#purge(byTopic).finally(() => {
      this.#running = undefined;
    });
  }

  async #purge(byTopic: Map<string, Array<{ partition: number; offset: string; task: string }>>): Promise<void> {
    const { admin } = this.#o;
    try {
      if (!this.#metadataLoaded) {
        await admin.fetchTopicMetadata({ topics: [...byTopic.keys()] });
        this.#metadataLoaded = true;
      }
      for (const [topic, partitions] of byTopic) {
        await admin.deleteTopicRecords({ topic, partitions: partitions.map(({ partition, offset }) => ({ partition, offset })) });
        for (const { task, offset } of partitions) this.#purged.set(task, BigInt(offset));
      }
    } catch (err) {
      this.#metadataLoaded = false;
      this.#o.onError(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** Stops purging; resolves once a purge under way is over (before the admin disconnects). */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
