import { describe, expect, it } from 'vitest';
import { waitForProgress } from './waitForProgress.js';

describe('waitForProgress', () => {
  it('waits past the stall time for as long as the state keeps changing', async () => {
    let n = 0;
    const took = await waitForProgress(() => ({ done: ++n >= 12, state: String(n) }), { stallMs: 50, intervalMs: 10, message: 'twelve polls' });
    expect(n).toBe(12);
    // Twelve polls 10 ms apart outlast the 50 ms stall time: only unchanged states count.
    expect(took).toBeGreaterThanOrEqual(100);
  });

  it('fails once the state has not changed for the stall time, quoting it', async () => {
    let n = 0;
    let stuckSince = 0;
    const check = () => {
      if (++n === 3) stuckSince = Date.now();
      return { done: false, state: `stuck at ${Math.min(n, 3)}` };
    };
    await expect(waitForProgress(check, { stallMs: 60, intervalMs: 10, message: 'the impossible' })).rejects.toThrow(/no progress for [\d.]+ s .*waiting for the impossible; last seen: stuck at 3/);
    expect(Date.now() - stuckSince).toBeGreaterThanOrEqual(60);
  });

  it('fails at once on a reported failure, and rides out a check that throws', async () => {
    let n = 0;
    await expect(
      waitForProgress(
        () => {
          n++;
          if (n === 1) throw new Error('admin timed out');
          return { done: false, state: String(n), ...(n === 3 ? { failed: 'the app failed' } : {}) };
        },
        { stallMs: 10_000, intervalMs: 5, message: 'an app' },
      ),
    ).rejects.toThrow('waitForProgress: an app: the app failed; last seen: 3');
    expect(n).toBe(3);
  });
});
