import { propagation, trace, type TextMapPropagator, type Tracer } from '@opentelemetry/api';
import type { ProcessInterceptor } from '../consumer/ConsumerOptions.js';
import { withInEffect } from '../consumer/interceptorInEffect.js';
import type { PublishInterceptor } from '../producer/PublishInterceptor.js';
import { processInterceptor, type ConsumerSpanRelation } from './processInterceptor.js';
import { ProcessSpans } from './ProcessSpans.js';
import { recordMessageIds, recordSpanEvents } from './recordSpanEvents.js';
import type { RuntimeEvents } from '../observability/RuntimeEvents.js';
import { sendInterceptor } from './sendInterceptor.js';
import { tracingInEffect } from './tracingInEffect.js';

/** Name of the tracer ksdk uses when none is passed (the reference's source is `JustSaying.Kafka`). */
export const KSDK_TRACER_NAME = '@ksdk/runtime';

export interface TracingOptions {
  /**
   * Default: `trace.getTracer('@ksdk/runtime')`, a proxy that starts recording
   * once an SDK registers a tracer provider, even one registered later.
   */
  tracer?: Tracer;
  /**
   * Default: the globally registered propagator, which every OpenTelemetry SDK
   * setup makes W3C Trace Context (`traceparent`/`tracestate`) plus baggage
   * (NodeSDK, `NodeTracerProvider.register()`). Without an SDK it is a no-op,
   * so ksdk writes no headers then. Pass one to force a format.
   */
  propagator?: TextMapPropagator;
  /**
   * The runtime event stream of the subscriptions: with it, failed attempts,
   * retries, dead-lettering and forwarding are recorded on the consumer spans.
   */
  events?: RuntimeEvents;
  /** Consumer span parent (`child`, default) or link (`link`) to the producer's context. */
  consumerSpans?: ConsumerSpanRelation;
}

export interface KsdkTracing {
  /** Put in `ConsumerOptions.interceptors`: one consumer span per handled record. */
  readonly processInterceptor: ProcessInterceptor;
  /** Put in `ProducerOptions.interceptors`: one producer span per record, its context injected into the headers. */
  readonly publishInterceptor: PublishInterceptor;
  /** Stops listening to the event stream (spans already open still end). */
  close(): void;
}

/**
 * Distributed tracing for ksdk producers and consumers, through
 * `@opentelemetry/api` only: without a registered SDK every span is a no-op
 * and nothing is written to headers. It is opt-in pieces rather than a global
 * switch so the application decides which producers and subscriptions trace.
 */
export function createTracing(options: TracingOptions = {}): KsdkTracing {
  const tracer = options.tracer ?? trace.getTracer(KSDK_TRACER_NAME);
  const propagator: TextMapPropagator = options.propagator ?? propagation;
  const spans = new ProcessSpans();
  const events = options.events;
  // The span-event listeners are added once tracing is in effect: until then there is no
  // span to add to, and a listener would make every record build its event payloads.
  let stop: (() => void) | undefined;
  let stopIds: (() => void) | undefined;
  let closed = false;
  const traced = tracingInEffect(KSDK_TRACER_NAME, propagator, options.tracer !== undefined);
  const inEffect = (): boolean => {
    if (!traced()) return false;
    if (stop === undefined && events !== undefined && !closed) stop = recordSpanEvents(events, spans);
    return true;
  };
  const needMessageIds = (): void => {
    if (stopIds === undefined && events !== undefined && !closed) stopIds = recordMessageIds(events, spans);
  };
  return {
    processInterceptor: withInEffect(processInterceptor({ tracer, propagator, relation: options.consumerSpans ?? 'child', spans, inEffect }, needMessageIds), inEffect),
    publishInterceptor: sendInterceptor({ tracer, propagator, inEffect: traced }),
    close: () => {
      closed = true;
      stop?.();
      stopIds?.();
    },
  };
}
