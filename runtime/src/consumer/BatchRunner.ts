import type { ConsumedRecord, TransportBatch } from '../transport/TransportConsumer.js';

/** What became of one record: done (resolve its offset), held (paused, re-read later) or stop. */
export type Outcome = 'done' | 'held' | 'stop';

/** When the batch loop asks kafkajs to commit and to heartbeat. */
export interface BatchCadence {
  /** Ask for a commit after this many done records... */
  commitThreshold: number;
  /** ...or this many ms, whichever comes first. */
  commitIntervalMs: number;
  /** Call heartbeat() at most this often. */
  heartbeatCheckMs: number;
}

/**
 * Runs one fetched batch of a partition: each record through `process`, in order,
 * resolving its offset once done and stopping at the first record that is not
 * (held for a retry or delay, or stopping the subscription), so a commit never
 * passes a record that is not done. `isCurrent` turns false after a rebalance
 * or once stop() began: the rest of the batch is left to the next owner.
 *
 * `process` answers synchronously when it can (a handler that returns `true`
 * without awaiting): such a record costs no promise here.
 */
export async function runBatch(
  { batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }: TransportBatch,
  cadence: BatchCadence,
  isCurrent: () => boolean,
  process: (record: ConsumedRecord) => Outcome | Promise<Outcome>,
): Promise<void> {
  // kafkajs's commitOffsetsIfNecessary() sums the uncommitted offsets of every partition in
  // Long arithmetic on each call, and heartbeat() is a chain of async calls: per record they
  // cost more than handling a small message. So ask kafkajs only when one of its conditions
  // can have become true: `threshold` records or `interval` ms since this batch last asked
  // (kafkajs commits at the end of every batch anyway), and heartbeat() at most every
  // `beatCheck` ms (kafkajs sends one only every heartbeatInterval; this delays it by less
  // than a quarter of that at worst).
  const { commitThreshold: threshold, commitIntervalMs: interval, heartbeatCheckMs: beatCheck } = cadence;
  let sinceCommitCheck = 0;
  let lastCommitCheck = Date.now();
  let lastBeat = lastCommitCheck;
  // resolveOffset() costs kafkajs Long arithmetic and a string per call, and only the
  // latest resolved offset of a partition counts: the offset of the last done record is
  // handed over only before kafkajs may commit (a commit, a heartbeat, which commits when
  // the group rebalances) and when the batch ends, whatever way it ends.
  let done: string | undefined;
  const resolveDone = () => {
    if (done === undefined) return;
    resolveOffset(done);
    done = undefined;
  };
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
      if (!isRunning() || isStale() || !isCurrent()) return;
      let outcome = process(record);
      if (typeof outcome !== 'string') outcome = await outcome;
      if (outcome !== 'done') return;
      done = record.offset;
      const now = Date.now();
      if (++sinceCommitCheck >= threshold || now - lastCommitCheck >= interval) {
        sinceCommitCheck = 0;
        lastCommitCheck = now;
        if (commit) await commit;
        const failure = failed();
        if (failure) throw failure.error;
        resolveDone();
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
        resolveDone();
        await heartbeat();
      }
    }
  } finally {
    resolveDone();
    if (commit) await commit;
  }
  const failure = failed();
  if (failure) throw failure.error;
}
