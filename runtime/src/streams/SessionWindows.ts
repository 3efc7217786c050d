import { KsdkError } from '../errors/KsdkError.js';

/**
 * Windows of activity per key, as Kafka Streams' `SessionWindows`: a record
 * joins (and merges) every session of its key that ends at most `gapMs` before it
 * or starts at most `gapMs` after it. A session's bounds are its first and last
 * record timestamps, both inclusive.
 *
 * A record is dropped as late when the session it would form ends before stream
 * time − gap − grace.
 */
export class SessionWindows {
  readonly kind = 'session' as const;
  readonly gapMs: number;
  readonly graceMs: number;

  private constructor(gapMs: number, graceMs: number) {
    if (!Number.isSafeInteger(gapMs) || gapMs <= 0) throw new KsdkError('KSDK_CONFIG', `session gap must be a positive integer number of ms, got ${gapMs}`);
    if (!Number.isSafeInteger(graceMs) || graceMs < 0) throw new KsdkError('KSDK_CONFIG', `grace period must be a non-negative integer number of ms, got ${graceMs}`);
    this.gapMs = gapMs;
    this.graceMs = graceMs;
  }

  /** @internal Use `session()`. */
  static of(gapMs: number, graceMs = 0): SessionWindows {
    return new SessionWindows(gapMs, graceMs);
  }

  /** How long out-of-order records may still extend or merge a session. Default 0. */
  grace(ms: number): SessionWindows {
    return new SessionWindows(this.gapMs, ms);
  }
}

/** Sessions of activity separated by more than `gapMs` of inactivity. */
export function session(gapMs: number): SessionWindows {
  return SessionWindows.of(gapMs);
}
