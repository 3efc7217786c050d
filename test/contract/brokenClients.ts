// Deliberately broken transports: each breaks one Kafka semantic that ksdk relies on,
// so the contract suite can show that it notices (test/contract/broken.test.ts).
import type { ClientFactory } from '@ksdk/runtime';
import type { PartitionerFactory, ProduceBatchRequest, ProduceRequest, TransportAdmin, TransportBatch, TransportConsumer, TransportProducer, TransportProducerConfig } from '@ksdk/runtime/transport';
import { InMemoryKafka, type InMemoryProducer } from '@ksdk/runtime/testing';

/**
 * `target` with some members replaced; works for kafkajs's plain objects and the
 * in-memory clients alike (their methods are bound to them: they have private fields).
 */
function override<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get: (object, property) => {
      if (property in overrides) return overrides[property as keyof T];
      const value: unknown = Reflect.get(object, property);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

function wrapClients(
  factory: ClientFactory,
  wrap: { consumer?: (c: TransportConsumer) => TransportConsumer; producer?: (p: TransportProducer) => TransportProducer; admin?: (a: TransportAdmin) => TransportAdmin },
): ClientFactory {
  return {
    createConsumer: (config) => (wrap.consumer ?? ((c) => c))(factory.createConsumer(config)),
    createProducer: (config) => (wrap.producer ?? ((p) => p))(factory.createProducer(config)),
    createAdmin: () => (wrap.admin ?? ((a) => a))(factory.createAdmin()),
  };
}

/** An admin whose `deleteTopicRecords` deletes up to the high watermark, whatever offset it is given. */
export const deletesToTheEnd = (factory: ClientFactory): ClientFactory =>
  wrapClients(factory, {
    admin: (a) =>
      override(a, {
        deleteTopicRecords: ({ topic, partitions }) => a.deleteTopicRecords({ topic, partitions: partitions.map(({ partition }) => ({ partition, offset: '-1' })) }),
      }),
  });

/** A consumer whose `pause()` does nothing: a partition in backoff keeps being fetched. */
export const ignoresPause = (factory: ClientFactory): ClientFactory =>
  wrapClients(factory, { consumer: (c) => override(c, { pause: () => undefined }) });

/** A consumer that resolves and commits a whole batch before handing it to `eachBatch`. */
export const commitsBeforeHandling = (factory: ClientFactory): ClientFactory =>
  wrapClients(factory, {
    consumer: (c) =>
      override(c, {
        run: (config) =>
          c.run({
            ...config,
            eachBatch: async (payload: TransportBatch) => {
              const { topic, partition, messages } = payload.batch;
              const last = messages[messages.length - 1]?.offset;
              if (last === undefined) return config.eachBatch(payload);
              payload.resolveOffset(last);
              await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: String(Number(last) + 1) }] }] });
              await config.eachBatch(payload);
            },
          }),
      }),
  });

/** A producer that sends records without their headers. */
export const dropsHeaders = (factory: ClientFactory): ClientFactory =>
  wrapClients(factory, {
    producer: (p) =>
      override(p, {
        send: (record: ProduceRequest) => p.send({ ...record, messages: record.messages.map(({ headers: _, ...m }) => m) }),
        sendBatch: (batch: ProduceBatchRequest) =>
          p.sendBatch({ ...batch, topicMessages: batch.topicMessages.map((t) => ({ ...t, messages: t.messages.map(({ headers: _, ...m }) => m) })) }),
      }),
  });

/** Places keys by the sum of their bytes: a plausible hash, but not the one the Java client uses. */
const byteSumPartitioner: PartitionerFactory = () => ({ partitionMetadata, message }) => {
  if (message.partition !== undefined) return message.partition;
  const key = message.key === null || message.key === undefined ? Buffer.alloc(0) : Buffer.from(message.key);
  return key.reduce((sum, b) => sum + b, 0) % partitionMetadata.length;
};

/** An in-memory broker whose producers place keys with another hash than Java's murmur2. */
export class OtherHashInMemoryKafka extends InMemoryKafka {
  override createProducer(config: TransportProducerConfig = {}): InMemoryProducer {
    return super.createProducer({ ...config, createPartitioner: config.createPartitioner ?? byteSumPartitioner });
  }
}
