// The error handler's decision table and the one retriability rule it reads.
import { describe, expect, it } from 'vitest';
import { DecodeError, isRetriable, KsdkError, toKsdkError, ValidationError, type RetryPolicy } from '@ksdk/runtime';
import { decideFailure, type FailureVerdict } from '../../runtime/src/consumer/decideFailure.js';

const flaky = new Error('timeout talking to the bank');
const fatal = Object.assign(new Error('bad request'), { retriable: false });
const at = (error: Error, hopAttempt: number, attempt = hopAttempt) => ({ error, hopAttempt, attempt, topic: 't', partition: 0, offset: '7' });

describe('isRetriable: retriable unless the error says retriable: false', () => {
  it.each([
    ['a plain Error', new Error('x'), true],
    ['a TypeError', new TypeError('x'), true],
    ['an error with retriable: true', Object.assign(new Error('x'), { retriable: true }), true],
    ['an error with retriable: false', fatal, false],
    ['a thrown string', 'boom', true],
    ['null', null, true],
    ['a KsdkError without the flag', new KsdkError('KSDK_CONFIG', 'x'), false],
    ['a KsdkError with retriable: true', new KsdkError('KSDK_HANDLER', 'x', { retriable: true }), true],
    ['a ValidationError', new ValidationError('Order', [], 'incoming'), false],
    ['a DecodeError', new DecodeError('invalid-json', 'x'), false],
  ])('%s → %s', (_, error, want) => expect(isRetriable(error)).toBe(want));

  it('toKsdkError keeps what the rule says of the original', () => {
    expect(toKsdkError(new Error('x')).retriable).toBe(true);
    expect(toKsdkError(fatal).retriable).toBe(false);
    expect(toKsdkError('boom').retriable).toBe(true);
    const own = new KsdkError('KSDK_CONFIG', 'x');
    expect(toKsdkError(own)).toBe(own);
  });
});

describe('decideFailure', () => {
  const inProcess: RetryPolicy = { mode: 'in-process', maxAttempts: 3, initialBackoffMs: 100, exponential: true };
  const chain: RetryPolicy = { mode: 'topic-chain', nextTopic: 't.retry-1' };
  const last: RetryPolicy = { mode: 'topic-chain', nextTopic: 't.dlt' };
  const cases: Array<[string, RetryPolicy, ReturnType<typeof at>, FailureVerdict]> = [
    ['in-process, first failure', inProcess, at(flaky, 1), { next: { step: 'retry', afterMs: 100 }, willRetry: true }],
    ['in-process, second failure backs off twice as long', inProcess, at(flaky, 2), { next: { step: 'retry', afterMs: 200 }, willRetry: true }],
    ['in-process, attempts used up', inProcess, at(flaky, 3), { next: { step: 'exhausted', reason: 'exhausted' }, willRetry: false }],
    ['in-process, non-retriable', inProcess, at(fatal, 1), { next: { step: 'exhausted', reason: 'non-retriable' }, willRetry: false }],
    ['default max attempts (3)', { mode: 'in-process', initialBackoffMs: 1 }, at(flaky, 3), { next: { step: 'exhausted', reason: 'exhausted' }, willRetry: false }],
    ['none', { mode: 'none' }, at(flaky, 1), { next: { step: 'exhausted', reason: 'exhausted' }, willRetry: false }],
    ['none, non-retriable', { mode: 'none' }, at(fatal, 1), { next: { step: 'exhausted', reason: 'non-retriable' }, willRetry: false }],
    ['topic-chain to a retry topic', chain, at(flaky, 1), { next: { step: 'forward', topic: 't.retry-1' }, willRetry: true }],
    ['topic-chain, non-retriable skips the chain', chain, at(fatal, 1), { next: { step: 'exhausted', reason: 'non-retriable' }, willRetry: false }],
    ['topic-chain whose next topic is the DLT', last, at(flaky, 1, 3), { next: { step: 'exhausted', reason: 'exhausted' }, willRetry: false }],
  ];
  it.each(cases)('%s', (_, policy, failed, want) => {
    const decision = decideFailure(policy, failed, 't.dlt');
    expect(decision).not.toBeInstanceOf(Promise);
    expect(decision).toEqual(want);
  });

  it('asks a custom policy, with the attempt in all, and maps each action', async () => {
    const asked: unknown[] = [];
    const custom = (action: 'retry' | 'dead-letter' | 'skip' | 'stop'): RetryPolicy => ({
      mode: 'custom',
      decide: async (f) => {
        asked.push(f);
        return action === 'retry' ? { action, afterMs: 250 } : { action };
      },
    });
    expect(await decideFailure(custom('retry'), at(fatal, 1, 4), undefined)).toEqual({ next: { step: 'retry', afterMs: 250 }, willRetry: true });
    expect(await decideFailure(custom('dead-letter'), at(flaky, 1), undefined)).toEqual({ next: { step: 'exhausted', reason: 'decided' }, willRetry: false });
    expect(await decideFailure(custom('skip'), at(flaky, 1), undefined)).toEqual({ next: { step: 'skip' }, willRetry: false });
    expect(await decideFailure(custom('stop'), at(flaky, 1), undefined)).toEqual({ next: { step: 'stop' }, willRetry: false });
    expect(asked[0]).toEqual({ error: fatal, attempt: 4, topic: 't', partition: 0, offset: '7' });
  });
});
