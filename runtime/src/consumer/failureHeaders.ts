import type { IHeaders } from 'kafkajs';

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
} as const;

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

function text(headers: IHeaders, name: string): string | undefined {
  const v = headers[name];
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : first.toString();
}

/**
 * The headers of a record leaving for a retry topic or the DLT: the original
 * headers plus ksdk's. The "original" and "first error" headers are kept from
 * the first hop, so a record that went main → retry-1 → DLT still names main.
 */
export function failureHeaders(original: IHeaders | undefined, facts: FailureFacts): IHeaders {
  const headers: IHeaders = { ...original };
  const firstHop = text(headers, FailureHeader.originalTopic) === undefined;
  if (firstHop) {
    headers[FailureHeader.originalTopic] = facts.topic;
    headers[FailureHeader.originalPartition] = String(facts.partition);
    headers[FailureHeader.originalOffset] = facts.offset;
    headers[FailureHeader.originalTimestamp] = facts.timestamp;
    headers[FailureHeader.firstErrorType] = facts.error.name;
    headers[FailureHeader.firstErrorMessage] = facts.error.message;
  }
  headers[FailureHeader.consumerGroup] = facts.groupId;
  headers[FailureHeader.errorType] = facts.error.name;
  headers[FailureHeader.errorMessage] = facts.error.message;
  headers[FailureHeader.attempts] = String(facts.attempts);
  headers[FailureHeader.failedAt] = new Date(facts.failedAt).toISOString();
  headers[FailureHeader.reason] = facts.reason;
  return headers;
}

/** Attempts already made on earlier hops of a retry chain (0 on the first topic). */
export function previousAttempts(headers: IHeaders | undefined): number {
  if (!headers) return 0;
  const n = Number(text(headers, FailureHeader.attempts));
  return Number.isFinite(n) && n > 0 ? n : 0;
}
