import { isRetriable } from '../errors/isRetriable.js';
import { backoffMs, DEFAULT_MAX_ATTEMPTS } from './backoff.js';
import type { DeadLetterReason } from './DeadLetterRecoverer.js';
import type { RetryPolicy } from './RetryPolicy.js';

/** What happens to a record after a failed attempt. */
export type FailureStep =
  /** Deliver it again after a backoff (the partition waits, the others flow). */
  | { step: 'retry'; afterMs: number }
  /** Forward it to the next retry topic of the chain. */
  | { step: 'forward'; topic: string }
  /** Its retries are over: dead-letter it (or meet `onExhausted` without a DLT). */
  | { step: 'exhausted'; reason: DeadLetterReason }
  /** A custom handler chose to commit it and move on. */
  | { step: 'skip' }
  /** A custom handler chose to stop the subscription. */
  | { step: 'stop' };

export interface FailureVerdict {
  next: FailureStep;
  /** For the `consumer.failed` event: whether the record gets another attempt (here or down the chain). */
  willRetry: boolean;
}

export interface FailedAttempt {
  error: Error;
  /** 1-based attempt on this topic (retry-topic hops start over). */
  hopAttempt: number;
  /** 1-based attempt in all, earlier hops included. */
  attempt: number;
  topic: string;
  partition: number;
  offset: string;
}

/**
 * The error handler's decision after a failed attempt, from the subscription's
 * retry policy, the attempt count and the one retriability rule (`isRetriable`):
 * a non-retriable error skips the remaining attempts (and retry topics) and is
 * dead-lettered with reason `non-retriable`. Synchronous except for a custom
 * policy, whose `decide()` may be async.
 */
export function decideFailure(
  policy: RetryPolicy,
  failed: FailedAttempt,
  deadLetterTopic: string | undefined,
  random?: () => number,
): FailureVerdict | Promise<FailureVerdict> {
  const retriable = isRetriable(failed.error);
  const exhausted: FailureStep = { step: 'exhausted', reason: retriable ? 'exhausted' : 'non-retriable' };
  switch (policy.mode) {
    case 'in-process': {
      const willRetry = retriable && failed.hopAttempt < (policy.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
      return { next: willRetry ? { step: 'retry', afterMs: backoffMs(policy, failed.hopAttempt, random) } : exhausted, willRetry };
    }
    case 'none':
      return { next: exhausted, willRetry: false };
    case 'topic-chain': {
      const last = policy.nextTopic === deadLetterTopic;
      const willRetry = !last && retriable;
      return { next: willRetry ? { step: 'forward', topic: policy.nextTopic } : exhausted, willRetry };
    }
    case 'custom':
      return (async () => {
        const { error, attempt, topic, partition, offset } = failed;
        const decision = await policy.decide({ error, attempt, topic, partition, offset });
        const willRetry = decision.action === 'retry';
        switch (decision.action) {
          case 'retry':
            return { next: { step: 'retry', afterMs: decision.afterMs }, willRetry };
          case 'dead-letter':
            return { next: { step: 'exhausted', reason: 'decided' }, willRetry };
          case 'skip':
            return { next: { step: 'skip' }, willRetry };
          case 'stop':
            return { next: { step: 'stop' }, willRetry };
        }
      })();
  }
}
