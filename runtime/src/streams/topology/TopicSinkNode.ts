import { KsdkError } from '../../errors/KsdkError.js';
import { ValidationError } from '../../errors/ValidationError.js';
import type { MessageDescriptor } from '../../messages/MessageDescriptor.js';
import type { MessageMetadata } from '../../messages/MessageMetadata.js';
import type { PartitionKeyStrategy } from '../../partitioning/PartitionKeyStrategy.js';
import { encodeMessage, splitMessage } from '../../wire/encodeMessage.js';
import { deterministicId } from '../processing/deterministicId.js';
import type { ProcessingContext } from '../processing/ProcessingContext.js';
import type { TopicDescriptor } from '../TopicDescriptor.js';
import { Node, type NodeContext } from './Node.js';

/**
 * `to(topic)`: writes each value as a message of the topic, exactly as a ksdk
 * producer would: envelope defaults, schema validation, the app's wire format,
 * the descriptor's partition-key strategy (message id by default).
 *
 * Defaults differ from a producer's where replay matters: a value without an
 * `id` gets one derived from the input record (stable across reprocessing), and
 * a value without `timeStamp` gets the record's event time.
 *
 * A value that matches none of the topic's schemas is a bug in the topology, not
 * in the data: it fails the stream app (Kafka Streams' default production
 * exception handling), with nothing of the chunk committed.
 */
export class TopicSinkNode extends Node {
  readonly topic: TopicDescriptor;
  readonly #sinkId: string;
  readonly #forks = new Map<PartitionKeyStrategy<never>, PartitionKeyStrategy<never>>();

  constructor(topic: TopicDescriptor, sinkId: string) {
    super();
    this.topic = topic;
    this.#sinkId = sinkId;
  }

  process(value: unknown, context: NodeContext, pc: ProcessingContext): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new KsdkError('KSDK_VALIDATION', `to(${this.topic.name}): a stream value must be a message object, got ${Array.isArray(value) ? 'an array' : typeof value}`);
    }
    const v = value as Record<string, unknown>;
    const sequence = pc.nextSequence(`${this.#sinkId}\u0000${context.origin}`);
    const id = typeof v.id === 'string' && v.id.length > 0 ? v.id : deterministicId(pc.env.applicationId, this.#sinkId, context.origin, String(sequence));
    const timeStamp =
      typeof v.timeStamp === 'string' ? v.timeStamp : v.timeStamp instanceof Date ? v.timeStamp.toISOString() : new Date(context.timestamp).toISOString();
    const message = { ...v, id, timeStamp } as MessageMetadata;
    const data = splitMessage(message);
    const descriptor = this.#descriptorFor(data);
    const encoded = encodeMessage(descriptor, message, data, pc.env.wireFormat, pc.env.source);
    pc.outbox.push({
      topic: this.topic.name,
      key: this.#key(descriptor, message, pc.env.now()),
      value: encoded.value,
      headers: encoded.headers,
      timestamp: context.timestamp,
    });
  }

  /** The only descriptor, or (several message types on the topic) the first whose schema the value satisfies. */
  #descriptorFor(data: Record<string, unknown>): MessageDescriptor {
    let first: MessageDescriptor | undefined;
    for (const descriptor of this.topic.messages) {
      first ??= descriptor;
      if (descriptor.validate(data)) return descriptor;
    }
    if (!first) throw new KsdkError('KSDK_CONFIG', `to(${this.topic.name}): the topic lists no message types`);
    const errors = first.validate.errors ?? [];
    const names = this.topic.messages.map((d) => d.name).join(' | ');
    throw new ValidationError(
      names,
      errors.map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, message: e.message ?? e.keyword })),
      'outgoing',
    );
  }

  #key(descriptor: MessageDescriptor, message: MessageMetadata, now: number): string | Buffer | null {
    const strategy = descriptor.partitionKey as PartitionKeyStrategy<never> | undefined;
    if (!strategy) return message.id;
    let own = this.#forks.get(strategy);
    if (!own) {
      // A stateful strategy (round robin, sticky) gets this sink's own copy, as each producer does.
      own = strategy.fork ? strategy.fork() : strategy;
      this.#forks.set(strategy, own);
    }
    return (own as PartitionKeyStrategy<MessageMetadata>).key(message, now, this.topic.name);
  }
}
