export * from './WireFormat.js';
export * from './encodeMessage.js';
export * from './decodeRecord.js';
export * from './headers.js';
