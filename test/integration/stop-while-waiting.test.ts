import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FailureHeader } from '@ksdk/runtime/wire';
import { closeRawProducer, orderRecord, sendRaw } from '../fixtures/rawRecords.js';
import { exited, startChild, type RunningChild } from '../helpers/children.js';
import { committedOffsets, createTopic, readAll, uniqueTopic, waitFor } from '../helpers/kafka.js';

afterAll(closeRawProducer);

const lines = (out: string) => (existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter(Boolean) : []);
const done = (out: string) => lines(out).filter((l) => l.startsWith('done ')).map((l) => l.slice('done '.length));
const attempts = (out: string, id: string) => lines(out).filter((l) => l.startsWith(`attempt ${id} `)).length;

/** SIGTERM, then the child must end by itself: exit code 0, nothing on stderr. */
async function stopCleanly(run: RunningChild): Promise<void> {
  run.child.kill('SIGTERM');
  const { code, signal } = await exited(run.child);
  expect(run.stderr(), 'nothing uncaught, nothing logged').toBe('');
  expect({ code, signal }).toEqual({ code: 0, signal: null });
  expect(run.stdout()).toContain('stopped true');
}

describe('graceful stop while partitions wait', () => {
  it('exits 0 with a dead-letter write failing, a retry backoff and a processing delay pending, commits nothing past them, and loses nothing on restart', async () => {
    const topic = uniqueTopic('stopwait');
    const dlt = `${topic}.dlt`;
    const delayed = `${topic}.delayed`;
    await createTopic(topic, 2);
    await createTopic(delayed, 1);
    const groupId = `${topic}-g`;
    const out = join(mkdtempSync(join(tmpdir(), 'ksdk-stopwait-')), 'handled.txt');
    // Partition 0 waits on a dead-letter write (the DLT does not exist yet); partition 1 on a
    // retry backoff far longer than the test.
    await sendRaw(topic, [
      ...['p0-before', 'poison', 'p0-after'].map((id) => orderRecord({ orderId: id, id }, { partition: 0 })),
      ...['p1-before', 'flaky', 'p1-after'].map((id) => orderRecord({ orderId: id, id }, { partition: 1 })),
    ]);
    // And a retry-topic record that waits out a processing delay as long as the backoff.
    await sendRaw(delayed, [orderRecord({ orderId: 'delayed', id: 'delayed' })]);

    const first = startChild('waiting-consumer.ts', [topic, groupId, dlt, out, '600000']);
    const count = (text: string) => first.stdout().split('\n').filter((l) => l === text).length;
    await waitFor(() => count('dead-letter write failed') >= 2 && attempts(out, 'flaky') === 1 && count('delay held') === 1, {
      timeoutMs: 45_000,
      message: 'a failing dead-letter write, a pending backoff and a held delay',
    });
    // Stop in the middle of the next dead-letter write: when it fails, the partition would
    // be held again and a resume timer armed, after the stop cleared the timers.
    // (The DLT is missing, so each write ends at ksdk's look for the topic.)
    const writes = count('list-topics');
    await waitFor(() => count('list-topics') > writes, { message: 'the next dead-letter write' });
    await stopCleanly(first);

    expect(done(out).sort()).toEqual(['p0-before', 'p1-before']);
    expect(attempts(out, 'poison')).toBe(1);
    expect(attempts(out, 'flaky')).toBe(1);
    // Committed up to, not past, the records the partitions waited on.
    expect(await committedOffsets(groupId, topic)).toEqual({ 0: '1', 1: '1' });
    expect(attempts(out, 'delayed')).toBe(0);
    expect(['-1', '0']).toContain((await committedOffsets(`${groupId}-delayed`, delayed))[0]);

    // Restart with the DLT in place and a short backoff: both waiting records and those
    // behind them are delivered again; nothing is lost.
    await createTopic(dlt, 1);
    const second = startChild('waiting-consumer.ts', [topic, groupId, dlt, out, '100']);
    await waitFor(() => new Set(done(out)).size === 6, { timeoutMs: 45_000, message: 'every healthy id handled after the restart' });
    const [dead] = await readAll(dlt, { expected: 1, timeoutMs: 30_000 });
    expect(dead!.key?.toString()).toBe('poison');
    expect(dead!.headers[FailureHeader.originalOffset]?.toString()).toBe('1');
    await waitFor(async () => {
      const o = await committedOffsets(groupId, topic);
      return o[0] === '3' && o[1] === '3' && (await committedOffsets(`${groupId}-delayed`, delayed))[0] === '1';
    }, { timeoutMs: 30_000, message: 'everything committed after the restart' });
    await stopCleanly(second);

    expect([...new Set(done(out))].sort()).toEqual(['delayed', 'flaky', 'p0-after', 'p0-before', 'p1-after', 'p1-before']);
    expect(attempts(out, 'flaky')).toBe(3);
    expect(attempts(out, 'poison')).toBe(2);
    expect(await readAll(dlt)).toHaveLength(1);
  });
});
