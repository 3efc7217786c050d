import type { ICustomPartitioner, PartitionerArgs } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { javaPartition } from '@ksdk/runtime/wire';
import { InMemoryKafka, KafkaProtocolError } from '@ksdk/runtime/testing';

async function connected(kafka: InMemoryKafka, config: Parameters<InMemoryKafka['createProducer']>[0] = {}) {
  const producer = kafka.createProducer(config);
  await producer.connect();
  return producer;
}

describe('InMemoryKafka producer', () => {
  it('places keyed records on the Java client\'s partition and spreads unkeyed ones round robin', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 5 } });
    const producer = await connected(kafka);
    const keys = Array.from({ length: 50 }, (_, i) => `order-${i}`);
    await producer.send({ topic: 't', messages: keys.map((key) => ({ key, value: key })) });
    for (const r of kafka.records('t')) expect(r.partition).toBe(javaPartition(r.key!.toString(), 5));

    await producer.send({ topic: 't', messages: Array.from({ length: 7 }, (_, i) => ({ value: `n${i}` })) });
    const unkeyed = kafka.records('t').filter((r) => r.key === null);
    expect(unkeyed.map((r) => [r.value!.toString(), r.partition])).toEqual([
      ['n0', 0], ['n5', 0], ['n1', 1], ['n6', 1], ['n2', 2], ['n3', 3], ['n4', 4],
    ]);
  });

  it('honours an explicit partition and asks the configured partitioner with the topic\'s metadata', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 3 } });
    const asked: PartitionerArgs[] = [];
    const createPartitioner: ICustomPartitioner = () => (args) => {
      asked.push(args);
      return args.message.partition ?? 2;
    };
    const producer = await connected(kafka, { createPartitioner });
    await producer.send({ topic: 't', messages: [{ key: 'a', value: '1' }, { key: 'b', value: '2', partition: 0 }] });
    expect(asked.map((a) => [a.topic, a.partitionMetadata.map((p) => p.partitionId), a.message.key])).toEqual([
      ['t', [0, 1, 2], 'a'],
      ['t', [0, 1, 2], 'b'],
    ]);
    expect(kafka.records('t').map((r) => [r.value!.toString(), r.partition])).toEqual([['2', 0], ['1', 2]]);
  });

  it('answers one RecordMetadata per partition with its base offset, none for acks 0', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 2 } });
    const producer = await connected(kafka);
    await producer.send({ topic: 't', messages: [{ value: 'x', partition: 1 }] });
    const answer = await producer.send({ topic: 't', messages: [{ value: 'a', partition: 1 }, { value: 'b', partition: 1 }, { value: 'c', partition: 0 }] });
    expect(answer).toEqual([
      expect.objectContaining({ topicName: 't', partition: 1, errorCode: 0, baseOffset: '1' }),
      expect.objectContaining({ topicName: 't', partition: 0, errorCode: 0, baseOffset: '0' }),
    ]);
    expect(await producer.send({ topic: 't', acks: 0, messages: [{ value: 'd', partition: 0 }] })).toEqual([]);
    expect(kafka.records('t').map((r) => `${r.partition}@${r.offset}`)).toEqual(['0@0', '0@1', '1@0', '1@1', '1@2']);
  });

  it('stores keys, values and headers as bytes, and stamps records with the injected clock', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 1 }, now: () => 1_700_000_000_000 });
    const producer = await connected(kafka);
    await producer.send({
      topic: 't',
      messages: [
        { key: 'k', value: 'v', headers: { one: 'a', many: ['x', Buffer.from('y')] } },
        { key: null, value: null, timestamp: '42' },
      ],
    });
    const [first, tombstone] = kafka.records('t');
    expect(first).toMatchObject({ key: Buffer.from('k'), value: Buffer.from('v'), timestamp: '1700000000000', headers: { one: Buffer.from('a'), many: [Buffer.from('x'), Buffer.from('y')] } });
    expect(tombstone).toMatchObject({ key: null, value: null, timestamp: '42' });
  });

  it('fails like a broker: unknown topic (retriable), oversized record, disconnected producer; a failed request writes nothing', async () => {
    const kafka = new InMemoryKafka({ topics: { t: 1 }, maxMessageBytes: 10 });
    const producer = kafka.createProducer();
    await expect(producer.send({ topic: 't', messages: [{ value: 'x' }] })).rejects.toMatchObject({ name: 'KafkaJSError', message: 'The producer is disconnected' });
    await producer.connect();
    const unknown = await producer.send({ topic: 'nope', messages: [{ value: 'x' }] }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(KafkaProtocolError);
    expect(unknown).toMatchObject({ name: 'KafkaJSProtocolError', type: 'UNKNOWN_TOPIC_OR_PARTITION', retriable: true });
    await expect(producer.send({ topic: 't', messages: [{ value: 'ok' }, { value: 'x'.repeat(11) }] })).rejects.toMatchObject({ type: 'MESSAGE_TOO_LARGE', retriable: false });
    expect(kafka.records('t')).toEqual([]);
  });

  it('auto-creates topics on first use when asked to', async () => {
    const kafka = new InMemoryKafka({ autoCreateTopics: true, defaultPartitions: 3 });
    const producer = await connected(kafka);
    await producer.send({ topic: 'fresh', messages: [{ value: 'x' }] });
    expect(kafka.partitionCount('fresh')).toBe(3);
  });

  it('names the method when code reaches for kafkajs API the transport does not model', () => {
    const producer = new InMemoryKafka().createProducer();
    expect(() => producer.transaction()).toThrow(/InMemoryKafka: Producer.transaction\(\) is not supported/);
  });
});
