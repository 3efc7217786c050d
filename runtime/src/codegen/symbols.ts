import type { bindSubscription } from '../consumer/bindSubscription.js';
import type { SubscriptionSpec } from '../consumer/SubscriptionSpec.js';
import type * as root from '../index.js';
import type { MessageDescriptor, ValidateFunction } from '../messages/MessageDescriptor.js';
import type { TopicDescriptor } from '../streams/TopicDescriptor.js';

/** The entry points generated code imports the runtime from. */
export type RuntimeModule = '@ksdk/runtime' | '@ksdk/runtime/codegen';

/** Where generated code imports one runtime name from, and whether it is a type (`import type`). */
export interface RuntimeSymbol {
  readonly from: RuntimeModule;
  readonly typeOnly: boolean;
}

// `T` is the export itself (`typeof root.KsdkProducer`, `root.MessageMetadata`): an
// entry of the table below does not compile once its entry point stops exporting it.
const rootValue = <T>() => ({ from: '@ksdk/runtime', typeOnly: false }) as const;
const rootType = <T>() => ({ from: '@ksdk/runtime', typeOnly: true }) as const;
const codegenValue = <T>() => ({ from: '@ksdk/runtime/codegen', typeOnly: false }) as const;
const codegenType = <T>() => ({ from: '@ksdk/runtime/codegen', typeOnly: true }) as const;

/**
 * Every runtime name generated code imports, by name, with the entry point it
 * comes from (the approach of protobuf-es's `codegenv1/symbols`). The templates
 * emit their runtime imports from this table and nothing else, so renaming or
 * moving an export breaks the generator's compile, not the code it generates.
 * `test/architecture/publicApi.test.ts` checks each entry against the entry
 * point's real export list.
 */
export const symbols = {
  KsdkProducer: rootValue<typeof root.KsdkProducer>(),
  SubscriptionSet: rootValue<typeof root.SubscriptionSet>(),
  byMessageId: rootValue<typeof root.byMessageId>(),
  byProperty: rootValue<typeof root.byProperty>(),
  byUniqueKey: rootValue<typeof root.byUniqueKey>(),
  custom: rootValue<typeof root.custom>(),
  murmur3: rootValue<typeof root.murmur3>(),
  roundRobin: rootValue<typeof root.roundRobin>(),
  sticky: rootValue<typeof root.sticky>(),
  timeWindow: rootValue<typeof root.timeWindow>(),
  BatchResult: rootType<root.BatchResult>(),
  CloseOptions: rootType<root.CloseOptions>(),
  ConsumerOptions: rootType<root.ConsumerOptions>(),
  DeliveryCallback: rootType<root.DeliveryCallback>(),
  MessageContext: rootType<root.MessageContext>(),
  MessageHandler: rootType<root.MessageHandler<unknown>>(),
  MessageMetadata: rootType<root.MessageMetadata>(),
  NewMessage: rootType<root.NewMessage<root.MessageMetadata>>(),
  ProducerOptions: rootType<root.ProducerOptions>(),
  PublishBatchOptions: rootType<root.PublishBatchOptions>(),
  PublishOptions: rootType<root.PublishOptions>(),
  PublishResult: rootType<root.PublishResult>(),
  TopicSpec: rootType<root.TopicSpec>(),
  bindSubscription: codegenValue<typeof bindSubscription>(),
  MessageDescriptor: codegenType<MessageDescriptor>(),
  SubscriptionSpec: codegenType<SubscriptionSpec>(),
  TopicDescriptor: codegenType<TopicDescriptor>(),
  ValidateFunction: codegenType<ValidateFunction>(),
} as const satisfies Readonly<Record<string, RuntimeSymbol>>;

/** A name generated code may import. */
export type SymbolName = keyof typeof symbols;

// The table's root values are spelt as the root exports them (a type's name can only be
// checked by the test; its witness above checks that it exists).
type RootValueName = { [K in SymbolName]: (typeof symbols)[K] extends ReturnType<typeof rootValue> ? K : never }[SymbolName];
type Exported<K extends keyof typeof root> = K;
type RootValuesAreExported = Exported<RootValueName>;
