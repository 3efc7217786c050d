import type { ConnectionOptions } from '../kafka/ConnectionOptions.js';
import type { RuntimeEvents } from '../observability/RuntimeEvents.js';
import type { ClientFactory } from '../transport/ClientFactory.js';
import type { MessageContext } from './MessageContext.js';
import type { SubscriptionSpec } from './SubscriptionSpec.js';

/**
 * Wraps the processing of one record; tracing uses this to run it inside a span.
 * `next()` runs the handler and then settles the record (processed/failed
 * events, retry scheduling, dead-lettering or forwarding), and resolves `true`
 * when the handler succeeded. Call `next()` exactly once and return its result.
 */
export type ProcessInterceptor = (context: MessageContext, next: () => Promise<boolean>) => Promise<boolean>;

/** What `ConsumerOptions.overrides` may change of a subscription: everything but its name and messages. */
export type SubscriptionOverride = Partial<Omit<SubscriptionSpec, 'name' | 'messages'>>;

/**
 * `Name` is the union of the subscription names these options may override;
 * generated `createSubscriptions` narrows it to the manifest's, so a misspelt
 * name in `overrides` does not compile.
 */
export interface ConsumerOptions<Name extends string = string> extends ConnectionOptions {
  /** Where the consumers and the dead-letter producer come from (the transport port): your kafkajs clients, `InMemoryKafka`... Default: kafkajs, built from the connection options. */
  factory?: ClientFactory;
  /** Runtime event stream for monitors, metrics and tracing. */
  events?: RuntimeEvents;
  interceptors?: readonly ProcessInterceptor[];
  /**
   * Per-subscription overrides of the manifest's settings, by subscription
   * name. A name that matches no subscription is an error when the
   * subscriptions are created (`KSDK_CONFIG`), never silently ignored.
   */
  overrides?: { readonly [N in Name]?: SubscriptionOverride };
  /**
   * How long `start()` looks for the subscription's topics (the one it reads,
   * its retry and dead-letter topics) before it fails with an
   * `UnknownTopicError` naming the missing ones, in ms. Default 5000.
   */
  unknownTopicTimeoutMs?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /**
   * Longest a fetch waits for data. Lower means a resumed partition (after a
   * retry backoff or processing delay) is picked up sooner. Default 500 ms.
   */
  maxWaitTimeMs?: number;
  /** Wait before trying a failed dead-letter (or retry-topic) publish again. Default 1000 ms. */
  deadLetterRetryMs?: number;
  /**
   * A partition held at one record this long (its handler has not returned, it keeps
   * failing, or its dead-letter write keeps failing) is reported in `status().stuck`
   * and makes the subscription unhealthy. Processing delays of retry topics do not
   * count. Default 300000 ms (Kafka's max.poll.interval.ms).
   */
  stuckPartitionMs?: number;
  /** Clock in ms since the epoch; tests pass their own. */
  now?: () => number;
  /** Random source for backoff jitter. */
  random?: () => number;
  /**
   * Done offsets are committed at the end of every fetched batch, and within a
   * batch every `commitIntervalMs` (default 1000) or `commitThreshold` records
   * (default 1000), whichever comes first. Lower means fewer redeliveries after a
   * crash, and a commit round trip more often.
   */
  commitIntervalMs?: number;
  commitThreshold?: number;
  /** Where configuration warnings go. Default `console`. */
  logger?: { warn(message: string): void };
  /** Called when a subscription stops because of an error (after it stopped). */
  onError?: (error: Error, subscription: string) => void;
}
