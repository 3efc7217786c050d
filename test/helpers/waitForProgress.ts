// A wait whose deadline follows observable progress instead of a fixed guess: on a loaded
// machine a stream app may need minutes to work through its input, and that is fine as
// long as it keeps moving. The wait fails when nothing moved for `stallMs`, and says
// what it last saw.

export interface Progress {
  /** The condition holds: the wait is over. */
  done: boolean;
  /**
   * What was observed, e.g. committed offsets against the ends. Any change counts
   * as progress and restarts the stall clock; it is also quoted when the wait fails.
   */
  state: string;
  /** Something is broken and waiting longer cannot help (an app failed, input was removed): fail now with this. */
  failed?: string;
}

export interface WaitForProgressOptions {
  /** Fail after this long without any change of `state`. */
  stallMs: number;
  /** Default 250 ms. */
  intervalMs?: number;
  /** What is waited for, for the error. */
  message: string;
}

/**
 * Polls `check` until it reports `done`; resolves with how long the wait took (ms).
 * A `check` that throws (an admin request timing out on a loaded broker) counts as no
 * news: the stall clock runs on, and the last error is quoted if it runs out.
 */
export async function waitForProgress(check: () => Progress | Promise<Progress>, { stallMs, intervalMs = 250, message }: WaitForProgressOptions): Promise<number> {
  const started = Date.now();
  let last: string | undefined;
  let lastChange = started;
  let lastError: unknown;
  for (;;) {
    let progress: Progress | undefined;
    try {
      progress = await check();
    } catch (err) {
      lastError = err;
    }
    if (progress?.failed !== undefined) throw new Error(`waitForProgress: ${message}: ${progress.failed}; last seen: ${progress.state}`);
    if (progress?.done) return Date.now() - started;
    const now = Date.now();
    if (progress && progress.state !== last) {
      last = progress.state;
      lastChange = now;
    } else if (now - lastChange >= stallMs) {
      const error = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
      throw new Error(`waitForProgress: no progress for ${((now - lastChange) / 1000).toFixed(1)} s (${((now - started) / 1000).toFixed(1)} s in all) waiting for ${message}; last seen: ${last ?? 'nothing'}${error}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
