import { boundText } from '../errors/boundText.js';
import type { RecordHeaders } from '../transport/RecordHeaders.js';

/** Headers ksdk adds to dead-lettered and retry-topic records. Original headers are kept. */
export const FailureHeader = {
  originalTopic: 'ksdk-original-topic',
  originalPartition: 'ksdk-original-partition',
  originalOffset: 'ksdk-original-offset',
  originalTimestamp: 'ksdk-original-timestamp',
  consumerGroup: 'ksdk-consumer-group',
  errorType: 'ksdk-error-type',
  errorMessage: 'ksdk-error-message',
  firstErrorType: 'ksdk-first-error-type',
  firstErrorMessage: 'ksdk-first-error-message',
  attempts: 'ksdk-attempts',
  failedAt: 'ksdk-failed-at',
  reason: 'ksdk-failure-reason',
  /** On a fallback copy only: what was left out (`value`, `value,headers`, `value,key,headers`...). */
  fallback: 'ksdk-dead-letter-fallback',
  /** On a fallback copy only: why the full copy could not be written (the broker's refusal). */
  fallbackReason: 'ksdk-dead-letter-fallback-reason',
  /** On a fallback copy only: sizes in bytes of the original value, key and headers. */
  originalValueBytes: 'ksdk-original-value-bytes',
  originalKeyBytes: 'ksdk-original-key-bytes',
  originalHeadersBytes: 'ksdk-original-headers-bytes',
} as const;

const MESSAGE_HEADERS: ReadonlySet<string> = new Set([FailureHeader.errorMessage, FailureHeader.firstErrorMessage]);
const KSDK_HEADERS: ReadonlySet<string> = new Set(Object.values(FailureHeader));
const ERROR_MESSAGE_BYTES = 4096;
const VALUE_BYTES = 256;

/**
 * Size limits (UTF-8 bytes) of the headers ksdk writes. The two error messages get
 * `errorMessageBytes` each, every other ksdk header `valueBytes`; longer text is cut
 * and ends with `…[truncated: N bytes in all]`. So ksdk's headers add at most
 * `totalBytes` (names included) to a record, whatever the error said. The same limits
 * apply to ksdk headers a record already carries from an earlier hop.
 */
export const FAILURE_HEADER_LIMITS = {
  errorMessageBytes: ERROR_MESSAGE_BYTES,
  valueBytes: VALUE_BYTES,
  totalBytes: [...KSDK_HEADERS].reduce((sum, name) => sum + name.length + (MESSAGE_HEADERS.has(name) ? ERROR_MESSAGE_BYTES : VALUE_BYTES), 0),
} as const;

/**
 * What a fallback copy (see `fallbackCopy`) keeps besides ksdk's headers: the original
 * key up to `keyBytes`, the original headers up to `headersBytes` in all; more than
 * that and they are left out too.
 */
export const FALLBACK_LIMITS = { keyBytes: 1024, headersBytes: 16 * 1024 } as const;

/** A ksdk header value within its limit. */
function bounded(name: string, value: string): string {
  return boundText(value, MESSAGE_HEADERS.has(name) ? FAILURE_HEADER_LIMITS.errorMessageBytes : FAILURE_HEADER_LIMITS.valueBytes);
}

export interface FailureFacts {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  groupId: string;
  error: Error;
  attempts: number;
  failedAt: number;
  reason: string;
}

function text(headers: RecordHeaders, name: string): string | undefined {
  const v = headers[name];
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : first.toString();
}

/**
 * The headers of a record leaving for a retry topic or the DLT: the original
 * headers plus ksdk's, each ksdk header within `FAILURE_HEADER_LIMITS`. The
 * "original" and "first error" headers are kept from the first hop, so a record
 * that went main → retry-1 → DLT still names main.
 */
