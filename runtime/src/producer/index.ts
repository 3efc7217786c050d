export * from './KsdkProducer.js';
export * from './ProducerOptions.js';
export * from './PublishResult.js';
export * from './ResponseLoggers.js';
export * from './PublishHook.js';
export { registerCompressionCodec, type Compression, type CompressionName, type CompressionCodecFactory } from './compression.js';
