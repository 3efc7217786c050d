/**
 * A change counter the in-memory fetch loops wait on.
 *
 * Why not polling: a loop that re-checks on a timer is either slow (long
 * interval) or busy (short one), and its timing leaks into tests. Every state
 * change that can make a record fetchable (an append, a resume, a seek, a new
 * assignment, a stop) calls `notify()`, so a waiting loop wakes exactly when
 * there may be work. Read `version` before checking for work and pass it to
 * `changedSince`, so a change in between is never missed.
 */
export class ChangeSignal {
  #version = 0;
  #waiters: Array<() => void> = [];

  get version(): number {
    return this.#version;
  }

  notify(): void {
    this.#version++;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves once `notify()` has been called after `version` was read. */
  changedSince(version: number): Promise<void> {
    if (version !== this.#version) return Promise.resolve();
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
    });
  }
}
