import type { ConsumerOptions } from '../consumer/ConsumerOptions.js';
import type { RetryPolicy } from '../consumer/RetryPolicy.js';
import type { Subscription } from '../consumer/Subscription.js';
import type { SubscriptionBinding } from '../consumer/bindSubscription.js';
import type { SubscriptionSet } from '../consumer/SubscriptionSet.js';
import type { SubscriptionSpec } from '../consumer/SubscriptionSpec.js';
import { KsdkError } from '../errors/KsdkError.js';
import type { MessageDescriptor } from '../messages/MessageDescriptor.js';
import type { MessageMetadata, NewMessage } from '../messages/MessageMetadata.js';
import { RuntimeEvents } from '../observability/RuntimeEvents.js';
import type { KsdkProducer, PublishOptions } from '../producer/KsdkProducer.js';
import type { ProducerOptions } from '../producer/ProducerOptions.js';
import type { PublishResult } from '../producer/PublishResult.js';
import { InMemoryKafka } from './InMemoryKafka.js';
import type { InMemoryProducer } from './InMemoryProducer.js';
import type { MessageOutcome, OutcomeQuery, RecordRef } from './MessageOutcome.js';
import { OutcomeTracker } from './OutcomeTracker.js';

/** Builds the subscriptions under test from the options the harness supplies: a generated `createSubscriptions` fits. */
export type SubscriptionsFactory = (options: ConsumerOptions) => SubscriptionSet | Subscription;

export interface TestHarnessOptions {
  /**
   * The subscriptions under test: a function such as
   * `(options) => createSubscriptions(options, handlers)` from a generated
   * client, or bindings made with `bindSubscription(spec, handler)`.
   */
  subscriptions: SubscriptionsFactory | readonly SubscriptionBinding[];
  /** The in-memory broker to use; default a new one that auto-creates topics. */
  kafka?: InMemoryKafka;
  /** Partitions of the topics the harness creates (every subscription's topic, retry and dead-letter topics). Default 1. */
  partitions?: number;
  /** Consumer options (overrides, interceptors, `events`...); `factory` is the harness's. */
  consumer?: Omit<ConsumerOptions, 'factory'>;
  /** Options of the producer behind `publish()`; `factory` is the harness's. */
  producer?: Omit<ProducerOptions, 'factory'>;
  /**
   * Keep the configured in-process retry backoffs, custom retry waits and
   * retry-topic processing delays. Default false: they become 0, so a test of
   * "fails twice, then succeeds" or of a 30 s retry topic takes milliseconds.
   */
  realDelays?: boolean;
  /** Default time `outcome()` waits, in real ms. Default 5000. */
  timeoutMs?: number;
}

/** A record written as is, e.g. a poison message. */
export interface RawRecord {
  key?: string | Buffer | null;
  value: string | Buffer | null;
  headers?: Readonly<Record<string, string | Buffer>>;
  /** Default: chosen by key (Java-compatible), round robin without one. */
  partition?: number;
  /** Record timestamp in ms since the epoch. Default: the broker's clock. */
  timestamp?: number;
}

type SpecOverrides = NonNullable<ConsumerOptions['overrides']>;

function specsOf(component: SubscriptionSet | Subscription): SubscriptionSpec[] {
  return 'subscriptions' in component ? component.subscriptions.map((s) => s.spec) : [component.spec];
}

/** Topics a subscription reads or writes: its own, its retry topic, its dead-letter topic. */
function topicsOf(spec: SubscriptionSpec): string[] {
  const topics = [spec.topic];
  if (spec.deadLetterTopic) topics.push(spec.deadLetterTopic);
  if (spec.retry?.mode === 'topic-chain') topics.push(spec.retry.nextTopic);
  return topics;
}

/** A policy that retries at once; undefined when `policy` never waits. */
function instantRetry(policy: RetryPolicy | undefined): RetryPolicy | undefined {
  const retry = policy ?? { mode: 'in-process' };
  switch (retry.mode) {
    case 'in-process':
      return { ...retry, initialBackoffMs: 0, maxBackoffMs: 0, jitter: 0 };
    case 'custom':
      return {
        mode: 'custom',
        decide: async (failure) => {
          const decision = await retry.decide(failure);
          return decision.action === 'retry' ? { action: 'retry', afterMs: 0 } : decision;
        },
      };
    default:
      return undefined;
  }
}

/** Overrides that zero every wait of `specs` on top of the user's overrides; undefined when nothing waits. */
function withoutDelays(specs: readonly SubscriptionSpec[], user: SpecOverrides | undefined): SpecOverrides | undefined {
  const out: Record<string, SpecOverrides[string]> = { ...user };
  let changed = false;
  for (const spec of specs) {
    const retry = instantRetry(spec.retry);
    const delay = spec.processingDelayMs ? { processingDelayMs: 0 } : {};
    if (!retry && !spec.processingDelayMs) continue;
    out[spec.name] = { ...user?.[spec.name], ...(retry ? { retry } : {}), ...delay };
    changed = true;
  }
  return changed ? out : undefined;
}

