export * from './MessageMetadata.js';
export * from './MessageDescriptor.js';
export * from './createMessage.js';
