import { KsdkError } from '../errors/KsdkError.js';
import { rejectRenamed } from '../errors/rejectRenamed.js';
import { UnknownTopicError } from '../errors/UnknownTopicError.js';
import { DefaultClientFactory } from '../kafka/KafkajsClientFactory.js';
import { DEFAULT_UNKNOWN_TOPIC_TIMEOUT_MS, TopicCatalog } from '../kafka/TopicCatalog.js';
import type { MessageMetadata } from '../messages/MessageMetadata.js';
import type { ClientFactory } from '../transport/ClientFactory.js';
import { MessageTypeIndex } from '../wire/decodeRecord.js';
import type { ComponentStatus } from '../worker/Worker.js';
import { ConsumerInstance, type ConsumerInstanceStatus } from './ConsumerInstance.js';
import type { ConsumerOptions } from './ConsumerOptions.js';
import type { MessageHandler } from './MessageContext.js';
import { describeStuck } from './PartitionProgress.js';
import { RecordForwarder } from './RecordForwarder.js';
import type { SubscriptionSpec } from './SubscriptionSpec.js';

export type SubscriptionState = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

export interface SubscriptionStatus extends ComponentStatus {
  topic: string;
  groupId: string;
  state: SubscriptionState;
  consumers: ConsumerInstanceStatus[];
  lastError?: Error;
}

/**
 * A subscription from the manifest, running `consumers` consumers in
 * one group. Construction opens no connection; `start()` does.
 */
/** Settings a subscription spec or override names differently now (see `rejectRenamed`). */
const RENAMED_SETTINGS = { partitionsConsumedConcurrently: '`concurrency` (as in the manifest)' } as const;

export class Subscription<M extends MessageMetadata = MessageMetadata> {
  readonly spec: SubscriptionSpec<M>;
  readonly #instances: ConsumerInstance<M>[];
  readonly #forwarder: RecordForwarder;
  readonly #options: ConsumerOptions;
  readonly #factory: ClientFactory;
  readonly #topics: TopicCatalog;
  #state: SubscriptionState = 'idle';
  #lastError: Error | undefined;
  #stopping: Promise<void> | undefined;

