import type { EachBatchPayload } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { InMemoryKafka } from '@ksdk/runtime/testing';
import { startConsumer, until } from './support/consume.js';

async function produce(kafka: InMemoryKafka, topic: string, values: Array<{ value: string; partition?: number }>) {
  const producer = kafka.createProducer();
  await producer.connect();
  await producer.send({ topic, messages: values.map((v) => ({ value: v.value, partition: v.partition ?? 0 })) });
  await producer.disconnect();
}

describe('InMemoryKafka delivery', () => {
  it('hands eachBatch a kafkajs batch and fetches again from the first unresolved record', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 1 } });
    await produce(kafka, 't', [{ value: 'a' }, { value: 'b' }, { value: 'c' }]);
    const batches: Array<Record<string, unknown>> = [];
    let calls = 0;
    const consumer = kafka.createConsumer({ groupId: 'g' });
    await consumer.connect();
    await consumer.subscribe({ topic: 't', fromBeginning: true });
    await consumer.run({
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset }: EachBatchPayload) => {
        calls++;
        batches.push({ first: batch.firstOffset(), last: batch.lastOffset(), hw: batch.highWatermark, lag: batch.offsetLag(), lagLow: batch.offsetLagLow(), size: batch.messages.length });
        // Resolve only the first record of each batch: the rest must come again.
        resolveOffset(batch.messages[0]!.offset);
      },
    });
    await until(() => calls === 3, 'three fetches');
    expect(batches).toEqual([
      { first: '0', last: '2', hw: '3', lag: '0', lagLow: '2', size: 3 },
      { first: '1', last: '2', hw: '3', lag: '0', lagLow: '1', size: 2 },
      { first: '2', last: '2', hw: '3', lag: '0', lagLow: '0', size: 1 },
    ]);
    await until(() => kafka.committedOffsets('g', 't')[0] === '3', 'all committed');
    await consumer.disconnect();
  });

  it('resolves whole batches by default (eachBatchAutoResolve) and commits at the end of each batch', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 1 } });
    await produce(kafka, 't', [{ value: 'a' }, { value: 'b' }]);
    const commits: unknown[] = [];
    const consumer = kafka.createConsumer({ groupId: 'g' });
    consumer.on(consumer.events.COMMIT_OFFSETS, (e) => commits.push(e.payload.topics));
    await consumer.connect();
    await consumer.subscribe({ topic: 't', fromBeginning: true });
    await consumer.run({ eachBatch: async () => undefined });
    await until(() => commits.length === 1, 'a commit');
    expect(commits).toEqual([[{ topic: 't', partitions: [{ partition: 0, offset: '2' }] }]]);
    await consumer.disconnect();
  });

  it('applies a seek at the next fetch, marks the batch in hand stale, and commits the offset sought', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 1 } });
    await produce(kafka, 't', [{ value: 'a' }, { value: 'b' }, { value: 'c' }]);
    const stale: boolean[] = [];
    let rewound = false;
    const c = await startConsumer(kafka, {
      groupId: 'g',
      topic: 't',
      handle: (payload, message) => {
        if (message.offset === '2' && !rewound) {
          rewound = true;
          c.consumer.seek({ topic: 't', partition: 0, offset: '1' });
          stale.push(payload.isStale());
          return false;
        }
        return true;
      },
    });
    await until(() => c.received.length === 5, 'the rewound records again');
    expect(c.received.map((r) => r.offset)).toEqual(['0', '1', '2', '1', '2']);
    expect(stale).toEqual([true]);
    await until(() => kafka.committedOffsets('g', 't')[0] === '3', 'all committed');
    await c.stop();
    expect(() => kafka.createConsumer({ groupId: 'x' }).seek({ topic: 't', partition: 0, offset: '0' })).toThrow(/consumer#run must be called first/);
  });

  it('does not fetch a paused partition, keeps fetching the others, and picks it up on resume', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 3 } });
    const c = await startConsumer(kafka, { groupId: 'g', topic: 't' });
    c.consumer.pause([{ topic: 't' }]);
    c.consumer.resume([{ topic: 't', partitions: [1, 2] }]);
    expect(c.consumer.paused()).toEqual([{ topic: 't', partitions: [0] }]);
    await produce(kafka, 't', [{ value: 'p0', partition: 0 }, { value: 'p1', partition: 1 }, { value: 'p2', partition: 2 }]);
    await until(() => c.received.length === 2, 'the unpaused partitions');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(c.received.map((r) => r.value).sort()).toEqual(['p1', 'p2']);
    c.consumer.resume([{ topic: 't', partitions: [0] }]);
    await until(() => c.received.length === 3, 'the resumed partition');
    expect(c.consumer.paused()).toEqual([]);
    await c.stop();
  });

  it('commits when commitOffsetsIfNecessary finds the threshold or the interval (on the injected clock) reached', async () => {
    let now = 1_000;
    const kafka = new InMemoryKafka({ topics: { t: 1 }, now: () => now });
    await produce(kafka, 't', ['a', 'b', 'c', 'd', 'e'].map((value) => ({ value })));
    const seen: Array<{ offset: string; committed: string; uncommitted: number }> = [];
    const consumer = kafka.createConsumer({ groupId: 'g' });
    await consumer.connect();
    await consumer.subscribe({ topic: 't', fromBeginning: true });
    await consumer.run({
      eachBatchAutoResolve: false,
      autoCommitThreshold: 2,
      autoCommitInterval: 10_000,
      eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, uncommittedOffsets }) => {
        for (const m of batch.messages) {
          resolveOffset(m.offset);
          if (m.offset === '2') now += 10_000;
          await commitOffsetsIfNecessary();
          const pending = uncommittedOffsets().topics.flatMap((t) => t.partitions).length;
          seen.push({ offset: m.offset, committed: kafka.committedOffsets('g', 't')[0]!, uncommitted: pending });
        }
      },
    });
    await until(() => seen.length === 5, 'five records');
    // Threshold 2 commits after offsets 1 and 3; the clock jump commits after offset 2.
    expect(seen.map((s) => s.committed)).toEqual(['-1', '2', '3', '3', '5']);
    expect(seen.map((s) => s.uncommitted)).toEqual([1, 0, 0, 1, 0]);
    await consumer.disconnect();
  });

  it('commits nothing by itself without autoCommit; commitOffsets does', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 1 } });
    await produce(kafka, 't', [{ value: 'a' }]);
    const c = await startConsumer(kafka, { groupId: 'g', topic: 't', autoCommit: false });
    await until(() => c.received.length === 1, 'the record');
    expect(kafka.committedOffsets('g', 't')).toEqual({ 0: '-1' });
    await c.consumer.commitOffsets([{ topic: 't', partition: 0, offset: '1' }]);
    expect(kafka.committedOffsets('g', 't')).toEqual({ 0: '1' });
    await c.stop();
  });

  it('reports an eachBatch that throws as a CRASH (restart: true) and redelivers from the resolved offset', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 1 }, crashRestartMs: 1 });
    await produce(kafka, 't', [{ value: 'a' }, { value: 'b' }]);
    const crashes: Array<{ message: string; restart: boolean }> = [];
    let thrown = false;
    const c = await startConsumer(kafka, {
      groupId: 'g',
      topic: 't',
      handle: (_payload, message) => {
        if (message.offset === '1' && !thrown) {
          thrown = true;
          throw new Error('boom');
        }
        return true;
      },
      setup: (consumer) => consumer.on(consumer.events.CRASH, (e) => void crashes.push({ message: e.payload.error.message, restart: e.payload.restart })),
    });
    await until(() => c.received.length === 3, 'b again');
    expect(c.received.map((r) => r.offset)).toEqual(['0', '1', '1']);
    expect(crashes).toEqual([{ message: 'boom', restart: true }]);
    await c.stop();
  });

  it('hands each consumer its own copies of the bytes', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 1 } });
    await produce(kafka, 't', [{ value: 'abc' }]);
    const c = await startConsumer(kafka, { groupId: 'g', topic: 't', handle: (_p, m) => void m.value!.fill(0) });
    await until(() => c.received.length === 1, 'the record');
    expect(kafka.records('t')[0]!.value!.toString()).toBe('abc');
    await c.stop();
  });
});

describe('InMemoryKafka eachMessage', () => {
  it('runs eachMessage record by record, stopping the batch after a pause', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 1 } });
    await produce(kafka, 't', ['a', 'b', 'c'].map((value) => ({ value })));
    const seen: string[] = [];
    const consumer = kafka.createConsumer({ groupId: 'g' });
    await consumer.connect();
    await consumer.subscribe({ topic: 't', fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, pause }) => {
        seen.push(message.value!.toString());
        if (message.offset === '1') pause();
      },
    });
    await until(() => seen.length === 2, 'two records');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual(['a', 'b']);
    expect(kafka.committedOffsets('g', 't')).toEqual({ 0: '2' });
    consumer.resume([{ topic: 't' }]);
    await until(() => seen.length === 3, 'the third after resume');
    await consumer.disconnect();
    expect(kafka.committedOffsets('g', 't')).toEqual({ 0: '3' });
  });
});
