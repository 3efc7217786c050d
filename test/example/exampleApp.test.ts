import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { brokers } from '../helpers/kafka.js';

const run = promisify(execFile);
const cwd = join(import.meta.dirname, '../../generated-example');

/** Runs the example app (generated-example/src/main.ts) the way `npm run example` does. */
async function example(transport: 'kafka' | 'memory') {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd,
    env: { ...process.env, KSDK_TRANSPORT: transport, KSDK_BROKERS: brokers().join(','), KAFKAJS_NO_PARTITIONER_WARNING: '1' },
    timeout: 120_000,
  });
  return stdout;
}

describe('the example app', () => {
  it.each(['memory', 'kafka'] as const)('accounts for every message on the %s transport', async (transport) => {
    const out = await example(transport);
    expect(out).toContain('example finished: every message accounted for');
    expect(out).toMatch(/summary \(\w+ transport\): 8 processed, \d+ retries, 1 forwarded to a retry topic, 1 dead-lettered/);
    expect(out).toContain('booked on attempt 2');
    expect(out).toMatch(/dead-lettered: payment-events@\d+ → payment-events\.dlt \(exhausted: card of mallory@example\.com declined\)/);
  });
});
