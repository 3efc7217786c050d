import type { ClientFactory } from '@ksdk/runtime';
import { InMemoryKafka } from '@ksdk/runtime/testing';
import type { ContractRecord, ContractTransport } from './ContractTransport.js';
import { eventually } from './support/eventually.js';
import { textHeaders } from './support/textHeaders.js';

export interface InMemoryTransportOptions {
  /** The broker; a subclass can break a semantic on purpose. */
  kafka?: InMemoryKafka;
  /** Wraps the clients the runtime gets (to break one thing on purpose). */
  wrap?: (factory: ClientFactory) => ClientFactory;
  name?: string;
}

let topics = 0;

/** The contract's view of an `InMemoryKafka`: observation goes straight to the broker's state. */
export function inMemoryTransport(options: InMemoryTransportOptions = {}): ContractTransport {
  const kafka = options.kafka ?? new InMemoryKafka();
  return {
    name: options.name ?? 'in-memory',
    factory: options.wrap ? options.wrap(kafka) : kafka,
    consumerOptions: {},
    patienceMs: 3000,
    backoffMs: 60,
    uniqueTopic: (prefix) => `${prefix}-${++topics}`,
    createTopic: async (name, partitions) => {
      kafka.createTopic(name, partitions);
    },
    readAll: (topic, expected) =>
      eventually(
        () => {
          const records = kafka.records(topic);
          return records.length >= expected ? records : undefined;
        },
        3000,
        `${expected} record(s) on ${topic}`,
      ).then((records) =>
        records.map(
          (r): ContractRecord => ({ topic: r.topic, partition: r.partition, offset: r.offset, key: r.key, value: r.value, headers: textHeaders(r.headers), timestamp: r.timestamp }),
        ),
      ),
    committedOffsets: async (groupId, topic) => kafka.committedOffsets(groupId, topic),
  };
}
