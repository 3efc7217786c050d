import type { InstrumentationEvent, RecordMetadata } from 'kafkajs';
import { KsdkError } from '../errors/KsdkError.js';
import type { RecordHeaders } from '../transport/RecordHeaders.js';
import type {
  OutboundRecord,
  PartitionMetadata,
  ProduceBatchRequest,
  ProduceRequest,
  TransportProducer,
  TransportProducerConfig,
  TransportTransaction,
} from '../transport/TransportProducer.js';
import { defaultPartitioner } from './defaultPartitioner.js';
import type { InMemoryCluster } from './InMemoryCluster.js';
import { InstrumentationEmitter, PRODUCER_EVENTS, type ProducerEventPayloads } from './instrumentation.js';
import { KafkaClientError, KafkaProtocolError } from './KafkaProtocolError.js';
import type { AppendedRecord, TopicLog } from './TopicLog.js';

const bytes = (v: Buffer | string): Buffer => Buffer.from(v);

/** Header values as the broker keeps them: bytes, repeated headers as arrays. */
function storedHeaders(headers: RecordHeaders | undefined): Record<string, Buffer | Buffer[]> {
  const out: Record<string, Buffer | Buffer[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(bytes) : bytes(value);
  }
  return out;
}

/** Roughly what the record weighs on the wire: key, value and headers. */
function recordSize(record: AppendedRecord): number {
  let size = (record.key?.length ?? 0) + (record.value?.length ?? 0);
  for (const [name, value] of Object.entries(record.headers)) {
    size += name.length;
    for (const v of Array.isArray(value) ? value : [value as Buffer]) size += v.length;
  }
  return size;
}

/** Metadata of every partition, all led by broker 0 (the in-memory broker is one node). */
function metadataOf(topic: TopicLog): PartitionMetadata[] {
  return Array.from({ length: topic.partitionCount }, (_, partitionId) => ({
    partitionErrorCode: 0,
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
    offlineReplicas: [],
  }));
}

/**
 * The transport port's producer (`TransportProducer`), writing to the in-memory
 * broker. Like kafkajs it asks its partitioner (the config's
 * `createPartitioner`, else a Java-compatible one) for every record, handing
 * it the topic's partition metadata, and answers with one `RecordMetadata` per
 * partition written (none for `acks: 0`). A request is checked whole before
 * anything is appended (unknown topic, record too large), so a failed send
 * wrote nothing.
 */
export class InMemoryProducer implements TransportProducer {
  readonly events = PRODUCER_EVENTS;
  readonly #cluster: InMemoryCluster;
  readonly #config: TransportProducerConfig;
  readonly #partition: ReturnType<NonNullable<TransportProducerConfig['createPartitioner']>>;
  readonly #emitter: InstrumentationEmitter<ProducerEventPayloads>;
  #connected = false;

  constructor(cluster: InMemoryCluster, config: TransportProducerConfig) {
    this.#cluster = cluster;
    this.#config = config;
    this.#partition = (config.createPartitioner ?? defaultPartitioner)();
    this.#emitter = new InstrumentationEmitter(() => cluster.now());
  }

  async connect(): Promise<void> {
    this.#connected = true;
    this.#emitter.emit(PRODUCER_EVENTS.CONNECT, () => null);
  }

  async disconnect(): Promise<void> {
    if (!this.#connected) return;
    this.#connected = false;
    this.#emitter.emit(PRODUCER_EVENTS.DISCONNECT, () => null);
  }

  isIdempotent(): boolean {
    return this.#config.idempotent === true;
  }

  on<K extends keyof ProducerEventPayloads & string>(eventName: K, listener: (event: InstrumentationEvent<ProducerEventPayloads[K]>) => void): () => void {
    return this.#emitter.on(eventName, listener);
  }

  /** Transactions are not modelled: an exactly-once stream app needs a broker. */
  transaction(): Promise<TransportTransaction> {
    throw new KsdkError('KSDK_CONFIG', 'InMemoryKafka: Producer.transaction() is not supported by the in-memory transport (transactions are not modelled)');
  }

  send({ topic, messages, acks, timeout, compression }: ProduceRequest): Promise<RecordMetadata[]> {
    return this.sendBatch({ topicMessages: [{ topic, messages }], acks, timeout, compression });
  }

  /** Writes whole or not at all: every record is checked (topic, partition, size) before any is appended. */
  async sendBatch({ topicMessages, acks = -1 }: ProduceBatchRequest): Promise<RecordMetadata[]> {
    if (!this.#connected) throw new KafkaClientError('The producer is disconnected');
    const mayCreate = this.#config.allowAutoTopicCreation !== false;
    const plan: Array<{ topic: TopicLog; partition: number; record: AppendedRecord }> = [];
    for (const { topic: name, messages } of topicMessages) {
      const topic = this.#cluster.requireTopic(name, mayCreate);
      const partitionMetadata = metadataOf(topic);
      for (const message of messages) {
        const partition = this.#partition({ topic: name, partitionMetadata, message });
        if (!Number.isInteger(partition) || partition < 0 || partition >= topic.partitionCount) {
          throw new KafkaProtocolError('UNKNOWN_TOPIC_OR_PARTITION', `${name} has no partition ${partition}`);
        }
        const record = this.#stored(message);
        if (recordSize(record) > this.#cluster.settings.maxMessageBytes) {
          throw new KafkaProtocolError('MESSAGE_TOO_LARGE', `${name}: a record of ${recordSize(record)} bytes exceeds ${this.#cluster.settings.maxMessageBytes}`);
        }
        plan.push({ topic, partition, record });
      }
    }

    const written = new Map<string, RecordMetadata>();
    for (const { topic, partition, record } of plan) {
      const stored = topic.append(partition, record);
      const key = `${topic.name}\u0000${partition}`;
      if (!written.has(key)) {
        written.set(key, { topicName: topic.name, partition, errorCode: 0, baseOffset: stored.offset, logAppendTime: '-1', logStartOffset: String(topic.logStartOffset(partition)) });
      }
    }
    if (plan.length > 0) this.#cluster.signal.notify();
    return acks === 0 ? [] : [...written.values()];
  }

  #stored(message: OutboundRecord): AppendedRecord {
    return {
      key: message.key === undefined || message.key === null ? null : bytes(message.key),
      value: message.value === null ? null : bytes(message.value),
      headers: storedHeaders(message.headers),
      timestamp: message.timestamp ?? String(this.#cluster.now()),
    };
  }
}
