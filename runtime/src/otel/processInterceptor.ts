import { context as otelContext, isSpanContextValid, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Link, type SpanOptions, type TextMapPropagator, type Tracer } from '@opentelemetry/api';
import type { ProcessInterceptor } from '../consumer/ConsumerOptions.js';
import type { MessageContext } from '../consumer/MessageContext.js';
import { headerGetter } from './headerCarrier.js';
import type { ProcessSpans } from './ProcessSpans.js';
import { KsdkAttr, KsdkSpanEvent, MESSAGING_SYSTEM_KAFKA, SemconvAttr } from './semconv.js';

/**
 * How a consumer span relates to the producer's context found in the record's headers:
 * - `child` (default): the span is its child, so publish and processing form one trace;
 * - `link`: the span starts a new trace and links to it, for consumers that prefer
 *   one trace per processing over very long traces.
 */
export type ConsumerSpanRelation = 'child' | 'link';

export interface ProcessInterceptorDeps {
  tracer: Tracer;
  propagator: TextMapPropagator;
  relation: ConsumerSpanRelation;
  spans: ProcessSpans;
  /** False while tracing can have no effect (no SDK, no propagator): records pass through untouched. */
  inEffect?: () => boolean;
}

function processAttributes(ctx: MessageContext): Attributes {
  const attributes: Attributes = {
    [SemconvAttr.messagingSystem]: MESSAGING_SYSTEM_KAFKA,
    [SemconvAttr.operationType]: 'process',
    [SemconvAttr.operationName]: 'process',
    [SemconvAttr.destinationName]: ctx.topic,
    [SemconvAttr.destinationPartitionId]: String(ctx.partition),
    [SemconvAttr.consumerGroupName]: ctx.groupId,
    [SemconvAttr.clientId]: ctx.consumerId,
    [SemconvAttr.kafkaOffset]: Number(ctx.offset),
    [KsdkAttr.attempt]: ctx.attempt,
  };
  if (ctx.key !== null) attributes[SemconvAttr.kafkaMessageKey] = ctx.key;
  if (ctx.cloudEvent) attributes[SemconvAttr.messageId] = ctx.cloudEvent.id;
  return attributes;
}

/**
 * The consumer half of tracing: one `process {topic}` span (kind CONSUMER) per
 * handled record, whose parent or link is the context the configured
 * propagator extracts from the record's headers. The handler and the record's
 * outcome (retry, dead-lettering) run inside it, so spans the handler starts,
 * and records it publishes, are its children.
 */
export function processInterceptor({ tracer, propagator, relation, spans, inEffect }: ProcessInterceptorDeps): ProcessInterceptor {
  // `process {topic}`, built once per topic rather than per record.
  let lastTopic: string | undefined;
  let lastName = '';
  const spanName = (topic: string): string => {
    if (topic !== lastTopic) {
      lastTopic = topic;
      lastName = `process ${topic}`;
    }
    return lastName;
  };
  return async (ctx, next) => {
    if (inEffect !== undefined && !inEffect()) return next();
    // Extract into ROOT, not the active context: the record alone says which trace it belongs to.
    const extracted = propagator.extract(ROOT_CONTEXT, ctx.headers, headerGetter);
    let parent = extracted;
    let links: Link[] | undefined;
    if (relation === 'link') {
      const remote = trace.getSpanContext(extracted);
      parent = trace.deleteSpan(extracted); // keeps baggage
      if (remote && isSpanContextValid(remote)) links = [{ context: remote }];
    }
    const options: SpanOptions = { kind: SpanKind.CONSUMER, attributes: processAttributes(ctx) };
    if (links) options.links = links;
    const span = tracer.startSpan(spanName(ctx.topic), options, parent);
    if (ctx.attempt > 1) span.addEvent(KsdkSpanEvent.retry, { [KsdkAttr.attempt]: ctx.attempt });
    const entry = spans.open(ctx, span, ctx.cloudEvent !== undefined);
    try {
      const ok = await otelContext.with(trace.setSpan(parent, span), next);
      // The failure listener sets a precise status; this covers tracing without an event stream.
      if (!ok && !entry.failed) span.setStatus({ code: SpanStatusCode.ERROR, message: 'handler failed' });
      return ok;
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      spans.close(ctx);
      span.end();
    }
  };
}
