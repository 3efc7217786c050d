export * from './PartitionKeyStrategy.js';
export * from './strategies.js';
export * from './murmur2.js';
export * from './murmur3.js';
export * from './PartitionChooser.js';
