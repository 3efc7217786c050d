import type { ProducerConfig, RetryOptions } from 'kafkajs';
import type { ConnectionOptions } from '../kafka/ConnectionOptions.js';
import type { MessageMetadata } from '../messages/MessageMetadata.js';
import type { RuntimeEvents } from '../observability/RuntimeEvents.js';
import type { PartitionKeyStrategy } from '../partitioning/PartitionKeyStrategy.js';
import type { ClientFactory } from '../transport/ClientFactory.js';
import type { WireFormat } from '../wire/WireFormat.js';
import type { Compression } from './compression.js';
import type { PublishInterceptor } from './PublishInterceptor.js';
import type { MessageBatchResponseLogger, MessageResponseLogger } from './ResponseLoggers.js';

/**
 * One named producer: its cluster (the `ConnectionOptions` it extends), its
 * identity and its producer settings. Generated producer classes build one from
 * the manifest's `producers:` entry merged with what the application passes.
 *
 * Defaults lean to safety (acks all) and to bounded waiting: nothing in ksdk
 * waits on an unreachable broker for longer than `connectTimeoutMs` or on a
 * missing acknowledgement for longer than `deliveryTimeoutMs`.
 */
export interface ProducerOptions extends ConnectionOptions {
  /** Name of the producer (the manifest's producer name), reported in events. */
  name?: string;
  /** CloudEvents `source`. Default `urn:ksdk:<name>`. */
  source?: string;
  /** Wire format of outgoing records. Default `structured`. */
  wireFormat?: WireFormat;
  /** Validate outgoing messages against their schema before sending. Default true. */
  validate?: boolean;
  /** Metadata defaults applied when a message leaves them empty. */
  defaults?: { raisingComponent?: string; tenant?: string };

  /** -1 (all in-sync replicas, default), 1 (leader) or 0 (none: offsets are reported as `-1`). */
  acks?: -1 | 0 | 1;
  /** Broker-side wait for acks, in ms (Kafka's `request.timeout.ms` on the broker side). Default 30000. */
  timeoutMs?: number;
  /**
   * `gzip` works out of the box; `snappy`, `lz4` and `zstd` need a codec package
   * registered in kafkajs (see `registerCompressionCodec`). Default `none`.
   */
  compression?: Compression;
  /** Idempotent producer (kafkajs `idempotent`; forces acks -1). Default false. */
  idempotent?: boolean;
  /** Most requests in flight per broker connection (kafkajs `maxInFlightRequests`; the manifest's `maxInFlight`). Default: kafkajs's (unlimited). */
  maxInFlight?: number;
  /**
   * How often a failed request is retried (kafkajs `retry.retries`; the manifest's `retries`). The one
   * place the count is set: `kafka.retry` and `producer.retry` shape the backoff only. Default 5
   * (idempotent: unlimited).
   */
  retries?: number;

  /**
   * How long `produce()` and `publish()` wait for more records to the same topic
   * before sending them in one request (Kafka's `linger.ms`; kafkajs has none).
   * 0 (default) sends at once when nothing is in flight to the topic, and batches
   * whatever accumulates while a request is in flight.
   */
  lingerMs?: number;
  /**
   * Most records per request for `produce()`/`publish()`, and the default chunk
   * size of `publishBatch()`. Counts records, unlike Java's byte-based
   * `batch.size` (see `batchBytes`). Default 500.
   */
  batchSize?: number;
  /** Most bytes (values, keys and headers) per request before it is sent. Default 1,000,000. */
  batchBytes?: number;
  /** Most records waiting for delivery; past it a publish fails with `buffer-full`. Default 100,000. */
  bufferMaxRecords?: number;

  /**
   * Upper bound on connecting to the cluster, in ms. A publish to an unreachable
   * cluster fails with a `PublishError` (`unreachable`) within it. Default 10000.
   */
  connectTimeoutMs?: number;
  /**
   * How long the first publish to a topic looks for it on the cluster before it
   * fails with a `PublishError` (`unknown-topic`) naming the topic, in ms. ksdk
   * never creates topics on first use. Default 5000.
   */
  unknownTopicTimeoutMs?: number;
  /** Upper bound on one request's acknowledgement, in ms (Java's `delivery.timeout.ms`). Default 120000. */
  deliveryTimeoutMs?: number;

  /**
   * The Kafka record timestamp of each message, when `PublishOptions.timestamp`
   * does not set it: `send` (default) lets the client stamp the send time (Java's
   * CreateTime); `timeStamp` uses the message's own `timeStamp`, so the event
   * time a stream app windows by is the time the message states.
   */
  recordTimestamp?: 'send' | 'timeStamp';

  /** Key strategy for messages whose descriptor declares none. Default: the message id. */
  partitionKey?: PartitionKeyStrategy<MessageMetadata>;
  /** Called after every successful `publish()` and every delivered `produce()`. */
  responseLogger?: MessageResponseLogger;
  /** Called after every `publishBatch()` with what succeeded and what failed. */
  batchResponseLogger?: MessageBatchResponseLogger;

  /**
   * Other kafkajs producer settings (transactionalId, metadataMaxAge, the retry
   * backoff...). Settings named above are set there only (`idempotent`,
   * `maxInFlight`, `retries`): here they are refused. `createPartitioner` is
   * ksdk's: placement is a contract.
   */
  producer?: Omit<ProducerConfig, 'createPartitioner' | 'idempotent' | 'maxInFlightRequests' | 'retry'> & { retry?: Omit<RetryOptions, 'retries'> };
  /** Where the producer's clients come from (the transport port): your kafkajs clients, `InMemoryKafka`... Default: kafkajs, built from the connection options. */
  factory?: ClientFactory;
  /** Runtime event stream for monitors, metrics and tracing. */
  events?: RuntimeEvents;
  /** Called for every record before it is queued and told its outcome; tracing's `publishInterceptor` goes here. */
  interceptors?: readonly PublishInterceptor[];
  /** Clock in ms since the epoch (timestamps, key strategies); tests pass their own. */
  now?: () => number;
}
