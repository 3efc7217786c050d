// `@ksdk/runtime/transport`: ksdk's transport port, what the runtime needs of a Kafka client library
// (the factory that makes these clients, `ClientFactory`, is in the root entry).
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
