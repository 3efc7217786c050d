import { context as otelContext, SpanKind, SpanStatusCode, trace, type Attributes, type TextMapPropagator, type Tracer } from '@opentelemetry/api';
import type { PublishInterceptor } from '../producer/PublishInterceptor.js';
import { headerSetter } from './headerCarrier.js';
import { KsdkAttr, MESSAGING_SYSTEM_KAFKA, SemconvAttr } from './semconv.js';

export interface SendInterceptorDeps {
  tracer: Tracer;
  propagator: TextMapPropagator;
  /** False while tracing can have no effect (no SDK, no propagator): no span, no headers. */
  inEffect?: () => boolean;
}

/**
 * The producer half of tracing: a `send {topic}` span (kind PRODUCER) per
 * record, child of the caller's active context, whose context the propagator
 * injects into the record's headers (W3C `traceparent`/`tracestate` with the
 * usual SDK setup) so the consumer can continue the trace. The span ends with
 * the broker's answer, so its duration is the publish latency.
 */
export function sendInterceptor({ tracer, propagator, inEffect }: SendInterceptorDeps): PublishInterceptor {
  // `send {topic}`, built once per topic rather than per record.
  let lastTopic: string | undefined;
  let lastName = '';
  return (record) => {
    if (inEffect !== undefined && !inEffect()) return undefined;
    const attributes: Attributes = {
      [SemconvAttr.messagingSystem]: MESSAGING_SYSTEM_KAFKA,
      [SemconvAttr.operationType]: 'send',
      [SemconvAttr.operationName]: 'send',
      [SemconvAttr.destinationName]: record.topic,
      [SemconvAttr.messageId]: record.messageId,
      [KsdkAttr.producer]: record.producer,
      [KsdkAttr.messageType]: record.messageType,
    };
    // Semconv: a key without an unambiguous string form (bytes) is left out.
    if (typeof record.key === 'string') attributes[SemconvAttr.kafkaMessageKey] = record.key;
    const active = otelContext.active();
    if (record.topic !== lastTopic) {
      lastTopic = record.topic;
      lastName = `send ${record.topic}`;
    }
    const span = tracer.startSpan(lastName, { kind: SpanKind.PRODUCER, attributes }, active);
    propagator.inject(trace.setSpan(active, span), record.headers, headerSetter);
    return (outcome) => {
      if (outcome.ok) {
        span.setAttributes({ [SemconvAttr.destinationPartitionId]: String(outcome.partition), [SemconvAttr.kafkaOffset]: Number(outcome.offset) });
      } else {
        span.recordException(outcome.error);
        span.setAttribute(SemconvAttr.errorType, outcome.error.name);
        span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error.message });
      }
      span.end();
    };
  };
}
