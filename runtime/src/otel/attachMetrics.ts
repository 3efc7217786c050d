import { metrics, type Attributes, type Meter } from '@opentelemetry/api';
import { ReferenceMetric } from './ReferenceMetric.js';
import type { ConsumerEventBase, MessageFailedEvent, RuntimeEvents } from '../observability/RuntimeEvents.js';
import { MESSAGING_SYSTEM_KAFKA, SEMCONV_DURATION_BUCKETS_S, SemconvAttr, SemconvMetric } from './semconv.js';

/** Name of the meter ksdk uses when none is passed (the reference uses `JustSaying.Kafka`). */
export const KSDK_METER_NAME = '@ksdk/runtime';

/**
 * Which instrument names to record:
 * - `reference`: the reference README's `kafka.consumer.*` instruments (plus ksdk's `kafka.producer.*`);
 * - `semconv`: the OpenTelemetry messaging semantic conventions' `messaging.*` instruments;
 * - `both` (default): both, so either kind of dashboard works without configuration.
 */
export type MetricNames = 'reference' | 'semconv' | 'both';

export interface MetricsOptions {
  /**
   * The meter to create instruments on. Default: `metrics.getMeter('@ksdk/runtime')`
   * from the global provider, which must be registered *before* this call: the
   * OpenTelemetry API has no proxy meter, so instruments made earlier stay no-ops.
   */
  meter?: Meter;
  names?: MetricNames;
}

const SECOND = 1000;

/**
 * Records OpenTelemetry metrics from a runtime event stream; returns the
 * function that stops recording. Uses `@opentelemetry/api` only: without a
 * registered SDK every instrument is a no-op, and the SDK (exporters, views,
 * temporality) stays the application's choice.
 */
export function attachMetrics(events: RuntimeEvents, options: MetricsOptions = {}): () => void {
  const meter = options.meter ?? metrics.getMeter(KSDK_METER_NAME);
  const names = options.names ?? 'both';
  const unsubscribers: Array<() => void> = [];
  if (names === 'reference' || names === 'both') unsubscribers.push(...referenceInstruments(events, meter));
  if (names === 'semconv' || names === 'both') unsubscribers.push(...semconvInstruments(events, meter));
  return () => {
    for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
  };
}

const tp = (e: { topic: string; partition: number }): Attributes => ({ topic: e.topic, partition: e.partition });
const failureTags = (e: MessageFailedEvent): Attributes => ({ ...tp(e), exception_type: e.error.name, will_retry: e.willRetry });

function referenceInstruments(events: RuntimeEvents, meter: Meter): Array<() => void> {
  const message = '{message}';
  const received = meter.createCounter(ReferenceMetric.received, { unit: message, description: 'Records delivered to a consumer (each retried delivery counts)' });
  const processed = meter.createCounter(ReferenceMetric.processed, { unit: message, description: 'Records handled successfully' });
  const failed = meter.createCounter(ReferenceMetric.failed, { unit: message, description: 'Failed processing attempts' });
  const deadLettered = meter.createCounter(ReferenceMetric.deadLettered, { unit: message, description: 'Records written to a dead-letter topic' });
  const retries = meter.createCounter(ReferenceMetric.retryAttempts, { unit: '{retry}', description: 'Retries decided after a failed attempt' });
  const lag = meter.createHistogram(ReferenceMetric.lag, { unit: 'ms', description: 'Time from the record timestamp to its receipt' });
  const processing = meter.createHistogram(ReferenceMetric.processingDuration, { unit: 'ms', description: 'Handler time of successful attempts' });
  const published = meter.createCounter(ReferenceMetric.published, { unit: message, description: 'Records the broker acknowledged' });
  const publishFailed = meter.createCounter(ReferenceMetric.publishFailed, { unit: message, description: 'Records that could not be published' });
  const publishDuration = meter.createHistogram(ReferenceMetric.publishDuration, { unit: 'ms', description: 'Time from publish to the broker answer' });

  return [
    events.on('consumer.received', (e) => {
      received.add(1, tp(e));
      lag.record(e.lagMs, tp(e));
    }),
    events.on('consumer.processed', (e) => {
      processed.add(1, tp(e));
      processing.record(e.processingDurationMs, tp(e));
    }),
    events.on('consumer.failed', (e) => {
      failed.add(1, failureTags(e));
      if (e.willRetry) retries.add(1, tp(e));
    }),
    events.on('consumer.dead-lettered', (e) => deadLettered.add(1, { ...tp(e), dead_letter_topic: e.deadLetterTopic, reason: e.reason })),
    events.on('producer.published', (e) => {
      published.add(1, tp(e));
      publishDuration.record(e.durationMs, tp(e));
    }),
    events.on('producer.failed', (e) => {
      publishFailed.add(1, { topic: e.topic, exception_type: e.error.name });
      publishDuration.record(e.durationMs, { topic: e.topic, exception_type: e.error.name });
    }),
  ];
}

