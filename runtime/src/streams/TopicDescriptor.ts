import type { MessageDescriptor, MessageOf } from '../messages/MessageDescriptor.js';
import type { MessageMetadata, NewMessage } from '../messages/MessageMetadata.js';

/**
 * A topic and the message types it carries. The generated topic registry
 * (`topics['order-events']`) satisfies this structurally, so streams read from
 * and write to generated topics without any adapter.
 */
export interface TopicDescriptor<T extends MessageMetadata = MessageMetadata> {
  readonly name: string;
  readonly messages: readonly MessageDescriptor<T>[];
}

/**
 * The message type of a topic: the union of its descriptors' types. Derived from
 * the descriptors (not from `TopicDescriptor<T>`'s parameter) because a
 * registry entry lists differently typed descriptors side by side.
 */
export type TopicMessage<Top> = Top extends { readonly messages: readonly (infer D)[] } ? MessageOf<D> : never;

/**
 * What a stream may write to a topic of message type `T`: the message itself,
 * or the message without `id`/`timeStamp` (the sink fills them in). Distributes
 * over unions so a topic with several message types accepts any one of them.
 */
export type Outgoing<T> = T extends MessageMetadata ? NewMessage<T> : never;

/**
 * The compile error `to(topic)` reports when the stream's value type is not one
 * of the topic's message types. The property name is the message a developer reads.
 */
export interface TopicMismatch<Value, Accepted> {
  readonly 'ksdk: this stream produces values the topic does not accept': { readonly produces: Value; readonly accepts: Accepted };
}

/**
 * `unknown` (no constraint) when values of type `V` may be written to `Top`,
 * otherwise `TopicMismatch`, which no topic descriptor satisfies. Intersected with
 * the parameter of `to()` so that a mismatch fails to compile at the call site.
 */
export type TopicAccepts<V, Top> = [V] extends [Outgoing<TopicMessage<Top>>] ? unknown : TopicMismatch<V, Outgoing<TopicMessage<Top>>>;
