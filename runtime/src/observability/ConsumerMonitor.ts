import type {
  MessageDeadLetteredEvent,
  MessageFailedEvent,
  MessageForwardedEvent,
  MessageProcessedEvent,
  MessageReceivedEvent,
  MessageSkippedEvent,
} from './RuntimeEvents.js';

/**
 * What a monitor is told when a record arrives: topic, partition, offset,
 * `messageTimestamp`, `receivedAt`, `lagMs` and the decoded `message` (absent
 * for a record that could not be decoded), plus subscription, group, consumer,
 * key and headers. The monitor contexts *are* the runtime's event payloads:
 * one shape, no copy per monitor.
 */
export type MessageReceivedContext = MessageReceivedEvent;
/** A record handled successfully: adds `processingDurationMs` and the 1-based `retryAttempt` that succeeded. */
export type MessageProcessedContext = MessageProcessedEvent;
/** One failed attempt: adds `error`, `retryAttempt` and `willRetry` (false on the last attempt). */
export type MessageFailedContext = MessageFailedEvent;
/** A record written to the dead-letter topic: adds `deadLetterTopic`, `error`, `totalAttempts` and `reason`. */
export type MessageDeadLetteredContext = MessageDeadLetteredEvent;
/** A record forwarded to the next topic of a retry chain. */
export type MessageForwardedContext = MessageForwardedEvent;
/** An exhausted record committed without a dead-letter copy (`onExhausted: 'skip'`). */
export type MessageSkippedContext = MessageSkippedEvent;

/**
 * Observes what consumers do, for metrics, logs or alerts: the TypeScript
 * counterpart of the reference's `IKafkaConsumerMonitor`. Every method is
 * optional so a monitor implements only what it needs, and events nobody
 * monitors are never even built. Methods are called synchronously on the
 * consumer's path: keep them cheap; a method that throws (or returns a
 * rejected promise) is reported and never breaks message handling.
 */
export interface ConsumerMonitor {
  onMessageReceived?(context: MessageReceivedContext): void;
  onMessageProcessed?(context: MessageProcessedContext): void;
  onMessageFailed?(context: MessageFailedContext): void;
  onMessageDeadLettered?(context: MessageDeadLetteredContext): void;
  onMessageForwarded?(context: MessageForwardedContext): void;
  onMessageSkipped?(context: MessageSkippedContext): void;
}
