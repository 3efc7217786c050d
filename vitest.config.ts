import { defineConfig } from 'vitest/config';
import type { Reporter } from 'vitest/reporters';

// Prints one plain closing line, e.g. "vitest: 12 passed, 0 failed, 1 skipped", after
// vitest's own summary, so CI logs can be read without knowing vitest's format.
// A test file that fails to load (or fails in a hook) counts as one failure.
const plainSummary: Reporter = {
  onTestRunEnd(testModules, unhandledErrors) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      let moduleFailures = 0;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') moduleFailures += 1;
        else skipped += 1;
      }
      if (moduleFailures === 0 && mod.state() === 'failed') moduleFailures = 1;
      failed += moduleFailures;
    }
    if (unhandledErrors.length > 0 && failed === 0) failed = 1;
    process.stdout.write(`vitest: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  },
};

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Child processes: kafkajs sockets and timers die with the worker, never leak between runs.
    pool: 'forks',
    // 2 cores; integration test files share one broker.
    maxWorkers: 2,
    fileParallelism: true,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    reporters: ['default', plainSummary],
  },
});
