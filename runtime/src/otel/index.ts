/**
 * `@ksdk/runtime/otel`: OpenTelemetry metrics and tracing for ksdk producers and
 * consumers, through `@opentelemetry/api` only (the only part of the runtime that
 * imports it). Both subscribe to the runtime's event stream (`RuntimeEvents`).
 */
export { attachMetrics, KSDK_METER_NAME, type MetricNames, type MetricsOptions } from './attachMetrics.js';
export { createTracing, KSDK_TRACER_NAME, type KsdkTracing, type TracingOptions } from './createTracing.js';
export { headerGetter, headerSetter } from './headerCarrier.js';
export type { ConsumerSpanRelation } from './processInterceptor.js';
export { ReferenceMetric } from './ReferenceMetric.js';
export { KsdkAttr, KsdkSpanEvent, MESSAGING_SYSTEM_KAFKA, SemconvAttr, SemconvMetric } from './semconv.js';
