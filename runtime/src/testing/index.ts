/**
 * `@ksdk/runtime/testing`: run ksdk subscriptions and producers without a
 * broker. Importing this entry loads no kafkajs and opens no connection.
 */
export { InMemoryKafka, type InMemoryKafkaOptions } from './InMemoryKafka.js';
export type { InMemoryAdmin } from './InMemoryAdmin.js';
export type { InMemoryConsumer } from './InMemoryConsumer.js';
export type { InMemoryProducer } from './InMemoryProducer.js';
export type { InMemoryRecord } from './TopicLog.js';
export type { AssignmentStrategy } from './assignPartitions.js';
export { KafkaProtocolError, KafkaClientError, type ProtocolErrorType } from './KafkaProtocolError.js';
export { TestHarness, createTestHarness, type TestHarnessOptions, type SubscriptionsFactory, type RawRecord } from './TestHarness.js';
export type { MessageOutcome, OutcomeStatus, OutcomeQuery, RecordRef } from './MessageOutcome.js';
