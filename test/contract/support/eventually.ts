/**
 * Polls `check` until it returns a truthy value, or throws after `timeoutMs`.
 * Transport-neutral (the broker helpers' `waitFor` lives with kafkajs), and
 * quick to poll, because the in-memory transport settles in milliseconds.
 */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs: number, what: string): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A promise a case can release later, e.g. to hold a handler mid-record. */
export function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}
