// A kafkajs stand-in for broker-free microbenchmarks (bench/micro): producers acknowledge at
// once, a consumer hands out prepared batches, so what is measured is ksdk's own work.
import { Partitioners, type Admin, type Consumer, type ConsumerRunConfig, type EachBatchPayload, type IHeaders, type KafkaMessage, type Message, type PartitionMetadata, type Producer, type ProducerConfig, type ProducerRecord, type RecordMetadata } from 'kafkajs';
import type { ClientFactory } from '@ksdk/runtime';

/** Records per fetched batch. */
const BATCH = 500;

/** A kafkajs stand-in: producers acknowledge at once; a consumer hands out prepared batches. */
export class InstantKafka implements ClientFactory {
  /** Every topic exists here, so ksdk has no topic to look up. */
  readonly autoCreatesTopics = true;
  batches: KafkaMessage[][] = [];
  readonly #offsets = new Map<string, number>();

  createProducer(config: ProducerConfig = {}): Producer {
    // Like kafkajs: the partitioner is asked for every message, with the topic's metadata.
    const partitioner = (config.createPartitioner ?? Partitioners.DefaultPartitioner)();
    const partitionMetadata: PartitionMetadata[] = [0, 1, 2].map((partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
    const send = async (record: ProducerRecord): Promise<RecordMetadata[]> => {
      const counts = new Map<number, number>();
      for (const message of record.messages) {
        const p = partitioner({ topic: record.topic, partitionMetadata, message });
        counts.set(p, (counts.get(p) ?? 0) + 1);
      }
      return [...counts].map(([partition, n]) => {
        const key = `${record.topic}/${partition}`;
        const base = this.#offsets.get(key) ?? 0;
        this.#offsets.set(key, base + n);
        return { topicName: record.topic, partition, errorCode: 0, baseOffset: String(base) };
      });
    };
    return { connect: async () => undefined, disconnect: async () => undefined, send } as unknown as Producer;
  }

  createConsumer(): Consumer {
    const listeners = new Map<string, (e: unknown) => void>();
    const batches = this.batches;
    let running = false;
    const consumer = {
      events: { GROUP_JOIN: 'group_join', REBALANCING: 'rebalancing', CRASH: 'crash' },
      on: (event: string, fn: (e: unknown) => void) => listeners.set(event, fn),
      connect: async () => undefined,
      subscribe: async () => undefined,
      disconnect: async () => {
        running = false;
      },
      pause: () => undefined,
      resume: () => undefined,
      seek: () => undefined,
      paused: () => [],
      run: async (config: ConsumerRunConfig) => {
        running = true;
        listeners.get('group_join')?.({ payload: { memberAssignment: { t: [0] } } });
        void (async () => {
          for (const messages of batches) {
            if (!running) break;
            const payload = {
              batch: { topic: 't', partition: 0, messages },
              resolveOffset: () => undefined,
              heartbeat: async () => undefined,
              isRunning: () => running,
              isStale: () => false,
              commitOffsetsIfNecessary: async () => undefined,
            } as unknown as EachBatchPayload;
            await config.eachBatch!(payload);
          }
        })();
      },
    };
    return consumer as unknown as Consumer;
  }

  createAdmin(): Admin {
    throw new Error('no admin in this stand-in');
  }
}

/** What kafkajs hands a consumer for a record ksdk produced: Buffers, string offsets. */
export function asFetched(record: Message, offset: number): KafkaMessage {
  const headers: IHeaders = {};
  for (const [k, v] of Object.entries(record.headers ?? {})) headers[k] = Buffer.from(String(v));
  const value = Buffer.isBuffer(record.value) ? record.value : Buffer.from(String(record.value));
  const key = record.key === null || record.key === undefined ? null : Buffer.from(record.key);
  return { key, value, headers, timestamp: String(Date.now()), offset: String(offset), attributes: 0, size: value.length } as unknown as KafkaMessage;
}

export function inBatches(records: KafkaMessage[], size = BATCH): KafkaMessage[][] {
  const out: KafkaMessage[][] = [];
  for (let i = 0; i < records.length; i += size) out.push(records.slice(i, i + size));
  return out;
}

