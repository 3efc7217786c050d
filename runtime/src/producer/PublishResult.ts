import type { PublishError } from '../errors/PublishError.js';

/** Where the broker stored a published message. */
export interface PublishResult {
  messageId: string;
  topic: string;
  partition: number;
  /** The record's offset; `-1` when acks are 0 (the broker tells nothing). */
  offset: string;
}

/** One message of a batch that was not written, and why (`error.reason`). */
export interface PublishFailure {
  messageId: string;
  error: PublishError;
}

/**
 * The outcome of `publishBatch()`: every message is in exactly one of the two
 * lists, each list in the order the messages were given.
 */
export interface BatchResult {
  topic: string;
  succeeded: PublishResult[];
  failed: PublishFailure[];
}

/** What a `produce()` callback is told about one message: delivered, or failed with a `PublishError`. */
export type DeliveryReport = ({ status: 'delivered' } & PublishResult) | { status: 'failed'; messageId: string; topic: string; error: PublishError };

export type DeliveryCallback = (report: DeliveryReport) => void;
