import { ProxyTracerProvider, trace, type TextMapPropagator } from '@opentelemetry/api';

/**
 * For ksdk's default tracer (the OpenTelemetry API's proxy for `name`): whether tracing
 * can have any effect yet. Until an SDK registers a tracer provider the proxy answers
 * every span with a non-recording one, and until a propagator is registered nothing is
 * read from or written to headers; while both hold, ksdk builds no span, attributes or
 * context per record. Checked per record (an SDK may register at any time) until it
 * turns true, then never again: registrations stay.
 *
 * A tracer passed by the application is taken to be in effect: only the API's proxy can
 * say it is not.
 */
export function tracingInEffect(name: string, propagator: TextMapPropagator, ownTracer: boolean): () => boolean {
  if (ownTracer) return () => true;
  let inEffect = false;
  return () => {
    if (inEffect) return true;
    const provider = trace.getTracerProvider();
    inEffect = !(provider instanceof ProxyTracerProvider) || provider.getDelegateTracer(name) !== undefined || propagator.fields().length > 0;
    return inEffect;
  };
}
