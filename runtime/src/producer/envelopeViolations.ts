import type { SchemaViolation } from '../errors/ValidationError.js';
import { isRfc3339, MAX_CLOUD_EVENT_ID_LENGTH } from '../wire/cloudEventRules.js';

/**
 * What is wrong with the `id` and `timeStamp` a caller passed to publish (the ones ksdk
 * fills in are right by construction): they become the CloudEvents `id` and `time`, which
 * consumers (ksdk's, the Java SDK's) refuse when empty, oversized or not RFC 3339.
 * Undefined when both are fine.
 */
export function envelopeViolations(id: unknown, timeStamp: unknown): SchemaViolation[] | undefined {
  let violations: SchemaViolation[] | undefined;
  const add = (v: SchemaViolation) => (violations ??= []).push(v);
  if (id !== undefined) {
    if (typeof id !== 'string') add({ instancePath: '/id', keyword: 'type', message: 'must be string' });
    else if (id.length === 0) add({ instancePath: '/id', keyword: 'minLength', message: 'must not be empty (it is the CloudEvents id)' });
    else if (id.length > MAX_CLOUD_EVENT_ID_LENGTH) add({ instancePath: '/id', keyword: 'maxLength', message: `must NOT have more than ${MAX_CLOUD_EVENT_ID_LENGTH} characters (it has ${id.length})` });
  }
  if (timeStamp !== undefined) {
    if (timeStamp instanceof Date) {
      const ms = timeStamp.getTime();
      // toISOString writes years past 9999 as +YYYYYY, which is not RFC 3339 (and throws for an invalid Date).
      if (!(ms >= RFC3339_MIN_MS && ms <= RFC3339_MAX_MS)) add({ instancePath: '/timeStamp', keyword: 'format', message: 'must be a valid Date between the years 0000 and 9999' });
    } else if (typeof timeStamp !== 'string') {
      add({ instancePath: '/timeStamp', keyword: 'type', message: 'must be string or Date' });
    } else if (!isRfc3339(timeStamp)) {
      const shown = timeStamp.length > 100 ? `${timeStamp.slice(0, 100)}…` : timeStamp;
      add({ instancePath: '/timeStamp', keyword: 'format', message: `must be an RFC 3339 date-time such as 2024-12-02T10:30:00Z, got "${shown}"` });
    } else if (timeStamp.charCodeAt(17) === 54 /* 6: second 60 */) {
      // RFC 3339 allows a leap second; the CloudEvents SDKs (JS Date, Java OffsetDateTime) cannot parse one.
      add({ instancePath: '/timeStamp', keyword: 'format', message: `must not be a leap second (:60), which CloudEvents SDKs cannot parse, got "${timeStamp}"` });
    }
  }
  return violations;
}

const RFC3339_MIN_MS = Date.parse('0000-01-01T00:00:00.000Z');
const RFC3339_MAX_MS = Date.parse('9999-12-31T23:59:59.999Z');
