// The transport port at the type level: kafkajs's clients and the in-memory broker's
// both implement it, and what ksdk hands a client is what kafkajs takes. These are
// compile-time checks (`npm test` type-checks test/ before vitest runs); each
// `@ts-expect-error` shows a check that can fail.
import { types } from 'node:util';
import type { Admin, Consumer, ConsumerConfig, ConsumerRunConfig, EachBatchPayload, Kafka, KafkaMessage, Message, Producer, ProducerConfig, RecordMetadata } from 'kafkajs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { DefaultClientFactory, kafkajsClientFactory, type ClientFactory, type KafkajsClientFactory } from '@ksdk/runtime';
import type { ConsumedRecord, OutboundRecord, ProduceResult, TransportAdmin, TransportBatch, TransportConsumer, TransportConsumerConfig, TransportProducer, TransportProducerConfig, TransportRunConfig } from '@ksdk/runtime/transport';
import { InMemoryKafka, type InMemoryAdmin, type InMemoryConsumer, type InMemoryProducer } from '@ksdk/runtime/testing';

describe('the transport port', () => {
  it('is implemented by kafkajs as it is: the kafkajs adapter wraps nothing', () => {
    expectTypeOf<Producer>().toExtend<TransportProducer>();
    expectTypeOf<Consumer>().toExtend<TransportConsumer>();
    expectTypeOf<Admin>().toExtend<TransportAdmin>();
    expectTypeOf<DefaultClientFactory>().toExtend<KafkajsClientFactory>();
    expectTypeOf<KafkajsClientFactory>().toExtend<ClientFactory>();
    expectTypeOf<ReturnType<typeof kafkajsClientFactory>>().toExtend<ClientFactory>();
    expectTypeOf(kafkajsClientFactory).parameter(0).toEqualTypeOf<Kafka>();
    // What kafkajs hands over is what the runtime reads...
    expectTypeOf<EachBatchPayload>().toExtend<TransportBatch>();
    expectTypeOf<KafkaMessage>().toExtend<ConsumedRecord>();
    expectTypeOf<RecordMetadata>().toExtend<ProduceResult>();
    // ...and what the runtime passes is what kafkajs takes (checked as values, not methods: no bivariance).
    expectTypeOf<TransportProducerConfig>().toExtend<ProducerConfig & { clientId?: string | undefined }>();
    expectTypeOf<TransportConsumerConfig>().toExtend<ConsumerConfig & { clientId?: string | undefined }>();
    expectTypeOf<TransportRunConfig>().toExtend<ConsumerRunConfig>();
    expectTypeOf<OutboundRecord>().toExtend<Message>();
  });

  it('is implemented by the in-memory transport, with no cast', () => {
    expectTypeOf<InMemoryKafka>().toExtend<ClientFactory>();
    expectTypeOf<InMemoryProducer>().toExtend<TransportProducer>();
    expectTypeOf<InMemoryConsumer>().toExtend<TransportConsumer>();
    expectTypeOf<InMemoryAdmin>().toExtend<TransportAdmin>();
    expectTypeOf<InMemoryKafka['createProducer']>().returns.toEqualTypeOf<InMemoryProducer>();
    expectTypeOf<InMemoryKafka['createConsumer']>().returns.toEqualTypeOf<InMemoryConsumer>();
    expectTypeOf<InMemoryKafka['createAdmin']>().returns.toEqualTypeOf<InMemoryAdmin>();
  });

  it('fails a client that lacks a call or an event the runtime uses', () => {
    // @ts-expect-error the runtime rewinds partitions with seek()
    expectTypeOf<Omit<InMemoryConsumer, 'seek'>>().toExtend<TransportConsumer>();
    // @ts-expect-error the runtime pauses partitions while they wait
    expectTypeOf<Omit<Consumer, 'pause'>>().toExtend<TransportConsumer>();
    // @ts-expect-error exactly-once stream apps write through transactions
    expectTypeOf<Omit<Producer, 'transaction'>>().toExtend<TransportProducer>();
    // @ts-expect-error ensureTopics compares topic configs
    expectTypeOf<Omit<Admin, 'describeConfigs'>>().toExtend<TransportAdmin>();
    const groupJoinOnly = {} as Omit<TransportConsumer, 'on'> & {
      on(event: 'consumer.group_join', listener: (event: { payload: { memberAssignment: Record<string, number[]> } }) => void): () => void;
    };
    // @ts-expect-error the runtime also listens for rebalances, crashes and batch ends
    const consumer: TransportConsumer = groupJoinOnly;
    expect(consumer).toBe(groupJoinOnly);
  });

  it('hands the runtime the in-memory clients themselves, not proxies of them', () => {
    const factory: ClientFactory = new InMemoryKafka();
    for (const client of [factory.createProducer({}), factory.createConsumer({ groupId: 'g' }), factory.createAdmin()]) {
      expect(types.isProxy(client)).toBe(false);
    }
  });
});
