import { SpanStatusCode } from '@opentelemetry/api';
import type { ProcessSpans } from './ProcessSpans.js';
import type { RuntimeEvents } from '../observability/RuntimeEvents.js';
import { KsdkAttr, KsdkSpanEvent, SemconvAttr } from './semconv.js';

/**
 * Adds what happened to a record to its consumer span: the failure of an
 * attempt (an `exception` event with `ksdk.attempt` and `ksdk.will_retry`, the
 * span status and `error.type`), dead-lettering, forwarding to a retry topic,
 * or skipping. These facts are decided after the handler returns, so they come
 * from the runtime event stream rather than from the interceptor. Returns the
 * function that stops listening.
 */
export function recordSpanEvents(events: RuntimeEvents, spans: ProcessSpans): () => void {
  const unsubscribers = [
    events.on('consumer.failed', (e) => {
      const entry = spans.forEvent(e);
      if (!entry) return;
      entry.failed = true;
      if (!entry.hasMessageId && e.message) entry.span.setAttribute(SemconvAttr.messageId, e.message.id);
      entry.span.addEvent('exception', {
        [SemconvAttr.exceptionType]: e.error.name,
        [SemconvAttr.exceptionMessage]: e.error.message,
        ...(e.error.stack ? { [SemconvAttr.exceptionStacktrace]: e.error.stack } : {}),
        [KsdkAttr.attempt]: e.retryAttempt,
        [KsdkAttr.willRetry]: e.willRetry,
      });
      entry.span.setAttribute(SemconvAttr.errorType, e.error.name);
      entry.span.setStatus({ code: SpanStatusCode.ERROR, message: e.error.message });
    }),
    events.on('consumer.dead-lettered', (e) => {
      spans.forEvent(e)?.span.addEvent(KsdkSpanEvent.deadLettered, {
        [KsdkAttr.deadLetterTopic]: e.deadLetterTopic,
        [KsdkAttr.deadLetterReason]: e.reason,
        [KsdkAttr.totalAttempts]: e.totalAttempts,
      });
    }),
    events.on('consumer.forwarded', (e) => {
      spans.forEvent(e)?.span.addEvent(KsdkSpanEvent.forwarded, { [KsdkAttr.nextTopic]: e.nextTopic, [KsdkAttr.attempt]: e.retryAttempt });
    }),
    events.on('consumer.skipped', (e) => {
      spans.forEvent(e)?.span.addEvent(KsdkSpanEvent.skipped, { [KsdkAttr.totalAttempts]: e.totalAttempts });
    }),
  ];
  return () => {
    for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
  };
}

/**
 * Sets `messaging.message.id` on the span of a processed record that was opened without it
 * (the interceptor's public form on a plain-JSON record, whose id only the decoded message
 * has). Not listened to otherwise: a `consumer.processed` listener makes every record build
 * its event payload. Returns the function that stops listening.
 */
export function recordMessageIds(events: RuntimeEvents, spans: ProcessSpans): () => void {
  return events.on('consumer.processed', (e) => {
    const entry = spans.forEvent(e);
    if (entry && !entry.hasMessageId && e.message) entry.span.setAttribute(SemconvAttr.messageId, e.message.id);
  });
}
