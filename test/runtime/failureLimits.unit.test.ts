// Unit tests of the failure path's limits: bounded failure headers, the
// fallback copy, the classification of dead-letter write errors and the stuck-partition rule.
// The broker-facing behaviour is in test/integration/dead-letter-faults.test.ts.
import { describe, expect, it } from 'vitest';
import { PublishError, ValidationError } from '@ksdk/runtime';
import { FAILURE_HEADER_LIMITS, FailureHeader, FALLBACK_LIMITS } from '@ksdk/runtime/wire';
import { KafkaProtocolError } from '@ksdk/runtime/testing';
import { PartitionProgress } from '../../runtime/src/consumer/PartitionProgress.js';
import { failureHeaders, fallbackCopy } from '../../runtime/src/consumer/failureHeaders.js';
import { classifyForwardFailure } from '../../runtime/src/consumer/forwardFailure.js';

describe('ValidationError', () => {
  it('names the first ten violations and counts the rest, keeping them all in `violations`', () => {
    const violations = Array.from({ length: 5000 }, (_, i) => ({ instancePath: `/lines/${i}`, keyword: 'required', message: 'must have sku' }));
    const error = new ValidationError('Order', violations, 'incoming');
    expect(error.message).toMatch(/^incoming Order does not match its schema: \/lines\/0 must have sku; .*\/lines\/9 must have sku \(and 4990 more violations\)$/);
    expect(error.violations).toHaveLength(5000);
    const long = new ValidationError('Order', [{ instancePath: `/${'p'.repeat(10_000)}`, keyword: 'type', message: 'must be string' }], 'outgoing');
    expect(Buffer.byteLength(long.message)).toBeLessThan(300);
  });
});

const facts = (error: Error) => ({
  topic: 'orders',
  partition: 3,
  offset: '42',
  timestamp: '1700000000000',
  groupId: 'g'.repeat(1000),
  error,
  attempts: 2,
  failedAt: 1_700_000_000_000,
  reason: 'exhausted',
});

describe('failureHeaders', () => {
  it('bounds every ksdk header, those carried from an earlier hop too, and keeps other headers as they are', () => {
    const error = Object.assign(new Error('m'.repeat(100_000)), { name: 'N'.repeat(1000) });
    const original = {
      traceparent: 'keep-me',
      custom: 'c'.repeat(50_000),
      [FailureHeader.originalTopic]: 't'.repeat(10_000),
      [FailureHeader.firstErrorMessage]: 'f'.repeat(2_000_000),
    };
    const headers = failureHeaders(original, facts(error));
    const text = (name: string) => String(headers[name]);
    expect(text('traceparent')).toBe('keep-me');
    expect(text('custom')).toBe(original.custom);
    for (const name of [FailureHeader.errorMessage, FailureHeader.firstErrorMessage]) {
      expect(Buffer.byteLength(text(name))).toBeLessThanOrEqual(FAILURE_HEADER_LIMITS.errorMessageBytes);
      expect(text(name)).toMatch(/truncated/);
    }
    for (const name of [FailureHeader.originalTopic, FailureHeader.errorType, FailureHeader.consumerGroup]) {
      expect(Buffer.byteLength(text(name))).toBeLessThanOrEqual(FAILURE_HEADER_LIMITS.valueBytes);
    }
    const ksdkBytes = Object.values(FailureHeader).reduce((sum, n) => sum + (headers[n] === undefined ? 0 : n.length + Buffer.byteLength(text(n))), 0);
    expect(ksdkBytes).toBeLessThanOrEqual(FAILURE_HEADER_LIMITS.totalBytes);
    expect(FAILURE_HEADER_LIMITS.totalBytes).toBeLessThan(16 * 1024);
  });
});

describe('fallbackCopy', () => {
  const failure = (original: Record<string, string>) => failureHeaders(original, facts(new Error('boom')));

  it('drops the value and keeps a small key and small original headers', () => {
    const record = { key: Buffer.from('k1'), value: Buffer.alloc(5000), headers: { traceparent: 'tp' } };
    const copy = fallbackCopy(record, failure(record.headers), 'MESSAGE_TOO_LARGE: too big');
    expect(copy.value).toBeNull();
    expect(copy.key?.toString()).toBe('k1');
    expect(copy.dropped).toEqual(['value']);
    expect(copy.headers.traceparent).toBe('tp');
    expect(copy.headers[FailureHeader.fallback]).toBe('value');
    expect(copy.headers[FailureHeader.fallbackReason]).toBe('MESSAGE_TOO_LARGE: too big');
    expect(copy.headers[FailureHeader.originalValueBytes]).toBe('5000');
    expect(copy.headers[FailureHeader.originalKeyBytes]).toBe('2');
    expect(copy.headers[FailureHeader.originalHeadersBytes]).toBe(String('traceparent'.length + 2));
  });

  it('drops a large key and large original headers too, keeping ksdk headers', () => {
    const headers = { big: 'b'.repeat(FALLBACK_LIMITS.headersBytes) };
    const record = { key: Buffer.alloc(FALLBACK_LIMITS.keyBytes + 1), value: null, headers };
    const copy = fallbackCopy(record, failure(headers), 'refused');
    expect(copy.key).toBeNull();
    expect(copy.dropped).toEqual(['value', 'key', 'headers']);
    expect(copy.headers.big).toBeUndefined();
    expect(copy.headers[FailureHeader.originalTopic]).toBe('orders');
    expect(copy.headers[FailureHeader.fallback]).toBe('value,key,headers');
    expect(copy.headers[FailureHeader.originalValueBytes]).toBe('0');
  });
});

