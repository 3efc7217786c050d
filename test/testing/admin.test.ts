import { describe, expect, it } from 'vitest';
import { InMemoryKafka } from '@ksdk/runtime/testing';

describe('InMemoryKafka admin', () => {
  it('creates, lists, describes and deletes topics with kafkajs\'s result shapes', async () => {
    const kafka = new InMemoryKafka({ defaultPartitions: 2 });
    const admin = kafka.createAdmin();
    await admin.connect();
    expect(await admin.createTopics({ topics: [{ topic: 'a', numPartitions: 3 }, { topic: 'b' }] })).toBe(true);
    expect(await admin.createTopics({ topics: [{ topic: 'a', numPartitions: 5 }] })).toBe(false);
    expect(await admin.listTopics()).toEqual(['a', 'b']);
    const { topics } = await admin.fetchTopicMetadata({ topics: ['a', 'b'] });
    expect(topics.map((t) => [t.name, t.partitions.map((p) => `${p.partitionId}:${p.leader}`)])).toEqual([
      ['a', ['0:0', '1:0', '2:0']],
      ['b', ['0:0', '1:0']],
    ]);
    await expect(admin.fetchTopicMetadata({ topics: ['missing'] })).rejects.toMatchObject({ type: 'UNKNOWN_TOPIC_OR_PARTITION' });
    await admin.deleteTopics({ topics: ['b'] });
    expect(await admin.listTopics()).toEqual(['a']);
    await admin.disconnect();
  });

  it('reports topic offsets and group offsets, and sets or resets them', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 2 } });
    const producer = kafka.createProducer();
    await producer.connect();
    await producer.send({ topic: 't', messages: [{ value: 'x', partition: 1 }, { value: 'y', partition: 1 }] });
    const admin = kafka.createAdmin();
    expect(await admin.fetchTopicOffsets('t')).toEqual([
      { partition: 0, offset: '0', high: '0', low: '0' },
      { partition: 1, offset: '2', high: '2', low: '0' },
    ]);
    expect(await admin.fetchOffsets({ groupId: 'g', topics: ['t'] })).toEqual([
      { topic: 't', partitions: [{ partition: 0, offset: '-1', metadata: null }, { partition: 1, offset: '-1', metadata: null }] },
    ]);
    await admin.setOffsets({ groupId: 'g', topic: 't', partitions: [{ partition: 1, offset: '1' }] });
    expect(kafka.committedOffsets('g', 't')).toEqual({ 0: '-1', 1: '1' });
    await admin.resetOffsets({ groupId: 'g', topic: 't', earliest: false });
    expect(kafka.committedOffsets('g', 't')).toEqual({ 0: '0', 1: '2' });
    expect(await admin.listGroups()).toEqual({ groups: [{ groupId: 'g', protocolType: 'consumer' }] });
    expect(await admin.deleteGroups(['g', 'nope'])).toEqual([
      { groupId: 'g', errorCode: 0 },
      { groupId: 'nope', errorCode: 69 },
    ]);
  });
});
