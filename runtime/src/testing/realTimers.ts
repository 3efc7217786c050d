/**
 * The timer functions as they were when ksdk's testing module loaded.
 *
 * Why: tests often install fake timers (`vi.useFakeTimers()`) to drive retry
 * backoffs by hand. The in-memory broker's own housekeeping (yielding between
 * fetches, coalescing a rebalance) must keep running regardless, or a test with
 * fake timers would hang on a fetch that never comes. Capturing the functions at
 * load time keeps the transport on real time while the runtime's timers follow
 * whatever clock the test installed.
 */
const realSetImmediate = globalThis.setImmediate;
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** Resolves after the current macrotask: lets I/O and timers run, like a network round trip. */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => {
    realSetImmediate(resolve);
  });
}

/** Resolves after `ms` of real time. */
export function realDelay(ms: number): Promise<void> {
  return new Promise((resolve) => {
    realSetTimeout(resolve, ms);
  });
}

/** A real-time timer for deadlines that fake timers must not freeze. */
export function realTimeout(callback: () => void, ms: number): { cancel(): void } {
  const timer = realSetTimeout(callback, ms);
  return { cancel: () => realClearTimeout(timer) };
}
