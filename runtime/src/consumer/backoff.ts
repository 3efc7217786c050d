import type { InProcessRetry } from './RetryPolicy.js';

export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_INITIAL_BACKOFF_MS = 1000;

/**
 * Wait before the attempt after `failedAttempt` (1-based): initial × 2^(n-1)
 * when exponential, capped by `maxBackoffMs`, spread by ±jitter.
 */
export function backoffMs(policy: InProcessRetry, failedAttempt: number, random: () => number = Math.random): number {
  const initial = policy.initialBackoffMs ?? DEFAULT_INITIAL_BACKOFF_MS;
  const exponential = policy.exponential ?? true;
  let wait = exponential ? initial * 2 ** (failedAttempt - 1) : initial;
  if (policy.maxBackoffMs !== undefined) wait = Math.min(wait, policy.maxBackoffMs);
  const jitter = policy.jitter ?? 0;
  if (jitter > 0) wait = wait * (1 - jitter + 2 * jitter * random());
  return Math.max(0, Math.round(wait));
}
