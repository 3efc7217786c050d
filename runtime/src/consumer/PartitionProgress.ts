/**
 * What holds a partition at its current record:
 * - `handler`: the handler is running on it;
 * - `retry`: it failed and waits for its next attempt;
 * - `dead-letter`: its dead-letter (or retry-topic) write failed and waits to be tried again;
 * - `delay`: a retry topic's processing delay, planned waiting that never counts as stuck.
 */
export type PartitionWait = 'handler' | 'retry' | 'dead-letter' | 'delay';

/** A partition that made no progress for longer than the threshold while it had work. */
export interface StuckPartition {
  topic: string;
  partition: number;
  /** The record it is held at. */
  offset: string;
  /** Since this consumer first reached that record (processing delays not counted). */
  stuckForMs: number;
  waitingOn: Exclude<PartitionWait, 'delay'>;
  /** Why, in one line, e.g. the error of the failing dead-letter write. */
  reason: string;
}

interface Head {
  readonly topic: string;
  readonly partition: number;
  /** False once the record at the head is done (the partition moved on, or has no work). */
  held: boolean;
  offset: string;
  since: number;
  waitingOn: PartitionWait;
  reason: string;
}

/**
 * Tracks, per partition, the record that holds it and since when, so a health check
 * can tell a partition that is stuck (a dead-letter write failing for ever, a handler
 * that never returns, endless retries) from one that is simply idle. A record that
 * becomes done clears its partition; so does losing the partition.
 */
export class PartitionProgress {
  readonly #heads = new Map<string, Head>();
  readonly #now: () => number;
  /** The partition touched last: consecutive records of one partition find their head without a key. */
  #last: Head | undefined;

  constructor(now: () => number) {
    this.#now = now;
  }

  /**
   * The partition is held at `offset` by `waitingOn`; the clock starts when the record changes
   * or a delay ends. `now`: the caller's clock reading, if it has one at hand.
   */
  at(topic: string, partition: number, offset: string, waitingOn: PartitionWait, reason = '', now?: number): void {
    // One head per partition, updated in place: the hot path (every record) allocates nothing.
    const head = this.#head(topic, partition);
    const restart = !head.held || head.offset !== offset || head.waitingOn === 'delay' || waitingOn === 'delay';
    if (restart) head.since = now ?? this.#now();
    head.held = true;
    head.offset = offset;
    head.waitingOn = waitingOn;
    head.reason = reason;
  }

  /** The record at the head is done: the partition moved on. */
  done(topic: string, partition: number): void {
    const last = this.#last;
    if (last !== undefined && last.topic === topic && last.partition === partition) last.held = false;
    else {
      const head = this.#heads.get(`${topic}\u0000${partition}`);
      if (head) head.held = false;
    }
  }

  clear(): void {
    this.#heads.clear();
    this.#last = undefined;
  }

  #head(topic: string, partition: number): Head {
    const last = this.#last;
    if (last !== undefined && last.topic === topic && last.partition === partition) return last;
    const key = `${topic}\u0000${partition}`;
    let head = this.#heads.get(key);
    if (!head) {
      head = { topic, partition, held: false, offset: '', since: 0, waitingOn: 'handler', reason: '' };
      this.#heads.set(key, head);
    }
    this.#last = head;
    return head;
  }

  /** Partitions held at one record for `thresholdMs` or longer, delays excepted. */
  stuck(thresholdMs: number): StuckPartition[] {
    const now = this.#now();
    const out: StuckPartition[] = [];
    for (const head of this.#heads.values()) {
      if (!head.held || head.waitingOn === 'delay' || now - head.since < thresholdMs) continue;
      const { topic, partition, offset, waitingOn } = head;
      out.push({ topic, partition, offset, stuckForMs: now - head.since, waitingOn, reason: head.reason || describe(waitingOn) });
    }
    return out;
  }
}

function describe(waitingOn: PartitionWait): string {
  switch (waitingOn) {
    case 'handler':
      return 'the handler has not returned';
    case 'retry':
      return 'the record keeps failing and is being retried';
    case 'dead-letter':
      return 'the dead-letter write keeps failing';
    case 'delay':
      return 'waiting out the processing delay';
  }
}

/** One line naming the partition and why, for `status().problems`. */
export function describeStuck(s: StuckPartition): string {
  return `${s.topic}/${s.partition} stuck at offset ${s.offset} for ${Math.round(s.stuckForMs / 1000)} s (${s.waitingOn}): ${s.reason}`;
}