  constructor(spec: SubscriptionSpec<M>, handler: MessageHandler<M>, options: ConsumerOptions = {}) {
    const override = options.overrides?.[spec.name];
    rejectRenamed(`subscription ${spec.name}`, spec, RENAMED_SETTINGS);
    rejectRenamed(`subscription ${spec.name} (overrides)`, override, RENAMED_SETTINGS);
    this.spec = override ? { ...spec, ...override } : spec;
    this.#options = options;
    const factory: ClientFactory = options.factory ?? new DefaultClientFactory(options);
    this.#factory = factory;
    this.#topics = new TopicCatalog(factory, { timeoutMs: options.unknownTopicTimeoutMs ?? DEFAULT_UNKNOWN_TOPIC_TIMEOUT_MS });
    this.#forwarder = new RecordForwarder(factory, options.clientId);
    const types = new MessageTypeIndex(this.spec.messages);
    const count = this.spec.consumers ?? 1;
    if (!Number.isInteger(count) || count < 1) {
      throw new KsdkError('KSDK_CONFIG', `subscription ${spec.name}: consumers must be a positive integer, got ${count}`);
    }
    this.#instances = Array.from(
      { length: count },
      (_, i) =>
        new ConsumerInstance<M>({
          spec: this.spec,
          handler,
          options,
          factory,
          types,
          forwarder: this.#forwarder,
          consumerId: `${spec.name}-${i}`,
          onFatal: (error) => void this.#fail(error),
        }),
    );
  }

  get name(): string {
    return this.spec.name;
  }

  /** Connects every consumer and starts fetching; resolves once all are running. */
  async start(): Promise<void> {
    if (this.#state !== 'idle' && this.#state !== 'stopped') throw new KsdkError('KSDK_CONFIG', `subscription ${this.name} is ${this.#state}`);
    this.#state = 'starting';
    this.#forwarder.reopen();
    try {
      await this.#requireTopics();
      if (this.#instances.length > 1) await this.#warnAboutIdleConsumers();
      await Promise.all(this.#instances.map((instance) => instance.start()));
      this.#state = 'running';
    } catch (err) {
      this.#lastError = err instanceof Error ? err : new Error(String(err));
      await this.stop();
      this.#state = 'failed';
      if (err instanceof UnknownTopicError) throw err;
      throw new KsdkError('KSDK_CONFIG', `subscription ${this.name} could not start: ${this.#lastError.message}`, { cause: err });
    }
  }

  /**
   * The topic it reads must exist: kafkajs would fail the subscribe with an
   * error that names no topic. A missing retry or dead-letter topic is only
   * warned about: a failed record waits, uncommitted, until it can be written.
   */
  async #requireTopics(): Promise<void> {
    const { topic, deadLetterTopic, retry } = this.spec;
    await this.#topics.require([topic], `subscription ${this.name} reads it`);
    const targets = [...(retry?.mode === 'topic-chain' ? [retry.nextTopic] : []), ...(deadLetterTopic === undefined ? [] : [deadLetterTopic])];
    const missing = await this.#topics.missing(targets, 0);
    if (missing.length > 0) {
      (this.#options.logger ?? console).warn(
        `ksdk: subscription ${this.name} forwards failed records to ${missing.map((t) => `"${t}"`).join(' and ')}, which ${missing.length === 1 ? 'does' : 'do'} not exist yet; ` +
          'a failed record will wait, uncommitted, until it can be written. Create the topics with `ksdk topics apply` or `ensureTopics()`',
      );
    }
  }

  /** More consumers than partitions leaves some idle: legal, but rarely what was meant. */
  async #warnAboutIdleConsumers(): Promise<void> {
    const admin = this.#factory.createAdmin();
    try {
      await admin.connect();
      const { topics } = await admin.fetchTopicMetadata({ topics: [this.spec.topic] });
      const partitions = topics[0]?.partitions.length ?? 0;
      if (partitions > 0 && this.#instances.length > partitions) {
        (this.#options.logger ?? console).warn(
          `ksdk: subscription ${this.name} runs ${this.#instances.length} consumers but topic ${this.spec.topic} has ${partitions} partition(s); ${this.#instances.length - partitions} will stay idle`,
        );
      }
    } finally {
      await admin.disconnect();
    }
  }

  /** Graceful stop: stop fetching, finish the record in hand, commit, disconnect. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      if (this.#state !== 'failed') this.#state = 'stopping';
      this.#topics.close();
      await Promise.allSettled(this.#instances.map((instance) => instance.stop()));
      await this.#forwarder.close().catch(() => undefined);
      if (this.#state !== 'failed') this.#state = 'stopped';
    })();
    return this.#stopping.finally(() => {
      this.#stopping = undefined;
    });
  }

  async #fail(error: Error): Promise<void> {
    this.#lastError = error;
    await this.stop();
    this.#state = 'failed';
    this.#options.onError?.(error, this.name);
  }

  /**
   * Healthy while running with no stuck partition (see `ConsumerOptions.stuckPartitionMs`);
   * `problems` names each stuck partition and why.
   */
  status(): SubscriptionStatus {
    const consumers = this.#instances.map((i) => i.status());
    const problems = consumers.flatMap((c) => c.stuck.map(describeStuck));
    const status: SubscriptionStatus = {
      name: this.name,
      topic: this.spec.topic,
      groupId: this.spec.groupId,
      state: this.#state,
      healthy: this.#state === 'running' && problems.length === 0,
      consumers,
    };
    if (problems.length > 0) status.problems = problems;
    const lastError = this.#lastError ?? status.consumers.find((c) => c.lastError)?.lastError;
    if (lastError) status.lastError = lastError;
    return status;
  }
}
