import { KsdkError } from '../errors/KsdkError.js';

/** A window of event time: `[start, end)` in ms since the epoch. */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

function positiveInteger(what: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new KsdkError('KSDK_CONFIG', `${what} must be a positive integer number of ms, got ${value}`);
  return value;
}

function nonNegativeInteger(what: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new KsdkError('KSDK_CONFIG', `${what} must be a non-negative integer number of ms, got ${value}`);
  return value;
}

/**
 * Fixed-size windows aligned to the epoch, as Kafka Streams' `TimeWindows`:
 * tumbling when `advanceMs === sizeMs`, hopping (overlapping; the reference
 * README calls them sliding) when `advanceMs < sizeMs`.
 *
 * A window accepts records until stream time (the largest record timestamp its
 * partition has seen) reaches `end + grace`; later records for it are dropped as late.
 */
export class TimeWindows {
  readonly kind: 'tumbling' | 'hopping';
  readonly sizeMs: number;
  readonly advanceMs: number;
  readonly graceMs: number;

  private constructor(sizeMs: number, advanceMs: number, graceMs: number) {
    this.sizeMs = positiveInteger('window size', sizeMs);
    this.advanceMs = positiveInteger('window advance', advanceMs);
    if (advanceMs > sizeMs) throw new KsdkError('KSDK_CONFIG', `window advance (${advanceMs} ms) must not exceed its size (${sizeMs} ms)`);
    this.graceMs = nonNegativeInteger('grace period', graceMs);
    this.kind = advanceMs === sizeMs ? 'tumbling' : 'hopping';
  }

  /** @internal Use `tumbling()` or `hopping()`. */
  static of(sizeMs: number, advanceMs: number, graceMs = 0): TimeWindows {
    return new TimeWindows(sizeMs, advanceMs, graceMs);
  }

  /**
   * How long after a window's end records for it are still accepted (out-of-order
   * data). Default 0, as Kafka Streams' `ofSizeWithNoGrace`: a larger grace means
   * later final results and more state.
   */
  grace(ms: number): TimeWindows {
    return new TimeWindows(this.sizeMs, this.advanceMs, ms);
  }

  /**
   * The windows a timestamp falls into, oldest first. Same arithmetic as Kafka
   * Streams' `TimeWindows.windowsFor`: windows start at multiples of the advance,
   * and negative starts are never produced.
   */
  windowsFor(timestamp: number): TimeWindow[] {
    const windows: TimeWindow[] = [];
    let start = Math.floor(Math.max(0, timestamp - this.sizeMs + this.advanceMs) / this.advanceMs) * this.advanceMs;
    while (start <= timestamp) {
      windows.push({ start, end: start + this.sizeMs });
      start += this.advanceMs;
    }
    return windows;
  }
}

/** Non-overlapping windows of `sizeMs`, aligned to the epoch. */
export function tumbling(sizeMs: number): TimeWindows {
  return TimeWindows.of(sizeMs, sizeMs);
}

/**
 * Windows of `sizeMs` starting every `advanceMs`, so each record falls into
 * `sizeMs / advanceMs` windows. The reference README calls these sliding windows.
 */
export function hopping(sizeMs: number, advanceMs: number): TimeWindows {
  return TimeWindows.of(sizeMs, advanceMs);
}
