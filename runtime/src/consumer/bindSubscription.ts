import { KsdkError } from '../errors/KsdkError.js';
import type { MessageMetadata } from '../messages/MessageMetadata.js';
import type { MessageContext, MessageHandler, MessageHandlerMap } from './MessageContext.js';
import type { SubscriptionSpec } from './SubscriptionSpec.js';

/** A subscription's spec with the handler that serves it, its message type erased. */
export interface SubscriptionBinding {
  readonly spec: SubscriptionSpec;
  readonly handler: MessageHandler<MessageMetadata>;
}

/**
 * Pairs a spec with its handler; the types must agree here, after which they
 * are erased. The handler is a `MessageHandler`, or (for several message types)
 * a `MessageHandlerMap` with a function for each of the spec's messages.
 */
export function bindSubscription<M extends MessageMetadata>(spec: SubscriptionSpec<M>, handler: MessageHandler<M>): SubscriptionBinding;
export function bindSubscription<M extends MessageMetadata>(spec: SubscriptionSpec<M>, handler: MessageHandler<M> | MessageHandlerMap): SubscriptionBinding;
export function bindSubscription<M extends MessageMetadata>(spec: SubscriptionSpec<M>, handler: MessageHandler<M> | MessageHandlerMap): SubscriptionBinding {
  const erased = spec as unknown as SubscriptionSpec;
  if (typeof (handler as Partial<MessageHandler<M>>).handle === 'function') return { spec: erased, handler: handler as unknown as MessageHandler<MessageMetadata> };
  return { spec: erased, handler: dispatchByType(erased, handler as MessageHandlerMap) };
}

/** A `MessageHandler` that calls the map's function for the record's message type. */
function dispatchByType(spec: SubscriptionSpec, map: MessageHandlerMap): MessageHandler<MessageMetadata> {
  const missing = spec.messages.map((d) => d.name).filter((name) => typeof map[name] !== 'function');
  if (missing.length > 0) {
    throw new KsdkError('KSDK_CONFIG', `the handler of subscription ${spec.name} has no function for ${missing.join(', ')} (nor a handle function for every type)`);
  }
  return {
    handle: (message, context) => (map[context.messageType] as (message: MessageMetadata, context: MessageContext) => boolean | Promise<boolean>)(message, context),
  };
}
