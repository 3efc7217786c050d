import type { MessageDescriptor } from '../messages/MessageDescriptor.js';
import type { MessageMetadata } from '../messages/MessageMetadata.js';
import type { CloudEventExtensions } from './CloudEventExtensions.js';
import { encodeMessageText } from './encodeMessageText.js';
import type { WireFormat } from './WireFormat.js';

export interface EncodedRecord {
  value: Buffer;
  headers: Record<string, string>;
}

/** Splits envelope fields from the body without copying the envelope twice. */
export function splitMessage(message: MessageMetadata): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const key in message) {
    if (key === 'id' || key === 'timeStamp' || key === 'raisingComponent' || key === 'tenant' || key === 'conversation') continue;
    data[key] = (message as unknown as Record<string, unknown>)[key];
  }
  return data;
}

/**
 * Lays a message out as a record value and headers in the chosen format,
 * following the CloudEvents Kafka protocol binding for the CloudEvents modes.
 * `data` is the body already split from the envelope (see `splitMessage`); `extensions`
 * are written as given (a producer checks them first).
 */
export function encodeMessage(
  descriptor: MessageDescriptor,
  message: MessageMetadata,
  data: Record<string, unknown>,
  format: WireFormat,
  source: string,
  extensions?: CloudEventExtensions,
): EncodedRecord {
  const { value, headers } = encodeMessageText(descriptor, message, data, format, source, extensions);
  return { value: Buffer.from(value), headers };
}
