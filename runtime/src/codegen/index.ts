/**
 * `@ksdk/runtime/codegen`: what generated code needs beyond the application API
 * (the root entry): the descriptors it declares, `bindSubscription`, and the
 * `symbols` table the generator emits its runtime imports from. Loads no kafkajs,
 * so the generator can import it.
 */
export { bindSubscription, type SubscriptionBinding } from '../consumer/bindSubscription.js';
export type { MessageHandlerMap } from '../consumer/MessageContext.js';
export type { SubscriptionSpec } from '../consumer/SubscriptionSpec.js';
export type { MessageDescriptor, ValidateFunction } from '../messages/MessageDescriptor.js';
export type { TopicDescriptor } from '../streams/TopicDescriptor.js';
export { symbols, type RuntimeModule, type RuntimeSymbol, type SymbolName } from './symbols.js';
