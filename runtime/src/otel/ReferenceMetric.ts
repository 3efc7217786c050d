/**
 * Instrument names in the reference library's scheme (its README's "OpenTelemetry
 * Metrics" table), so dashboards built for JustSaying.Extensions.Kafka read ksdk
 * unchanged. Consumer instruments carry `topic` and `partition`; failures add
 * `exception_type` and `will_retry`. The reference defines no producer
 * instruments; ksdk's follow the same scheme.
 */
export const ReferenceMetric = {
  /** Counter: every delivery of a record to a consumer (retried deliveries count again). */
  received: 'kafka.consumer.messages.received',
  /** Counter: records handled successfully. */
  processed: 'kafka.consumer.messages.processed',
  /** Counter: failed attempts (`exception_type`, `will_retry`). */
  failed: 'kafka.consumer.messages.failed',
  /** Counter: records written to a dead-letter topic (`dead_letter_topic`, `reason`). */
  deadLettered: 'kafka.consumer.messages.dead_lettered',
  /** Counter: retries decided (in-process backoff or forward to a retry topic). */
  retryAttempts: 'kafka.consumer.retry.attempts',
  /** Histogram, ms: receive time minus record timestamp. */
  lag: 'kafka.consumer.lag',
  /** Histogram, ms: handler time of successful attempts. */
  processingDuration: 'kafka.consumer.processing.duration',
  /** Counter: records the broker acknowledged. */
  published: 'kafka.producer.messages.published',
  /** Counter: records that could not be published (`exception_type`). */
  publishFailed: 'kafka.producer.messages.failed',
  /** Histogram, ms: from publish call to the broker's answer. */
  publishDuration: 'kafka.producer.publish.duration',
} as const;
