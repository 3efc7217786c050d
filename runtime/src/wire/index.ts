/**
 * `@ksdk/runtime/wire`: how ksdk lays records out on Kafka, for code that reads or
 * writes them without a ksdk producer or subscription (another consumer, a tool,
 * a test): the CloudEvents/plain JSON codecs, the dead-letter headers, the keys of
 * stream aggregations, and the Java-compatible key hashing.
 */
export { decodeRecord, MessageTypeIndex, type DecodedMessage, type RecordInput } from './decodeRecord.js';
export { encodeMessage, splitMessage, type EncodedRecord } from './encodeMessage.js';
export { CE_SPECVERSION, JSON_CONTENT_TYPE, PLAIN_TYPE_HEADER, STRUCTURED_CONTENT_TYPE } from './WireFormat.js';
export { FAILURE_HEADER_LIMITS, FALLBACK_LIMITS, FailureHeader } from '../consumer/failureHeaders.js';
export { decodeGroupKey, encodeGroupKey, GROUP_KEY_FORMAT_HEADER } from '../streams/GroupKey.js';
export { javaPartition, murmur2 } from '../partitioning/murmur2.js';
export { murmur3Hash } from '../partitioning/murmur3.js';
export { JavaCompatiblePartitioner } from '../partitioning/PartitionChooser.js';
