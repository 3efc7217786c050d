import type { MessageDescriptor } from '../messages/MessageDescriptor.js';
import type { MessageMetadata } from '../messages/MessageMetadata.js';
import type { CloudEventExtensions } from './CloudEventExtensions.js';
import { CE_SPECVERSION, JSON_CONTENT_TYPE, PLAIN_TYPE_HEADER, STRUCTURED_CONTENT_TYPE, type WireFormat } from './WireFormat.js';

/** A record laid out with its value as JSON text, before UTF-8 encoding. */
export interface EncodedText {
  value: string;
  headers: Record<string, string>;
}

/**
 * `encodeMessage` with the value left as JSON text. The producer hands the text to the
 * client, which writes it as UTF-8 straight into its request buffer: no Buffer per record
 * in between (one allocation and one copy less, and less for the garbage collector).
 * `extensions` (checked by the caller: see extensionViolations) follow ksdk's own attributes.
 */
export function encodeMessageText(
  descriptor: MessageDescriptor,
  message: MessageMetadata,
  data: Record<string, unknown>,
  format: WireFormat,
  source: string,
  extensions?: CloudEventExtensions,
): EncodedText {
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
      if (extensions !== undefined) for (const name in extensions) event[name] = extensions[name];
      return { value: JSON.stringify(event), headers: { 'content-type': STRUCTURED_CONTENT_TYPE } };
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
      // The binding's header encoding of the spec's types: canonical strings ("true", "42").
      if (extensions !== undefined) for (const name in extensions) headers[`ce_${name}`] = String(extensions[name]);
      return { value: JSON.stringify(data), headers };
    }
    case 'plain':
      return {
        value: JSON.stringify(message),
        headers: { 'content-type': JSON_CONTENT_TYPE, [PLAIN_TYPE_HEADER]: descriptor.type },
      };
  }
}