/**
 * Runs subscriptions on an in-memory broker so a test can publish a message
 * and await what became of it: handled, dead-lettered, skipped or failed, and
 * after how many attempts.
 *
 * The runtime runs unchanged (decoding, validation, retries, dead-letter
 * headers, commits); only the transport's clients are in-memory. Creating a
 * harness does nothing; `start()` (or the first `publish`) creates the topics
 * the subscriptions use and starts them, and loads the runtime's consumer and
 * producer modules then, so importing `@ksdk/runtime/testing` loads no kafkajs.
 */
export class TestHarness {
  readonly kafka: InMemoryKafka;
  /** The runtime events of the subscriptions and the producer (attach monitors here). */
  readonly events: RuntimeEvents;
  readonly #options: TestHarnessOptions;
  readonly #tracker: OutcomeTracker;
  #starting: Promise<void> | undefined;
  #component: SubscriptionSet | Subscription | undefined;
  #producer: KsdkProducer | undefined;
  #raw: Promise<InMemoryProducer> | undefined;

  constructor(options: TestHarnessOptions) {
    this.#options = options;
    this.kafka = options.kafka ?? new InMemoryKafka({ autoCreateTopics: true, defaultPartitions: options.partitions ?? 1 });
    this.events = options.consumer?.events ?? new RuntimeEvents();
    this.#tracker = new OutcomeTracker(this.events);
  }

  /** Every outcome so far, in the order records settled. */
  get outcomes(): MessageOutcome[] {
    return this.#tracker.outcomes;
  }

  /** Creates the subscriptions' topics and starts them; resolves once partitions are assigned. */
  start(): Promise<void> {
    this.#starting ??= this.#start();
    return this.#starting;
  }

  async #start(): Promise<void> {
    const options = this.#options;
    const userOnError = options.consumer?.onError;
    const consumerOptions: ConsumerOptions = {
      ...options.consumer,
      factory: this.kafka,
      events: this.events,
      onError: (error, subscription) => {
        this.#tracker.subscriptionStopped(subscription);
        userOnError?.(error, subscription);
      },
    };
    const build = await this.#builder();
    let component = build(consumerOptions);
    if (!options.realDelays) {
      // The first build only reveals the specs (with the user's overrides applied); it never connected.
      const overrides = withoutDelays(specsOf(component), consumerOptions.overrides);
      if (overrides) component = build({ ...consumerOptions, overrides });
    }
    for (const spec of specsOf(component)) {
      for (const topic of topicsOf(spec)) this.kafka.createTopic(topic, options.partitions);
    }
    const { KsdkProducer } = await import('../producer/KsdkProducer.js');
    this.#producer = new KsdkProducer({ name: 'test-harness', ...options.producer, factory: this.kafka, events: this.events });
    await component.start();
    this.#component = component;
  }

  async #builder(): Promise<SubscriptionsFactory> {
    const { subscriptions } = this.#options;
    if (typeof subscriptions === 'function') return subscriptions;
    const { SubscriptionSet } = await import('../consumer/SubscriptionSet.js');
    return (options) => new SubscriptionSet(subscriptions, options);
  }

  /** Publishes a message as the application would (validated, encoded, keyed); starts the harness first if needed. */
  async publish<T extends MessageMetadata>(descriptor: MessageDescriptor<T>, message: NewMessage<T>, options?: PublishOptions): Promise<PublishResult> {
    await this.start();
    return this.#producer!.publish(descriptor, message, options);
  }

  /** Writes a record byte for byte, e.g. a poison message or one from another producer. */
  async publishRecord(topic: string, record: RawRecord): Promise<RecordRef> {
    await this.start();
    this.#raw ??= (async () => {
      const producer = this.kafka.createProducer({ clientId: 'test-harness-raw' });
      await producer.connect();
      return producer;
    })();
    const producer = await this.#raw;
    const [written] = await producer.send({
      topic,
      messages: [
        {
          key: record.key ?? null,
          value: record.value,
          headers: { ...record.headers },
          ...(record.partition === undefined ? {} : { partition: record.partition }),
          ...(record.timestamp === undefined ? {} : { timestamp: String(record.timestamp) }),
        },
      ],
    });
    if (!written?.baseOffset) throw new KsdkError('KSDK_PUBLISH', `the in-memory broker did not acknowledge a record to ${topic}`);
    return { topic, partition: written.partition, offset: written.baseOffset };
  }

  /**
   * What became of a message (by id) or a record (by the coordinates
   * `publishRecord` returned, or its original ones after a retry-topic hop).
   * Rejects with a `KsdkError` (`KSDK_TIMEOUT`) that says where the record was
   * last seen when nothing settles it within the time-out.
   */
  outcome(ref: string | RecordRef, query: OutcomeQuery = {}): Promise<MessageOutcome> {
    return this.#tracker.wait(ref, query.subscription, query.timeoutMs ?? this.#options.timeoutMs ?? 5000);
  }

  /** Stops the subscriptions (finishing records in hand, committing) and the producers. */
  async stop(): Promise<void> {
    const starting = this.#starting;
    if (!starting) return;
    await starting.catch(() => undefined);
    await this.#component?.stop();
    await this.#producer?.close();
    const raw = this.#raw;
    this.#raw = undefined;
    if (raw) await (await raw).disconnect();
    this.#tracker.close();
  }
}

/** A harness for `options.subscriptions`; see `TestHarness`. */
export function createTestHarness(options: TestHarnessOptions): TestHarness {
  return new TestHarness(options);
}