export function failureHeaders(original: RecordHeaders | undefined, facts: FailureFacts): RecordHeaders {
  const headers: RecordHeaders = { ...original };
  for (const name of Object.keys(headers)) {
    // Carried over from an earlier hop (or forged by a producer): bound them too.
    const value = KSDK_HEADERS.has(name) ? text(headers, name) : undefined;
    if (value !== undefined) headers[name] = bounded(name, value);
  }
  const set = (name: string, value: string) => {
    headers[name] = bounded(name, value);
  };
  const firstHop = text(headers, FailureHeader.originalTopic) === undefined;
  if (firstHop) {
    set(FailureHeader.originalTopic, facts.topic);
    set(FailureHeader.originalPartition, String(facts.partition));
    set(FailureHeader.originalOffset, facts.offset);
    set(FailureHeader.originalTimestamp, facts.timestamp);
    set(FailureHeader.firstErrorType, facts.error.name);
    set(FailureHeader.firstErrorMessage, facts.error.message);
  }
  set(FailureHeader.consumerGroup, facts.groupId);
  set(FailureHeader.errorType, facts.error.name);
  set(FailureHeader.errorMessage, facts.error.message);
  set(FailureHeader.attempts, String(facts.attempts));
  set(FailureHeader.failedAt, new Date(facts.failedAt).toISOString());
  set(FailureHeader.reason, facts.reason);
  return headers;
}

/** Bytes the headers take on the wire, near enough (names and values). */
export function headersBytes(headers: RecordHeaders | undefined): number {
  let total = 0;
  for (const [name, raw] of Object.entries(headers ?? {})) {
    for (const v of Array.isArray(raw) ? raw : [raw]) {
      if (v === undefined) continue;
      total += Buffer.byteLength(name) + (typeof v === 'string' ? Buffer.byteLength(v) : v.length);
    }
  }
  return total;
}

/** What a fallback copy leaves out of the original record. */
export type DroppedPart = 'value' | 'key' | 'headers';

export interface FallbackRecord {
  key: Buffer | null;
  value: null;
  headers: RecordHeaders;
  dropped: readonly DroppedPart[];
}

/**
 * The dead-letter copy written when the broker refuses the full one for good (too
 * large for the DLT, an invalid record): no value, the key and original headers
 * only if small (`FALLBACK_LIMITS`), ksdk's failure headers, and headers saying
 * what was left out, why, and how big the original was.
 */
export function fallbackCopy(
  record: { key: Buffer | null; value: Buffer | null; headers?: RecordHeaders },
  failure: RecordHeaders,
  refusal: string,
): FallbackRecord {
  const keyBytes = record.key?.length ?? 0;
  const originalHeaderBytes = headersBytes(record.headers);
  const keepKey = keyBytes <= FALLBACK_LIMITS.keyBytes;
  const keepHeaders = originalHeaderBytes <= FALLBACK_LIMITS.headersBytes;
  const headers: RecordHeaders = {};
  for (const [name, value] of Object.entries(failure)) {
    if ((keepHeaders || KSDK_HEADERS.has(name)) && value !== undefined) headers[name] = value;
  }
  const dropped: DroppedPart[] = ['value', ...(keepKey ? [] : ['key' as const]), ...(keepHeaders ? [] : ['headers' as const])];
  headers[FailureHeader.fallback] = dropped.join(',');
  headers[FailureHeader.fallbackReason] = bounded(FailureHeader.fallbackReason, refusal);
  headers[FailureHeader.originalValueBytes] = String(record.value?.length ?? 0);
  headers[FailureHeader.originalKeyBytes] = String(keyBytes);
  headers[FailureHeader.originalHeadersBytes] = String(originalHeaderBytes);
  return { key: keepKey ? record.key : null, value: null, headers, dropped };
}

/** Attempts already made on earlier hops of a retry chain (0 on the first topic). */
export function previousAttempts(headers: RecordHeaders | undefined): number {
  if (!headers) return 0;
  const n = Number(text(headers, FailureHeader.attempts));
  return Number.isFinite(n) && n > 0 ? n : 0;
}
