import type { MessageMetadata } from '../messages/MessageMetadata.js';
import type { BatchResult, PublishResult } from './PublishResult.js';

/**
 * JustSaying's `MessageResponseLogger`: told about every message the broker
 * acknowledged, for audit logs and tests. It runs on the delivery path, so it
 * should be quick; what it throws is reported with `console.warn` and ignored.
 */
export type MessageResponseLogger = (response: PublishResult, message: MessageMetadata) => void;

/** JustSaying's `MessageBatchResponseLogger`: told the outcome of every `publishBatch()`. */
export type MessageBatchResponseLogger = (response: BatchResult, messages: readonly MessageMetadata[]) => void;
