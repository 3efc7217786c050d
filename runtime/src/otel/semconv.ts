/**
 * The OpenTelemetry messaging semantic-convention names ksdk emits, in one
 * place so that following a later semconv release is one deliberate edit.
 *
 * Generation: semantic conventions v1.28.0 (the names hold unchanged through
 * v1.43): `messaging.operation.type` with `send`/`process`,
 * `messaging.consumer.group.name`, `messaging.destination.partition.id` (a
 * string), `messaging.kafka.offset`, and the `messaging.client.*` metrics. It is
 * what OpenTelemetry's own kafkajs instrumentation and most backends' Kafka
 * dashboards read today. Later releases (v1.45) rename `messaging.system` to
 * `messaging.system.name` and `messaging.kafka.*` to `kafka.*`; the messaging
 * conventions are still "Development", so ksdk moves when they are stable,
 * not on every rename. Older ones (≤ v1.26: `messaging.kafka.message.offset`,
 * `messaging.kafka.consumer.group`, `messaging.kafka.destination.partition`)
 * are not emitted.
 */
export const SemconvAttr = {
  messagingSystem: 'messaging.system',
  destinationName: 'messaging.destination.name',
  destinationPartitionId: 'messaging.destination.partition.id',
  operationType: 'messaging.operation.type',
  operationName: 'messaging.operation.name',
  consumerGroupName: 'messaging.consumer.group.name',
  clientId: 'messaging.client.id',
  messageId: 'messaging.message.id',
  kafkaOffset: 'messaging.kafka.offset',
  kafkaMessageKey: 'messaging.kafka.message.key',
  errorType: 'error.type',
  exceptionType: 'exception.type',
  exceptionMessage: 'exception.message',
  exceptionStacktrace: 'exception.stacktrace',
} as const;

/** `messaging.system` for Kafka. */
export const MESSAGING_SYSTEM_KAFKA = 'kafka';

/** Semconv metric names of the same generation (v1.28+). */
export const SemconvMetric = {
  sentMessages: 'messaging.client.sent.messages',
  consumedMessages: 'messaging.client.consumed.messages',
  operationDuration: 'messaging.client.operation.duration',
  processDuration: 'messaging.process.duration',
} as const;

/**
 * Attributes and span events that are ksdk's own (retry and dead-letter facts
 * semconv has no names for). Namespaced `ksdk.` so they never collide with a
 * future semconv name.
 */
export const KsdkAttr = {
  /** 1-based attempt of this delivery (in-process retries and retry-topic hops both count). */
  attempt: 'ksdk.attempt',
  willRetry: 'ksdk.will_retry',
  subscription: 'ksdk.subscription',
  deadLetterTopic: 'ksdk.dead_letter.topic',
  deadLetterReason: 'ksdk.dead_letter.reason',
  totalAttempts: 'ksdk.total_attempts',
  nextTopic: 'ksdk.next_topic',
  producer: 'ksdk.producer',
  messageType: 'ksdk.message.type',
} as const;

/** Span events ksdk adds to a consumer span. */
export const KsdkSpanEvent = {
  /** At the start of a redelivered attempt (attempt > 1). */
  retry: 'ksdk.retry',
  deadLettered: 'ksdk.dead_lettered',
  forwarded: 'ksdk.forwarded',
  skipped: 'ksdk.skipped',
} as const;

/**
 * Histogram bucket boundaries (seconds) for semconv duration metrics, as the
 * semantic conventions advise, so they aggregate with other clients' metrics.
 */
export const SEMCONV_DURATION_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] as const;
