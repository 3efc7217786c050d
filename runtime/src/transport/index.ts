// ksdk's transport port: what the runtime needs of a Kafka client library.
export type { ClientFactory } from './ClientFactory.js';
export type { RecordHeaders } from './RecordHeaders.js';
export type { TopicCreation, TopicMetadata, TransportAdmin } from './TransportAdmin.js';
export type {
  BatchEndPayload,
  CommitOffsets,
  ConsumedRecord,
  CrashPayload,
  GroupJoinPayload,
  TopicPartitionOffset,
  TopicPartitions,
  TopicSelection,
  TransportBatch,
  TransportConsumer,
  TransportConsumerConfig,
  TransportRunConfig,
} from './TransportConsumer.js';
export type {
  CompressionCodec,
  OutboundRecord,
  PartitionMetadata,
  PartitionerArgs,
  PartitionerFactory,
  ProduceBatchRequest,
  ProduceRequest,
  ProduceResult,
  RetrySettings,
  TransportProducer,
  TransportProducerConfig,
  TransportTransaction,
} from './TransportProducer.js';
