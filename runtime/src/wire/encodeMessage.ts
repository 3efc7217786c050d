import type { MessageDescriptor } from '../messages/MessageDescriptor.js';
import type { MessageMetadata } from '../messages/MessageMetadata.js';
import {
  CE_SPECVERSION,
  JSON_CONTENT_TYPE,
  PLAIN_TYPE_HEADER,
  STRUCTURED_CONTENT_TYPE,
  type WireFormat,
} from './WireFormat.js';

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
 * `data` is the body already split from the envelope (see `splitMessage`).
 */
export function encodeMessage(
  descriptor: MessageDescriptor,
  message: MessageMetadata,
  data: Record<string, unknown>,
  format: WireFormat,
  source: string,
): EncodedRecord {
  switch (format) {
    case 'structured': {
      // Attribute order as in the reference README: readers diff these by eye.
      const event: Record<string, unknown> = {
        specversion: CE_SPECVERSION,
        id: message.id,
        type: descriptor.type,
        source,
        time: message.timeStamp,
        datacontenttype: JSON_CONTENT_TYPE,
        subject: descriptor.subject ?? descriptor.name,
        data,
      };
      if (message.raisingComponent !== undefined) event.raisingcomponent = message.raisingComponent;
      if (message.tenant !== undefined) event.tenant = message.tenant;
      if (message.conversation !== undefined) event.conversation = message.conversation;
      return { value: Buffer.from(JSON.stringify(event)), headers: { 'content-type': STRUCTURED_CONTENT_TYPE } };
    }
    case 'binary': {
      const headers: Record<string, string> = {
        'content-type': JSON_CONTENT_TYPE,
        ce_specversion: CE_SPECVERSION,
        ce_id: message.id,
        ce_type: descriptor.type,
        ce_source: source,
        ce_time: message.timeStamp,
        ce_subject: descriptor.subject ?? descriptor.name,
      };
      if (message.raisingComponent !== undefined) headers.ce_raisingcomponent = message.raisingComponent;
      if (message.tenant !== undefined) headers.ce_tenant = message.tenant;
      if (message.conversation !== undefined) headers.ce_conversation = message.conversation;
      return { value: Buffer.from(JSON.stringify(data)), headers };
    }
    case 'plain':
      return {
        value: Buffer.from(JSON.stringify(message)),
        headers: { 'content-type': JSON_CONTENT_TYPE, [PLAIN_TYPE_HEADER]: descriptor.type },
      };
  }
}
