import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import type { RecordHeaders } from '../transport/RecordHeaders.js';

/**
 * Reads propagation fields (`traceparent`, `tracestate`, `baggage`...) from a
 * consumed record's headers, which the consumer already decoded as UTF-8 text
 * (`MessageContext.headers`).
 */
export const headerGetter: TextMapGetter<Readonly<Record<string, string>>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};

/** Writes propagation fields into an outgoing record's headers as UTF-8 text, the de-facto Kafka convention. */
export const headerSetter: TextMapSetter<RecordHeaders> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};
