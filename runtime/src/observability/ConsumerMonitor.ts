import type {
  MessageDeadLetteredEvent,
  MessageFailedEvent,
  MessageForwardedEvent,
  MessageProcessedEvent,
  MessageReceivedEvent,
  MessageSkippedEvent,
} from './RuntimeEvents.js';

/**
 * Observes what consumers do, for metrics, logs or alerts: the TypeScript
 * counterpart of the reference's `IKafkaConsumerMonitor`. Each method gets the
 * runtime event's payload (`MessageReceivedEvent`...), the object listeners of
 * `RuntimeEvents` get: one shape, no copy per monitor. Every method is
 * optional so a monitor implements only what it needs, and events nobody
 * monitors are never even built. Methods are called synchronously on the
 * consumer's path: keep them cheap; a method that throws (or returns a
 * rejected promise) is reported and never breaks message handling.
 */
export interface ConsumerMonitor {
  onMessageReceived?(context: MessageReceivedEvent): void;
  onMessageProcessed?(context: MessageProcessedEvent): void;
  onMessageFailed?(context: MessageFailedEvent): void;
  onMessageDeadLettered?(context: MessageDeadLetteredEvent): void;
  onMessageForwarded?(context: MessageForwardedEvent): void;
  onMessageSkipped?(context: MessageSkippedEvent): void;
}
