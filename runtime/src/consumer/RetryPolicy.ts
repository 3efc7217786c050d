/**
 * What happens when a handler fails (returns `false` or throws).
 * - `in-process` (default): pause only the failing partition, wait the backoff, retry the same record.
 * - `topic-chain`: forward the record to `nextTopic` (a retry topic or the DLT) and move on.
 * - `none`: no retry; dead-letter at once.
 * - `custom`: a function decides per failure.
 */
export type RetryPolicy = InProcessRetry | TopicChainRetry | NoRetry | CustomRetry;

export interface InProcessRetry {
  mode: 'in-process';
  /** Total attempts including the first. Default 3. */
  maxAttempts?: number;
  /** Wait before the second attempt. Default 1000 ms. */
  initialBackoffMs?: number;
  /** Double the wait after each attempt (default true); false keeps it fixed. */
  exponential?: boolean;
  /** Upper bound for one wait. */
  maxBackoffMs?: number;
  /** Random spread, 0..1, applied to each wait (0.2 = ±20%). Default 0. */
  jitter?: number;
}

export interface TopicChainRetry {
  mode: 'topic-chain';
  /**
   * Where a failed record goes next: a retry topic, or the DLT for the last hop.
   * A hop to the subscription's `deadLetterTopic` is a dead-letter (events,
   * metrics, logs and the test harness say so), any other a forward. Generated
   * code sets `deadLetterTopic` when `nextTopic` is a declared dead-letter topic.
   */
  nextTopic: string;
}

export interface NoRetry {
  mode: 'none';
}

/** What a custom failure handler decides. */
export type FailureDecision =
  | { action: 'retry'; afterMs: number }
  | { action: 'dead-letter' }
  | { action: 'skip' }
  | { action: 'stop' };

export interface FailureInfo {
  error: unknown;
  /** 1-based attempt that just failed. */
  attempt: number;
  topic: string;
  partition: number;
  offset: string;
}

export interface CustomRetry {
  mode: 'custom';
  decide(failure: FailureInfo): FailureDecision | Promise<FailureDecision>;
}
