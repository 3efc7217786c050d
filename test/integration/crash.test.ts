import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeRawProducer, orderRecord, sendRaw } from '../fixtures/rawRecords.js';
import { doneIds as handledIds, exited, startGroupConsumer } from '../helpers/children.js';
import { committedOffsets, createTopic, uniqueTopic, waitFor } from '../helpers/kafka.js';

afterAll(closeRawProducer);
const startChild = (topic: string, groupId: string, out: string) => startGroupConsumer({ topic, groupId, out });

describe('crash safety', () => {
  it('handles every produced id at least once across repeated SIGKILLs', async () => {
    const topic = uniqueTopic('crash');
    await createTopic(topic, 2);
    const groupId = `${topic}-g`;
    const out = join(mkdtempSync(join(tmpdir(), 'ksdk-crash-')), 'handled.txt');
    const ids = Array.from({ length: 600 }, (_, i) => `crash-${i}`);
    for (let i = 0; i < ids.length; i += 100) {
      await sendRaw(topic, ids.slice(i, i + 100).map((id, j) => orderRecord({ orderId: id, id }, { partition: (i + j) % 2 })));
    }

    const kills: number[] = [];
    for (let round = 0; round < 3; round++) {
      const before = handledIds(out).length;
      const child = startChild(topic, groupId, out);
      // Kill once this process has made progress of its own, mid-stream.
      await waitFor(() => handledIds(out).length >= before + 60, { timeoutMs: 60000, message: `progress in round ${round}` });
      child.kill('SIGKILL');
      await exited(child);
      kills.push(handledIds(out).length);
    }
    const last = startChild(topic, groupId, out);
    await waitFor(() => new Set(handledIds(out)).size === ids.length, { timeoutMs: 90000, message: 'every id handled' });
    await waitFor(async () => {
      const o = await committedOffsets(groupId, topic);
      return o[0] === '300' && o[1] === '300';
    }, { timeoutMs: 30000, message: 'all committed' });
    last.kill('SIGTERM');

    const handled = handledIds(out);
    const unique = new Set(handled);
    expect([...unique].sort()).toEqual([...ids].sort());
    const duplicates = handled.length - unique.size;
    // At-least-once: a kill may redeliver what was handled but not yet committed; it never loses.
    console.log(`crash test: ${ids.length} ids, ${kills.length} SIGKILLs at ${kills.join(', ')} handled, ${handled.length} handlings, ${duplicates} duplicates`);
  });
});
