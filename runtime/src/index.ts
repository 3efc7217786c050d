/**
 * `@ksdk/runtime`: what an application writes. Generated code imports from here
 * and from `@ksdk/runtime/codegen`; telemetry is in `/otel`, the record layout in
 * `/wire`, the transport port in `/transport`, the in-memory Kafka in `/testing`.
 * docs/api.md lists every entry point's names; test/architecture/publicApi.test.ts
 * keeps this file and that list equal.
 */

// Producing
export { KsdkProducer, type CloseOptions, type PublishBatchOptions, type PublishOptions } from './producer/KsdkProducer.js';
export type { ProducerOptions } from './producer/ProducerOptions.js';
export type { BatchResult, DeliveryCallback, DeliveryReport, PublishFailure, PublishResult } from './producer/PublishResult.js';
export type { MessageBatchResponseLogger, MessageResponseLogger } from './producer/ResponseLoggers.js';
export { registerCompressionCodec, type Compression, type CompressionCodecFactory, type CompressionName } from './producer/compression.js';
export type { OutgoingRecord, PublishInterceptor, PublishOutcome } from './producer/PublishInterceptor.js';

// Messages
export type { MessageMetadata, NewMessage } from './messages/MessageMetadata.js';
export type { MessageOf } from './messages/MessageDescriptor.js';
export type { WireFormat } from './wire/WireFormat.js';
export type { CloudEventExtensions } from './wire/CloudEventExtensions.js';

// Partition keys
export type { PartitionKeyStrategy } from './partitioning/PartitionKeyStrategy.js';
export { byMessageId, byProperty, byUniqueKey, custom, murmur3, roundRobin, sticky, timeWindow, type PropertyOf } from './partitioning/strategies.js';

// Consuming
export { SubscriptionSet, type SubscriptionSetStatus } from './consumer/SubscriptionSet.js';
export { Subscription, type SubscriptionState, type SubscriptionStatus } from './consumer/Subscription.js';
export type { ConsumerInstanceStatus, PartitionStatus } from './consumer/ConsumerInstance.js';
export type { PartitionWait, StuckPartition } from './consumer/PartitionProgress.js';
export type { ConsumerOptions, ProcessInterceptor, SubscriptionOverride } from './consumer/ConsumerOptions.js';
export type { MessageContext, MessageHandler } from './consumer/MessageContext.js';
export type { CloudEventInfo } from './wire/decodeRecord.js';
export { currentMessageContext } from './consumer/messageContextStorage.js';

// Failure handling
export type { CustomRetry, FailureDecision, FailureInfo, InProcessRetry, NoRetry, RetryPolicy, TopicChainRetry } from './consumer/RetryPolicy.js';
export type { DeadLetterRefusedAction, ExhaustedAction } from './consumer/SubscriptionSpec.js';
export { isRetriable } from './errors/isRetriable.js';

// Errors
export { KsdkError, toKsdkError, type KsdkErrorCode, type KsdkErrorOptions } from './errors/KsdkError.js';
export { ValidationError, type SchemaViolation } from './errors/ValidationError.js';
export { DecodeError, type DecodeFailure } from './errors/DecodeError.js';
export { PublishError, type PublishFailureReason } from './errors/PublishError.js';
export { UnknownTopicError } from './errors/UnknownTopicError.js';

// Events and monitors
export {
  RuntimeEvents,
  type ConsumerEventBase,
  type MessageDeadLetteredEvent,
  type MessageFailedEvent,
  type MessageForwardedEvent,
  type MessageProcessedEvent,
  type MessagePublishedEvent,
  type MessageReceivedEvent,
  type MessageSkippedEvent,
  type PublishEventBase,
  type PublishFailedEvent,
  type RuntimeEventMap,
  type RuntimeEventType,
  type RuntimeListener,
} from './observability/RuntimeEvents.js';
export type { StreamCommitFailedEvent, StreamLateRecordEvent, StreamRecordSkippedEvent, StreamStateRestoredEvent } from './observability/StreamEvents.js';
export type { ConsumerMonitor } from './observability/ConsumerMonitor.js';
export { attachMonitors, type AttachMonitorsOptions } from './observability/attachMonitors.js';
export { LoggingMonitor, type LoggedEvent, type LoggingMonitorOptions, type MonitorLogger, type MonitorLogLevel } from './observability/LoggingMonitor.js';

// Lifecycle
export { Worker, type ComponentStatus, type WorkerComponent, type WorkerOptions, type WorkerState, type WorkerStatus } from './worker/Worker.js';

// Streams
export { StreamApp } from './streams/StreamApp.js';
export type { ProcessingGuarantee, StreamAppOptions } from './streams/StreamAppOptions.js';
export type { StreamAppState, StreamAppStatus, StreamTaskStatus } from './streams/StreamAppStatus.js';
export type {
  BranchedStreams,
  BranchValue,
  GroupByKeyOptions,
  GroupByOptions,
  GroupedStream,
  KStream,
  SessionWindowedStream,
  StreamPredicate,
  TimeWindowedStream,
  WindowedTable,
} from './streams/KStream.js';
export type { GroupKey } from './streams/GroupKey.js';
export { fieldTimestamp, type StreamOptions, type TimestampExtractor } from './streams/TimestampExtractor.js';
export type { RecordContext } from './streams/RecordContext.js';
export { hopping, tumbling, TimeWindows, type TimeWindow } from './streams/TimeWindows.js';
export { session, SessionWindows } from './streams/SessionWindows.js';
export type { AggregationOptions, EmitMode, SessionResult, WindowResult } from './streams/WindowResult.js';
export type { Outgoing, TopicAccepts, TopicMessage, TopicMismatch } from './streams/TopicDescriptor.js';

// Connection and topics
export type { ConnectionOptions } from './kafka/ConnectionOptions.js';
export { ensureTopics, type EnsureTopicsOptions, type EnsureTopicsReport, type TopicOutcome } from './kafka/ensureTopics.js';
export type { TopicDrift } from './kafka/compareTopics.js';
export type { TopicSpec } from './kafka/TopicSpec.js';

// Client factories (the port itself: `@ksdk/runtime/transport`)
export type { ClientFactory } from './transport/ClientFactory.js';
export { DefaultClientFactory, kafkajsClientFactory, type KafkajsClientFactory } from './kafka/KafkajsClientFactory.js';
export { linearHeaderDecoding, type LinearHeaderDecodingStatus } from './kafka/linearHeaderDecoding.js';
