// The public API of @ksdk/runtime: what generated code and applications import.
export * from './errors/index.js';
export * from './messages/index.js';
export * from './wire/WireFormat.js';
export * from './wire/encodeMessage.js';
export * from './wire/decodeRecord.js';
export * from './wire/headers.js';
export * from './consumer/index.js';
export * from './producer/index.js';
export * from './partitioning/index.js';
export * from './observability/index.js';
export * from './streams/index.js';
export * from './transport/index.js';
export { DefaultClientFactory, kafkajsClientFactory, type KafkajsClientFactory } from './kafka/KafkajsClientFactory.js';
export * from './kafka/ConnectionOptions.js';
export * from './kafka/ensureTopics.js';
export * from './kafka/TopicSpec.js';
export type { TopicDrift } from './kafka/compareTopics.js';
export * from './worker/Worker.js';
