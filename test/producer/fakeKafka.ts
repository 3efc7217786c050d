// A stand-in for the kafkajs producer, for unit tests of what the broker cannot show
// deterministically: when batches leave (linger, batch size, one in flight per topic),
// exactly-once callbacks, and how failures are split. It behaves like kafkajs where ksdk
// depends on it: it asks the configured partitioner for every message (handing it the
// topic's partition metadata), and answers with one RecordMetadata per partition.
// Everything a real broker can answer is tested against the broker (*.int.test.ts).
import type { Admin, Consumer, Message, PartitionMetadata, Producer, ProducerConfig, ProducerRecord, RecordMetadata } from 'kafkajs';
import type { KafkajsClientFactory } from '@ksdk/runtime';

export interface SentRequest {
  topic: string;
  messages: Message[];
  partitions: number[];
  acks: number | undefined;
  compression: number | undefined;
}

/** A kafkajs-like protocol error, e.g. MESSAGE_TOO_LARGE. */
export function protocolError(type: string, retriable = false): Error {
  return Object.assign(new Error(`broker says ${type}`), { name: 'KafkaJSProtocolError', type, retriable });
}

export interface FakeOptions {
  partitions?: number;
  /** Throw to fail a request (after partitioning, as kafkajs does). */
  reject?: (request: SentRequest) => Error | undefined;
  /** Await before answering, to hold requests in flight. */
  gate?: () => Promise<void>;
}

export class FakeKafka implements KafkajsClientFactory {
  /** Every topic exists here (`metadata()` answers for any name), so ksdk has no topic to look up. */
  readonly autoCreatesTopics = true;
  readonly configs: Array<ProducerConfig & { clientId?: string }> = [];
  readonly requests: SentRequest[] = [];
  /** Every message the fake "broker" appended, in order, per topic. */
  readonly written: Array<{ topic: string; partition: number; offset: string; message: Message }> = [];
  connects = 0;
  disconnects = 0;
  options: FakeOptions;
  readonly #offsets = new Map<string, number>();

  constructor(options: FakeOptions = {}) {
    this.options = options;
  }

  metadata(): PartitionMetadata[] {
    return Array.from({ length: this.options.partitions ?? 3 }, (_, partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
  }

  createProducer(config: ProducerConfig & { clientId?: string }): Producer {
    this.configs.push(config);
    const partitioner = config.createPartitioner!();
    const producer = {
      connect: async () => {
        this.connects++;
      },
      disconnect: async () => {
        this.disconnects++;
      },
      send: async (record: ProducerRecord): Promise<RecordMetadata[]> => {
        const partitionMetadata = this.metadata();
        const partitions = record.messages.map((message) => partitioner({ topic: record.topic, partitionMetadata, message }));
        const request: SentRequest = { topic: record.topic, messages: record.messages, partitions, acks: record.acks, compression: record.compression };
        this.requests.push(request);
        if (this.options.gate) await this.options.gate();
        const error = this.options.reject?.(request);
        if (error) throw error;
        const out = new Map<number, RecordMetadata>();
        record.messages.forEach((message, i) => {
          const partition = partitions[i]!;
          const key = `${record.topic}/${partition}`;
          const offset = this.#offsets.get(key) ?? 0;
          this.#offsets.set(key, offset + 1);
          this.written.push({ topic: record.topic, partition, offset: String(offset), message });
          if (!out.has(partition)) out.set(partition, { topicName: record.topic, partition, errorCode: 0, baseOffset: String(offset) });
        });
        return [...out.values()];
      },
    };
    return producer as unknown as Producer;
  }

  createConsumer(): Consumer {
    throw new Error('not in this fake');
  }

  createAdmin(): Admin {
    throw new Error('not in this fake');
  }
}

/** A gate: requests wait on `wait()` until `open()`. */
export function gate(): { wait: () => Promise<void>; open: () => void } {
  let release!: () => void;
  let promise = new Promise<void>((r) => (release = r));
  return {
    wait: () => promise,
    open: () => {
      release();
      promise = new Promise<void>((r) => (release = r));
    },
  };
}