/** Attributes semconv puts on consumer-side metrics (`destination.name` is low-cardinality for Kafka topics). */
function consumerAttrs(e: ConsumerEventBase): Attributes {
  return {
    [SemconvAttr.messagingSystem]: MESSAGING_SYSTEM_KAFKA,
    [SemconvAttr.operationName]: 'process',
    [SemconvAttr.operationType]: 'process',
    [SemconvAttr.destinationName]: e.topic,
    [SemconvAttr.destinationPartitionId]: String(e.partition),
    [SemconvAttr.consumerGroupName]: e.groupId,
  };
}

function sendAttrs(topic: string, partition: number | undefined, error: Error | undefined): Attributes {
  const attrs: Attributes = {
    [SemconvAttr.messagingSystem]: MESSAGING_SYSTEM_KAFKA,
    [SemconvAttr.operationName]: 'send',
    [SemconvAttr.operationType]: 'send',
    [SemconvAttr.destinationName]: topic,
  };
  if (partition !== undefined) attrs[SemconvAttr.destinationPartitionId] = String(partition);
  if (error) attrs[SemconvAttr.errorType] = error.name;
  return attrs;
}

function semconvInstruments(events: RuntimeEvents, meter: Meter): Array<() => void> {
  const advice = { explicitBucketBoundaries: [...SEMCONV_DURATION_BUCKETS_S] };
  const consumed = meter.createCounter(SemconvMetric.consumedMessages, { unit: '{message}', description: 'Number of messages that were delivered to the application' });
  const processDuration = meter.createHistogram(SemconvMetric.processDuration, { unit: 's', description: 'Duration of processing operation', advice });
  const sent = meter.createCounter(SemconvMetric.sentMessages, { unit: '{message}', description: 'Number of messages producer attempted to send to the broker' });
  const operationDuration = meter.createHistogram(SemconvMetric.operationDuration, {
    unit: 's',
    description: 'Duration of messaging operation initiated by a producer or consumer client',
    advice,
  });

  return [
    events.on('consumer.received', (e) => consumed.add(1, consumerAttrs(e))),
    events.on('consumer.processed', (e) => processDuration.record(e.processingDurationMs / SECOND, consumerAttrs(e))),
    events.on('consumer.failed', (e) => {
      // A record that could not be decoded never reached the handler: there was no processing to time.
      if (e.message === undefined) return;
      processDuration.record(e.processingDurationMs / SECOND, { ...consumerAttrs(e), [SemconvAttr.errorType]: e.error.name });
    }),
    events.on('producer.published', (e) => {
      const attrs = sendAttrs(e.topic, e.partition, undefined);
      sent.add(1, attrs);
      operationDuration.record(e.durationMs / SECOND, attrs);
    }),
    events.on('producer.failed', (e) => {
      const attrs = sendAttrs(e.topic, undefined, e.error);
      sent.add(1, attrs);
      operationDuration.record(e.durationMs / SECOND, attrs);
    }),
  ];
}
