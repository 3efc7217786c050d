import { context as otelContext, isSpanContextValid, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Link, type Span, type SpanOptions, type TextMapPropagator, type Tracer } from '@opentelemetry/api';
import type { ProcessInterceptor } from '../consumer/ConsumerOptions.js';
import type { MessageContext } from '../consumer/MessageContext.js';
import { withSyncForm, type SyncInterceptor, type SyncNext } from '../consumer/syncInterceptor.js';
import { headerGetter } from './headerCarrier.js';
import type { ProcessSpan, ProcessSpans } from './ProcessSpans.js';
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

function processAttributes(ctx: MessageContext, messageId: string | undefined): Attributes {
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
  if (messageId !== undefined) attributes[SemconvAttr.messageId] = messageId;
  return attributes;
}

/** The attempt failed with `error` (thrown or rejected): recorded on the span, which ends; rethrown. */
function failedIn(spans: ProcessSpans, ctx: MessageContext, span: Span, error: unknown): never {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  spans.close(ctx);
  span.end();
  throw error;
}

/** The attempt is settled: the span ends. */
function settledIn(spans: ProcessSpans, ctx: MessageContext, span: Span, entry: ProcessSpan | undefined, ok: boolean): boolean {
  // The failure listener sets a precise status; this covers tracing without an event stream.
  if (!ok && (entry === undefined || !entry.failed)) span.setStatus({ code: SpanStatusCode.ERROR, message: 'handler failed' });
  if (entry !== undefined) spans.close(ctx);
  span.end();
  return ok;
}

/**
 * The consumer half of tracing: one `process {topic}` span (kind CONSUMER) per
 * handled record, whose parent or link is the context the configured
 * propagator extracts from the record's headers. The handler and the record's
 * outcome (retry, dead-lettering) run inside it, so spans the handler starts,
 * and records it publishes, are its children.
 *
 * The consumer calls its internal form (see SyncInterceptor): a record whose handler
 * answers synchronously costs no promise, and the message id is an attribute from the
 * start. `needMessageIds` is called when a record of unknown id (the public form, plain
 * JSON) is traced, so its id can come from the event stream instead.
 */
export function processInterceptor({ tracer, propagator, relation, spans, inEffect }: ProcessInterceptorDeps, needMessageIds?: () => void): ProcessInterceptor {
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
  const traced = (ctx: MessageContext, next: SyncNext, messageId: string | undefined): boolean | Promise<boolean> => {
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
    const options: SpanOptions = { kind: SpanKind.CONSUMER, attributes: processAttributes(ctx, messageId) };
    if (links) options.links = links;
    const span = tracer.startSpan(spanName(ctx.topic), options, parent);
    // A span that records nothing (a no-op tracer, a sampled-out record) has nothing for the
    // event listeners to add to: it is not registered for them.
    let entry: ProcessSpan | undefined;
    let active: Context;
    if (span.isRecording()) {
      if (ctx.attempt > 1) span.addEvent(KsdkSpanEvent.retry, { [KsdkAttr.attempt]: ctx.attempt });
      entry = spans.open(ctx, span, messageId !== undefined);
      active = trace.setSpan(parent, span);
    } else {
      // A no-op tracer's span carries the extracted span context itself: the extracted
      // context already holds a span of that very context, so no second one is built.
      active = trace.getSpan(parent)?.spanContext() === span.spanContext() ? parent : trace.setSpan(parent, span);
    }
    let settled: boolean | Promise<boolean>;
    try {
      settled = otelContext.with(active, next);
    } catch (error) {
      return failedIn(spans, ctx, span, error);
    }
    // The span ends once the record's outcome is settled: at once when that was synchronous.
    if (typeof settled === 'boolean') return settledIn(spans, ctx, span, entry, settled);
    return settled.then(
      (ok) => settledIn(spans, ctx, span, entry, ok),
      (error: unknown) => failedIn(spans, ctx, span, error),
    );
  };
  const sync: SyncInterceptor = traced;
  const publicForm: ProcessInterceptor = (ctx, next) => {
    // Called directly, not by the consumer: no message id at hand; a CloudEvent carries it,
    // a plain record's comes from the event stream.
    if (ctx.cloudEvent === undefined) needMessageIds?.();
    try {
      return Promise.resolve(traced(ctx, next, ctx.cloudEvent?.id));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return withSyncForm(publicForm, sync);
}
