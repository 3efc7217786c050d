import { describe, expect, it } from 'vitest';
import { KsdkProducer, Subscription } from '@ksdk/runtime';
import { InMemoryKafka } from '@ksdk/runtime/testing';
import { testOrder, type TestOrder } from '../fixtures/orderDescriptor.js';
import { startConsumer, until, type Received } from './support/consume.js';

async function fill(kafka: InMemoryKafka, topic: string, perPartition: number) {
  const producer = kafka.createProducer();
  await producer.connect();
  const partitions = kafka.partitionCount(topic)!;
  for (let i = 0; i < perPartition; i++) {
    await producer.send({ topic, messages: Array.from({ length: partitions }, (_, partition) => ({ partition, value: `p${partition}-${i}` })) });
  }
}

describe('InMemoryKafka consumer groups', () => {
  it('shares partitions round robin, rebalancing on join (REBALANCING to the old member, GROUP_JOIN to all)', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 4 } });
    const log: string[] = [];
    const a = await startConsumer(kafka, { groupId: 'g', topic: 't', clientId: 'a' });
    a.consumer.on(a.consumer.events.REBALANCING, (e) => log.push(`rebalancing ${e.payload.memberId}`));
    a.consumer.on(a.consumer.events.GROUP_JOIN, (e) => log.push(`a joined ${JSON.stringify(e.payload.memberAssignment)} leader=${e.payload.isLeader}`));
    const b = await startConsumer(kafka, { groupId: 'g', topic: 't', clientId: 'b' });
    b.consumer.on(b.consumer.events.GROUP_JOIN, (e) => log.push(`b joined ${JSON.stringify(e.payload.memberAssignment)}`));
    expect(log).toEqual(['rebalancing a-1', 'a joined {"t":[0,2]} leader=true']);

    await b.stop();
    await until(() => log.length === 4, 'the rebalance after b left');
    expect(log.slice(2)).toEqual(['rebalancing a-1', 'a joined {"t":[0,1,2,3]} leader=true']);
    await a.stop();
  });

  it('assigns contiguous ranges with the range strategy, and folds simultaneous joins into one rebalance', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 5 }, assignment: 'range' });
    const joins: Array<{ member: string; partitions: number[] }> = [];
    const consumers = await Promise.all(
      ['a', 'b'].map(async (name) => {
        const consumer = kafka.createConsumer({ groupId: 'g', clientId: name });
        consumer.on(consumer.events.GROUP_JOIN, (e) => joins.push({ member: name, partitions: e.payload.memberAssignment.t ?? [] }));
        await consumer.connect();
        await consumer.subscribe({ topic: 't' });
        await consumer.run({ eachBatch: async () => undefined });
        return consumer;
      }),
    );
    expect(joins).toEqual([
      { member: 'a', partitions: [0, 1, 2] },
      { member: 'b', partitions: [3, 4] },
    ]);
    await Promise.all(consumers.map((c) => c.disconnect()));
  });

  it('hands a leaving member\'s partitions to the others, who resume from its committed offsets (each record once)', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 2 } });
    await fill(kafka, 't', 3);
    const received: Received[] = [];
    const a = await startConsumer(kafka, { groupId: 'g', topic: 't', clientId: 'a', sink: received });
    await until(() => received.length === 6, 'a read everything');
    expect(kafka.committedOffsets('g', 't')).toEqual({ 0: '3', 1: '3' });
    const b = await startConsumer(kafka, { groupId: 'g', topic: 't', clientId: 'b', sink: received });
    await a.stop();
    await fill(kafka, 't', 1);
    await until(() => received.length === 8, 'b read the new records');
    expect(received.slice(6).map((r) => `${r.memberId}:${r.partition}@${r.offset}`).sort()).toEqual(['b-2:0@3', 'b-2:1@3']);
    await b.stop();
  });

  it('redelivers what was fetched but never resolved to the next owner (at-least-once)', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 1 } });
    await fill(kafka, 't', 3);
    const received: Received[] = [];
    // Handles p0-0, then leaves p0-1 unresolved (as a crash mid-record would).
    const a = await startConsumer(kafka, { groupId: 'g', topic: 't', clientId: 'a', sink: received, handle: (_p, m) => m.offset === '0' });
    await until(() => received.length === 2, 'a saw two records');
    await a.stop();
    expect(kafka.committedOffsets('g', 't')).toEqual({ 0: '1' });
    const b = await startConsumer(kafka, { groupId: 'g', topic: 't', clientId: 'b', sink: received });
    await until(() => received.length === 4, 'b read the rest');
    expect(received.map((r) => `${r.memberId}:${r.offset}`)).toEqual(['a-1:0', 'a-1:1', 'b-2:1', 'b-2:2']);
    await b.stop();
  });

  it('starts a new group at the end unless fromBeginning, and groups are independent', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 1 } });
    await fill(kafka, 't', 2);
    const late = await startConsumer(kafka, { groupId: 'late', topic: 't', fromBeginning: false });
    const early = await startConsumer(kafka, { groupId: 'early', topic: 't', fromBeginning: true });
    await fill(kafka, 't', 1);
    await until(() => late.received.length === 1 && early.received.length === 3, 'both groups caught up');
    expect(late.received.map((r) => r.offset)).toEqual(['2']);
    expect(early.received.map((r) => r.offset)).toEqual(['0', '1', '2']);
    await Promise.all([late.stop(), early.stop()]);
  });

  it('throws REBALANCE_IN_PROGRESS from heartbeat() during a rebalance, after committing what was resolved', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 2 } });
    await fill(kafka, 't', 1);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const errors: unknown[] = [];
    const a = await startConsumer(kafka, {
      groupId: 'g',
      topic: 't',
      clientId: 'a',
      handle: async (payload, message) => {
        if (payload.batch.partition !== 0) return true;
        payload.resolveOffset(message.offset);
        await held;
        await payload.heartbeat().catch((e: unknown) => {
          errors.push(e);
          throw e;
        });
        return true;
      },
    });
    await until(() => a.received.length >= 1, 'a holds partition 0');
    const joining = startConsumer(kafka, { groupId: 'g', topic: 't', clientId: 'b' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    const b = await joining;
    expect(errors).toEqual([expect.objectContaining({ type: 'REBALANCE_IN_PROGRESS' })]);
    expect(kafka.committedOffsets('g', 't')[0]).toBe('1');
    await Promise.all([a.stop(), b.stop()]);
  });

  it('keeps a stopping member\'s partitions from the others until its record in hand is done', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 1 } });
    await fill(kafka, 't', 1);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const received: Received[] = [];
    const a = await startConsumer(kafka, { groupId: 'g', topic: 't', clientId: 'a', sink: received, handle: () => held.then(() => true) });
    await until(() => received.length === 1, 'a holds the record');
    const joining = startConsumer(kafka, { groupId: 'g', topic: 't', clientId: 'b', sink: received });
    const stopping = a.stop();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received.map((r) => r.memberId)).toEqual(['a-1']);
    release();
    const [b] = await Promise.all([joining, stopping]);
    await fill(kafka, 't', 1);
    await until(() => received.length === 2, 'b reads the next record');
    expect(received.map((r) => `${r.memberId}:${r.offset}`)).toEqual(['a-1:0', 'b-2:1']);
    await b.stop();
  });

  it('rebalances when partitions are added, so the new ones are read', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 1 } });
    const c = await startConsumer(kafka, { groupId: 'g', topic: 't' });
    const admin = kafka.createAdmin();
    await admin.createPartitions({ topicPartitions: [{ topic: 't', count: 3 }] });
    const producer = kafka.createProducer();
    await producer.connect();
    await producer.send({ topic: 't', messages: [{ partition: 2, value: 'new' }] });
    await until(() => c.received.length === 1, 'the record on the new partition');
    expect(c.received[0]).toMatchObject({ partition: 2, value: 'new' });
    await c.stop();
  });

  it('runs a ksdk subscription with N consumers in one group: partitions split, every record handled once', async () => {
    const kafka = new InMemoryKafka({ topics: { [testOrder.topic]: 4 } });
    const handled: Array<{ orderId: string; consumerId: string; partition: number }> = [];
    const subscription = new Subscription<TestOrder>(
      { name: 'orders', topic: testOrder.topic, groupId: 'g', messages: [testOrder], consumers: 3 },
      { handle: (m, ctx) => (handled.push({ orderId: m.orderId, consumerId: ctx.consumerId, partition: ctx.partition }), true) },
      { factory: kafka },
    );
    await subscription.start();
    const assigned = subscription.status().consumers.map((c) => c.assigned.map((p) => p.partition));
    expect(assigned).toEqual([[0, 3], [1], [2]]);
    const producer = new KsdkProducer({ factory: kafka });
    for (let i = 0; i < 20; i++) await producer.publish(testOrder, { orderId: `o-${i}`, amount: i });
    await until(() => handled.length === 20, 'twenty records');
    expect(new Set(handled.map((h) => h.orderId)).size).toBe(20);
    for (const h of handled) expect(assigned[Number(h.consumerId.split('-')[1])]).toContain(h.partition);
    await producer.close();
    await subscription.stop();
    expect(Object.values(kafka.committedOffsets('g', testOrder.topic)).reduce((sum, o) => sum + Number(o === '-1' ? 0 : o), 0)).toBe(20);
  });
});
