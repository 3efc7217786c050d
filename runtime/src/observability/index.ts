export * from './RuntimeEvents.js';
export type {
  ConsumerMonitor,
  MessageDeadLetteredContext,
  MessageFailedContext,
  MessageForwardedContext,
  MessageProcessedContext,
  MessageReceivedContext,
  MessageSkippedContext,
} from './ConsumerMonitor.js';
export { attachMonitors, type AttachMonitorsOptions } from './attachMonitors.js';
export { LoggingMonitor, type LoggedEvent, type LoggingMonitorOptions, type MonitorLogger, type MonitorLogLevel } from './LoggingMonitor.js';
export { attachMetrics, KSDK_METER_NAME, type MetricNames, type MetricsOptions } from '../otel/attachMetrics.js';
export { ReferenceMetric } from '../otel/ReferenceMetric.js';
export { KsdkAttr, KsdkSpanEvent, MESSAGING_SYSTEM_KAFKA, SemconvAttr, SemconvMetric } from '../otel/semconv.js';
export { createTracing, KSDK_TRACER_NAME, type KsdkTracing, type TracingOptions } from '../otel/createTracing.js';
export type { ConsumerSpanRelation } from '../otel/processInterceptor.js';
export { headerGetter, headerSetter } from '../otel/headerCarrier.js';
// The producer hook tracing plugs into; also reachable through the producer module.
export type { OutgoingRecord, PublishHook, PublishOutcome } from '../producer/PublishHook.js';
