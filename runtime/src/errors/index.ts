export * from './KsdkError.js';
export * from './ValidationError.js';
export * from './DecodeError.js';
export * from './PublishError.js';
export * from './UnknownTopicError.js';
export * from './isRetriable.js';