describe('classifyForwardFailure', () => {
  const retriesExceeded = (cause: Error) => Object.assign(new Error('retries exceeded'), { name: 'KafkaJSNumberOfRetriesExceeded', retriable: false, originalError: cause });

  it.each([
    ['a record too large', new KafkaProtocolError('MESSAGE_TOO_LARGE'), 'refused'],
    ['a too-large PublishError', new PublishError('dlt', 'id', new KafkaProtocolError('MESSAGE_TOO_LARGE')), 'refused'],
    ['an invalid record', Object.assign(new Error('invalid'), { type: 'INVALID_RECORD', retriable: false }), 'refused'],
    ['a missing topic (after kafkajs gave up)', retriesExceeded(new KafkaProtocolError('UNKNOWN_TOPIC_OR_PARTITION')), 'retry'],
    ['missing ACLs', Object.assign(new Error('Not authorized'), { type: 'TOPIC_AUTHORIZATION_FAILED', retriable: false }), 'retry'],
    ['a lost connection', Object.assign(new Error('Connection closed'), { name: 'KafkaJSConnectionClosedError', retriable: true }), 'retry'],
    ['anything else', new Error('?'), 'retry'],
  ])('%s → %s', (_, error, kind) => {
    expect(classifyForwardFailure(error).kind).toBe(kind);
  });

  it('describes the failure in one bounded line with the broker error type', () => {
    const failure = classifyForwardFailure(new KafkaProtocolError('MESSAGE_TOO_LARGE', 'x'.repeat(10_000)));
    expect(failure.type).toBe('MESSAGE_TOO_LARGE');
    expect(failure.description).toMatch(/^MESSAGE_TOO_LARGE: The request included a message larger/);
    expect(Buffer.byteLength(failure.description)).toBeLessThanOrEqual(512);
  });
});

describe('PartitionProgress', () => {
  function clock() {
    let now = 1_000_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  }

  it('reports a partition held at one record past the threshold, with what holds it', () => {
    const c = clock();
    const progress = new PartitionProgress(c.now);
    progress.at('t', 0, '5', 'handler');
    c.advance(500);
    progress.at('t', 0, '5', 'dead-letter', 'the DLT write fails');
    expect(progress.stuck(1000)).toEqual([]);
    c.advance(500);
    // Redelivered and held again at the same record: the clock keeps running.
    progress.at('t', 0, '5', 'dead-letter', 'the DLT write fails');
    expect(progress.stuck(1000)).toEqual([{ topic: 't', partition: 0, offset: '5', stuckForMs: 1000, waitingOn: 'dead-letter', reason: 'the DLT write fails' }]);
    progress.done('t', 0);
    expect(progress.stuck(1000)).toEqual([]);
  });

  it('counts a handler that never returns and endless retries, but never a processing delay', () => {
    const c = clock();
    const progress = new PartitionProgress(c.now);
    progress.at('t', 0, '1', 'handler');
    progress.at('t', 1, '7', 'retry', 'attempt 9 failed');
    progress.at('t', 2, '3', 'delay');
    c.advance(5000);
    expect(progress.stuck(1000).map((s) => [s.partition, s.waitingOn, s.reason])).toEqual([
      [0, 'handler', 'the handler has not returned'],
      [1, 'retry', 'attempt 9 failed'],
    ]);
    // The delay is over and the handler starts: the clock starts now, not when the delay began.
    progress.at('t', 2, '3', 'handler');
    expect(progress.stuck(1000).map((s) => s.partition)).toEqual([0, 1]);
    // A new record on a partition restarts its clock.
    progress.at('t', 0, '2', 'handler');
    expect(progress.stuck(1000).map((s) => s.partition)).toEqual([1]);
    progress.clear();
    c.advance(10_000);
    expect(progress.stuck(1000)).toEqual([]);
  });
});
