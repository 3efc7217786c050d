// Registers an in-memory OpenTelemetry tracing SDK for one test file (vitest runs each
// file in its own process): tracer provider, AsyncLocalStorage context manager and the
// W3C Trace Context propagator, as an application's NodeSDK setup would.
import { context, propagation, trace, type SpanContext } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';

export interface TracingSdk {
  exporter: InMemorySpanExporter;
  provider: BasicTracerProvider;
  shutdown(): Promise<void>;
}

export function registerTracingSdk(): TracingSdk {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return {
    exporter,
    provider,
    shutdown: async () => {
      await provider.shutdown();
      contextManager.disable();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** The W3C `traceparent` a span context is written as. */
export const traceparentOf = (sc: SpanContext) => `00-${sc.traceId}-${sc.spanId}-0${sc.traceFlags.toString(16)}`;

export const parentId = (span: ReadableSpan) => span.parentSpanContext?.spanId;

export const eventNames = (span: ReadableSpan) => span.events.map((e) => e.name);
