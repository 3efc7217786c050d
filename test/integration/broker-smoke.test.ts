// Smoke test of the real broker (scripts/kafka.sh) with kafkajs, the client ksdk builds on:
// topics, produce, consume in a group, commit, committed offsets via admin, idempotent and
// transactional producers. If this fails, every other integration test will too.
import { afterAll, describe, expect, it } from 'vitest';
import { CompressionTypes, type Consumer, type Producer } from 'kafkajs';
import {
  admin,
  brokers,
  committedOffsets,
  createTopic,
  deleteTopics,
  kafka,
  readAll,
  uniqueTopic,
  waitFor,
} from '../helpers/kafka.js';

const producers: Producer[] = [];
const consumers: Consumer[] = [];

async function connectedProducer(opts: Parameters<ReturnType<typeof kafka>['producer']>[0] = {}): Promise<Producer> {
  const p = kafka().producer(opts);
  producers.push(p);
  await p.connect();
  return p;
}

afterAll(async () => {
  await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
  await Promise.all(producers.map((p) => p.disconnect().catch(() => undefined)));
});

describe(`real Kafka broker at ${brokers().join(',')}`, () => {
  it('describes the cluster', async () => {
    const a = await admin();
    const cluster = await a.describeCluster();
    expect(cluster.brokers.length).toBeGreaterThanOrEqual(1);
    expect(cluster.clusterId).toBeTruthy();
  });

  it('creates a topic with leaders for every partition, and deletes it', async () => {
    const topic = await createTopic(uniqueTopic('smoke-create'), 3);
    const a = await admin();
    const { topics } = await a.fetchTopicMetadata({ topics: [topic] });
    expect(topics[0]?.partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2]);
    await deleteTopics(topic);
    await waitFor(async () => !(await a.listTopics()).includes(topic), { message: `deletion of ${topic}` });
  });

  it('produces keyed records with headers (acks=all, gzip) and reads them back', async () => {
    const topic = await createTopic(uniqueTopic('smoke-produce'), 2);
    const producer = await connectedProducer();
    await producer.send({
      topic,
      acks: -1,
      compression: CompressionTypes.GZIP,
      messages: [
        { key: 'k1', value: 'one', headers: { 'content-type': 'application/json', n: '1' }, partition: 0 },
        { key: 'k2', value: 'two', headers: { n: '2' }, partition: 1 },
        { key: null, value: 'three', partition: 1 },
      ],
    });
    const records = await readAll(topic, { expected: 3 });
    expect(records.map((r) => [r.partition, r.offset, r.key?.toString() ?? null, r.value?.toString()])).toEqual([
      [0, '0', 'k1', 'one'],
      [1, '0', 'k2', 'two'],
      [1, '1', null, 'three'],
    ]);
    expect(records[0]?.headers['content-type']?.toString()).toBe('application/json');
    expect(Number(records[0]?.timestamp)).toBeGreaterThan(0);
    // Without `expected`, readAll stops at the current high watermarks.
    expect(await readAll(topic)).toHaveLength(3);
  });

  it('consumes in a group, commits, and admin reads the committed offsets', async () => {
    const topic = await createTopic(uniqueTopic('smoke-group'), 2);
    const groupId = uniqueTopic('smoke-group-id');
    const producer = await connectedProducer();
    await producer.send({
      topic,
      acks: -1,
      messages: [0, 1, 2, 3, 4].map((i) => ({ value: `m${i}`, partition: i % 2 })),
    });

    const consumer = kafka().consumer({ groupId, maxWaitTimeInMs: 100 });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic: t, partition, message }) => {
        seen.push(message.value?.toString() ?? '');
        await consumer.commitOffsets([{ topic: t, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      },
    });
    await waitFor(() => seen.length === 5, { message: '5 records consumed' });
    expect([...seen].sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);

    expect(await committedOffsets(groupId, topic)).toEqual({ 0: '3', 1: '2' });
    const a = await admin();
    const { groups } = await a.describeGroups([groupId]);
    expect(groups[0]?.state).toBe('Stable');
    await consumer.disconnect();

    // Offsets outlive the group's members; a group that never committed shows -1.
    expect(await committedOffsets(groupId, topic)).toEqual({ 0: '3', 1: '2' });
    expect(await committedOffsets(uniqueTopic('smoke-no-commits'), topic)).toEqual({ 0: '-1', 1: '-1' });
  });

  it('auto-creates a topic on first produce', async () => {
    const topic = uniqueTopic('smoke-auto');
    const producer = await connectedProducer({ allowAutoTopicCreation: true });
    await producer.send({ topic, acks: -1, messages: [{ value: 'auto' }] });
    const records = await readAll(topic, { expected: 1 });
    expect(records[0]?.value?.toString()).toBe('auto');
    await deleteTopics(topic);
  });

  it('supports idempotent and transactional producers', async () => {
    const topic = await createTopic(uniqueTopic('smoke-tx'));
    const idempotent = await connectedProducer({ idempotent: true, maxInFlightRequests: 1 });
    await idempotent.send({ topic, acks: -1, messages: [{ value: 'idem' }] });

    const transactional = await connectedProducer({
      transactionalId: uniqueTopic('smoke-tx-id'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    const committed = await transactional.transaction();
    await committed.send({ topic, messages: [{ value: 'tx-committed' }] });
    await committed.commit();
    const aborted = await transactional.transaction();
    await aborted.send({ topic, messages: [{ value: 'tx-aborted' }] });
    await aborted.abort();

    // A read_committed reader sees the idempotent record and the committed one only.
    const records = await readAll(topic, { expected: 2, settleMs: 300 });
    expect(records.map((r) => r.value?.toString())).toEqual(['idem', 'tx-committed']);
    expect((await readAll(topic, { timeoutMs: 5000 })).length).toBe(2);
  });
});
