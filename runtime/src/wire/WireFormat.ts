/**
 * How a message is laid out in a Kafka record.
 * - `structured`: CloudEvents JSON event format in the value (the default).
 * - `binary`: CloudEvents attributes in `ce_` headers, `data` as the value.
 * - `plain`: the message as plain JSON, metadata fields inline (backward compatible).
 */
export type WireFormat = 'structured' | 'binary' | 'plain';

export const STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json; charset=UTF-8';
export const JSON_CONTENT_TYPE = 'application/json';
export const CE_SPECVERSION = '1.0';
/** Header naming the message type of a plain-JSON record (CloudEvents records carry `type`). */
export const PLAIN_TYPE_HEADER = 'ksdk-type';
