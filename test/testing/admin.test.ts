import { describe, expect, it } from 'vitest';
import { InMemoryKafka } from '@ksdk/runtime/testing';
import { until } from './support/consume.js';

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

  it('deletes records below an offset as Kafka does: the log start moves, consumers below it reset', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 2 } });
    const producer = kafka.createProducer();
    await producer.connect();
    await producer.send({ topic: 't', messages: ['a', 'b', 'c', 'd'].map((value) => ({ value, partition: 0 })) });
    const admin = kafka.createAdmin();
    await admin.deleteTopicRecords({ topic: 't', partitions: [{ partition: 0, offset: '3' }] });
    expect((await admin.fetchTopicOffsets('t'))[0]).toMatchObject({ low: '3', high: '4' });
    expect(kafka.records('t').map((r) => `${r.offset}:${r.value}`)).toEqual(['3:d']);
    // A produce answer reports the log start; offsets go on from the high watermark.
    expect(await producer.send({ topic: 't', messages: [{ value: 'e', partition: 0 }] })).toMatchObject([{ partition: 0, baseOffset: '4', logStartOffset: '3' }]);

    // Refusals, each before anything moves: kafkajs's error shapes.
    await expect(admin.deleteTopicRecords({ topic: 'nope', partitions: [{ partition: 0, offset: '1' }] })).rejects.toMatchObject({ type: 'UNKNOWN_TOPIC_OR_PARTITION' });
    await expect(admin.deleteTopicRecords({ topic: 't', partitions: [] })).rejects.toThrow('Invalid partitions');
    await expect(admin.deleteTopicRecords({ topic: 't', partitions: [{ partition: 1, offset: '0' }, { partition: 0, offset: '6' }, { partition: 7, offset: '0' }] })).rejects.toMatchObject({
      name: 'KafkaJSDeleteTopicRecordsError',
      retriable: false,
      partitions: [
        { partition: 0, offset: '6', error: { type: 'OFFSET_OUT_OF_RANGE' } },
        { partition: 7, offset: '0', error: { message: 'Could not find the leader for the partition' } },
      ],
    });
    expect((await admin.fetchTopicOffsets('t')).map((o) => `${o.low}..${o.high}`)).toEqual(['3..5', '0..0']);

    // A committed offset below the log start resets to it (fromBeginning), as kafkajs does on OFFSET_OUT_OF_RANGE.
    await admin.setOffsets({ groupId: 'g', topic: 't', partitions: [{ partition: 0, offset: '1' }] });
    const seen: string[] = [];
    const consumer = kafka.createConsumer({ groupId: 'g' });
    await consumer.connect();
    await consumer.subscribe({ topic: 't', fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(`${message.offset}:${message.value?.toString()}`) });
    await until(() => seen.length === 2, 'the records from the log start');
    expect(seen).toEqual(['3:d', '4:e']);
    await consumer.disconnect();
    await admin.resetOffsets({ groupId: 'g', topic: 't', earliest: true });
    expect(kafka.committedOffsets('g', 't')).toEqual({ 0: '3', 1: '0' });
  });
});
