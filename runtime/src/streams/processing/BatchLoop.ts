import { KsdkError } from '../../errors/KsdkError.js';
import type { ConsumedRecord, TransportBatch, TransportConsumer } from '../../transport/TransportConsumer.js';
import type { TaskRestorer } from '../state/TaskRestorer.js';
import type { ProcessingGuarantee } from '../StreamAppOptions.js';
import { RepartitionSourceNode } from '../topology/RepartitionSourceNode.js';
import type { OutputCommitter } from './OutputCommitter.js';
import type { StreamEnvironment } from './ProcessingContext.js';
import type { StreamTask } from './StreamTask.js';
import type { TaskAssignment } from './TaskAssignment.js';
import { leftTheGroup } from './leftTheGroup.js';

/** What the batch loop needs of the app running it. */
export interface BatchLoopHost {
  /** Running, and not failing. */
  isRunning(): boolean;
  isFailing(): boolean;
  /** A problem the loop recovers from (by retrying after the backoff); reported as `lastError`. */
  noteError(error: Error): void;
  /** Stops the app: a bug in the topology. Safe to call from inside a batch. */
  fail(error: Error): void;
}

export interface BatchLoopOptions {
  applicationId: string;
  env: StreamEnvironment;
  guarantee: ProcessingGuarantee;
  maxRecordsPerCommit: number;
  retryBackoffMs: number;
  /** The consumer's heartbeat interval: how long it may take until a heartbeat is due. */
  heartbeatIntervalMs: number;
  consumer: TransportConsumer;
  committer: OutputCommitter;
  assignment: TaskAssignment;
  restorer: TaskRestorer;
  host: BatchLoopHost;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The consumer's `eachBatch`: makes the batch's task ready, then processes the
 * batch in chunks of `maxRecordsPerCommit`, each committed (outputs, state,
 * offset) before the next. A chunk Kafka refuses is redone after a restore; a
 * topology that throws stops the app with nothing of that chunk committed.
 */
export class BatchLoop {
  readonly #o: BatchLoopOptions;
  #open = true;

  constructor(options: BatchLoopOptions) {
    this.#o = options;
  }

  /** The run is over: batches from now on are left alone. */
  close(): void {
    this.#open = false;
  }

  async eachBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: TransportBatch): Promise<void> {
    const { consumer, committer, assignment, restorer, host, env, applicationId } = this.#o;
    const { topic, partition } = batch;
    if (!this.#open || host.isFailing() || batch.messages.length === 0) return;
    // Out of the group: a commit now would be refused. The batch is left unresolved for whoever owns the partition after the rejoin.
    if (assignment.outOfGroup) return;
    const generation = assignment.generation;
    const alive = () => isRunning() && !isStale() && generation === assignment.generation && host.isRunning();
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
      host.noteError(error instanceof Error ? error : new Error(String(error)));
      rewind(offset);
      await delay(this.#o.retryBackoffMs);
    };

    let task: StreamTask;
    try {
      task = assignment.task(topic, partition);
      if (!assignment.isReady(task)) await restorer.prepareAssigned(assignment, heartbeat);
      if (!assignment.isReady(task)) await restorer.prepare([task], generation, heartbeat);
    } catch (err) {
      if (alive()) await retryLater(err, first);
      return;
    }
    if (!alive()) return;

    // Records below the committed offset are done: kafkajs may have read an older offset before the fence.
    const position = task.position;
    const records: ConsumedRecord[] = position === undefined ? batch.messages : batch.messages.filter((m) => BigInt(m.offset) >= position);
    if (records.length === 0) {
      resolveOffset(batch.messages[batch.messages.length - 1]!.offset);
      return;
    }
    const max = this.#o.maxRecordsPerCommit;
    for (let i = 0; i < records.length; i += max) {
      if (!alive()) return;
      const chunk = records.slice(i, i + max);
      const start = chunk[0]!.offset;
      const last = chunk[chunk.length - 1]!.offset;
      let outbox;
      try {
        outbox = task.process(chunk, env).outbox;
      } catch (err) {
        // A bug in the topology (an operator threw, a value fails its schema): stop, commit nothing of this chunk.
        task.invalid = true;
        rewind(start);
        host.fail(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      const next = (BigInt(last) + 1n).toString();
      try {
        // With explicit offsets, kafkajs commits them at once (the name notwithstanding).
        await committer.commit(task, outbox, next, (offsets) => commitOffsetsIfNecessary(offsets));
      } catch (err) {
        // Kafka refused the chunk (or fenced us): state in memory is ahead of the changelog; restore and redo.
        task.invalid = true;
        const left = leftTheGroup(err);
        const error = new KsdkError('KSDK_PUBLISH', `stream app ${applicationId}: committing ${topic}/${partition}@${start}..${last} failed: ${(err as Error).message}`, { cause: err, retriable: true });
        this.#reportCommitFailure(task, chunk.length, start, last, left, error);
        if (!left) {
          await retryLater(error, start);
          return;
        }
        // Out of the group: every commit until the rejoin would be refused too (and, at least once, its
        // records written twice), so nothing more is processed in this generation, this batch's
        // partition included. kafkajs rejoins once a heartbeat fails; wait for that one here rather
        // than spin through fetches of partitions that may be moving.
        host.noteError(error);
        rewind(start);
        assignment.leaveGeneration();
        await this.#untilHeartbeatFails(heartbeat, isRunning);
        return;
      }
      task.position = BigInt(next);
      if (task.root instanceof RepartitionSourceNode) env.counters.repartitioned += chunk.length;
      else env.counters.processed += chunk.length;
      resolveOffset(last);
      try {
        await heartbeat();
      } catch (err) {
        // The group is rebalancing (or went on without us): end this fetch round's batches here so kafkajs rejoins promptly.
        if (leftTheGroup(err)) assignment.leaveGeneration();
        else if (generation === assignment.generation) assignment.generation++;
        return;
      }
    }
  }

  #reportCommitFailure(task: StreamTask, records: number, firstOffset: string, lastOffset: string, leftGroup: boolean, error: Error): void {
    const { events, applicationId } = this.#o.env;
    if (!events?.has('stream.commit-failed')) return;
    events.emit('stream.commit-failed', {
      application: applicationId,
      guarantee: this.#o.guarantee,
      topic: task.topic,
      partition: task.partition,
      firstOffset,
      lastOffset,
      records,
      leftGroup,
      error,
    });
  }

  /**
   * Heartbeats until one fails (the group refuses this member: kafkajs rejoins
   * after the batch), the consumer stops, or, should heartbeats keep passing
   * for two intervals, the group kept the member after all: then every task
   * is made ready again and processing goes on.
   */
  async #untilHeartbeatFails(heartbeat: () => Promise<void>, isRunning: () => boolean): Promise<void> {
    const { assignment, heartbeatIntervalMs } = this.#o;
    const deadline = Date.now() + 2 * heartbeatIntervalMs;
    while (isRunning() && Date.now() < deadline) {
      try {
        await heartbeat();
      } catch {
        return;
      }
      // kafkajs sends a heartbeat only once its interval has passed since the last one.
      await delay(Math.min(100, heartbeatIntervalMs));
    }
    if (assignment.outOfGroup) assignment.generation++;
  }
}
