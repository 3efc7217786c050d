import type { Span } from '@opentelemetry/api';
import type { MessageContext } from '../consumer/MessageContext.js';
import { currentMessageContext } from '../consumer/messageContextStorage.js';
import type { ConsumerEventBase } from '../observability/RuntimeEvents.js';

/** The consumer span of one record in hand, and whether its attempt failed. */
export interface ProcessSpan {
  readonly span: Span;
  failed: boolean;
  hasMessageId: boolean;
}

/**
 * Where the tracing interceptor leaves the span of each record in hand, for the
 * event listeners that add retry and dead-letter events to it. Keyed by the
 * record's `MessageContext`, which the consumer makes current (AsyncLocalStorage)
 * around the handler *and* the outcome events: a listener finds its record's
 * span with no shared mutable key, however many partitions run concurrently.
 */
export class ProcessSpans {
  // A Map, not a WeakMap: every entry is removed when its record's span ends (close), and
  // a Map's set/delete cost less per record.
  readonly #spans = new Map<MessageContext, ProcessSpan>();

  open(context: MessageContext, span: Span, hasMessageId: boolean): ProcessSpan {
    const entry: ProcessSpan = { span, failed: false, hasMessageId };
    this.#spans.set(context, entry);
    return entry;
  }

  close(context: MessageContext): void {
    this.#spans.delete(context);
  }

  /** The span of the record an event is about, if that record is in hand here. */
  forEvent(event: ConsumerEventBase): ProcessSpan | undefined {
    const context = currentMessageContext();
    if (!context || context.topic !== event.topic || context.partition !== event.partition || context.offset !== event.offset) return undefined;
    return this.#spans.get(context);
  }
}
