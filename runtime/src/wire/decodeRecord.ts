import { DecodeError } from '../errors/DecodeError.js';
import { ValidationError } from '../errors/ValidationError.js';
import { cloneFields } from '../messages/cloneFields.js';
import type { MessageDescriptor } from '../messages/MessageDescriptor.js';
import type { MessageMetadata } from '../messages/MessageMetadata.js';
import type { RecordHeaders } from '../transport/RecordHeaders.js';
import { splitMessage } from './encodeMessage.js';
import { headerText } from './headers.js';
import { utf8Text } from './utf8Text.js';
import { CE_SPECVERSION, PLAIN_TYPE_HEADER, type WireFormat } from './WireFormat.js';

/** The CloudEvents attributes of a decoded record (absent for plain JSON). */
export interface CloudEventInfo {
  id: string;
  type: string;
  source: string;
  specversion: string;
  subject?: string;
}

export interface DecodedMessage<T extends MessageMetadata = MessageMetadata> {
  message: T;
  descriptor: MessageDescriptor<T>;
  wireFormat: WireFormat;
  cloudEvent?: CloudEventInfo;
}

/** Looks message descriptors up by CloudEvents type and by manifest name. */
export class MessageTypeIndex {
  readonly #byType = new Map<string, MessageDescriptor>();
  readonly #single: MessageDescriptor | undefined;

  constructor(descriptors: readonly MessageDescriptor[]) {
    for (const d of descriptors) {
      this.#byType.set(d.type, d);
      this.#byType.set(d.name, d);
    }
    this.#single = descriptors.length === 1 ? descriptors[0] : undefined;
  }

  get(type: string | undefined): MessageDescriptor | undefined {
    return type === undefined ? this.#single : this.#byType.get(type);
  }

  get knownTypes(): string {
    return [...new Set([...this.#byType.values()].map((d) => d.type))].join(', ');
  }
}

export interface RecordInput {
  value: Buffer | null;
  headers?: RecordHeaders;
  /**
   * The headers as the client delivered them, when `headers` holds their text already
   * (see `headersAsText`, which keeps the first of a repeated header and replaces invalid
   * UTF-8): the strict checks of `ce_` headers read these. Unset: `headers` is read as is.
   */
  rawHeaders?: RecordHeaders;
  /** Record timestamp (ms since epoch, as kafkajs gives it). */
  timestamp: string;
  /**
   * `topic/partition/offset`, used as the id of a plain-JSON record that carries none
   * (a function: called only for such a record).
   */
  coordinates: string | (() => string);
}

const STRUCTURED_PREFIX = 'application/cloudevents';

/**
 * Detects the wire format of one record (structured, binary or plain, per the
 * CloudEvents Kafka binding), decodes it and validates its body. Throws
 * `DecodeError` or `ValidationError`: both mark the record as poison.
 */
export function decodeRecord(record: RecordInput, index: MessageTypeIndex): DecodedMessage {
  const contentType = headerText(record.headers, 'content-type');
  if (record.value === null) throw new DecodeError('missing-value', 'record has no value (tombstone); ksdk messages always carry one');
  if (contentType !== undefined && contentType.toLowerCase().startsWith(STRUCTURED_PREFIX)) {
    return decodeStructured(record, index);
  }
  if (headerText(record.headers, 'ce_specversion') !== undefined) return decodeBinary(record, index);
  return decodePlain(record, index);
}

function parseJson(value: Buffer, what: string): unknown {
  const text = utf8Text(value, what);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new DecodeError('invalid-json', `${what} is not valid JSON: ${(err as Error).message}`, err);
  }
}

function missingAttribute(name: string, where: string): DecodeError {
  return new DecodeError('missing-cloudevent-attribute', `CloudEvent is missing required attribute "${name}" (${where})`);
}

/** A required CloudEvents attribute of a structured event. */
function structuredAttribute(event: Record<string, unknown>, name: string): string {
  const v = event[name];
  if (typeof v !== 'string' || v.length === 0) throw missingAttribute(name, 'structured');
  return v;
}

/**
 * A `ce_` header of a binary-mode record as text, strictly UTF-8 (the binding's header
 * encoding). Text already decoded leniently is checked against the raw bytes only when it
 * holds a U+FFFD (see utf8Text): nothing is decoded twice.
 */
function ceHeader(record: RecordInput, name: string): string | undefined {
  const value = record.headers?.[name];
  if (value === undefined || value === null) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  if (typeof first !== 'string') return utf8Text(first, `header ${name}`);
  const raw = record.rawHeaders?.[name];
  const rawFirst = Array.isArray(raw) ? raw[0] : raw;
  if (rawFirst !== undefined && typeof rawFirst !== 'string' && first.includes('\uFFFD')) utf8Text(rawFirst, `header ${name}`);
  return first;
}

/** A required CloudEvents attribute of a binary-mode record, from its `ce_` header. */
function binaryAttribute(record: RecordInput, name: string): string {
  const v = ceHeader(record, `ce_${name}`);
  if (v === undefined || v.length === 0) throw missingAttribute(name, `binary, header ce_${name}`);
  return v;
}

function lookup(index: MessageTypeIndex, type: string | undefined): MessageDescriptor {
  const descriptor = index.get(type);
  if (!descriptor) {
    throw new DecodeError(
      'unknown-type',
      type === undefined
        ? `record names no message type and the subscription accepts several (${index.knownTypes})`
        : `unknown message type "${type}"; this subscription accepts ${index.knownTypes}`,
    );
  }
  return descriptor;
}

function validated(descriptor: MessageDescriptor, data: unknown): void {
  if (!descriptor.validate(data)) {
    const errors = descriptor.validate.errors ?? [];
    throw new ValidationError(
      descriptor.name,
      errors.map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, message: e.message ?? e.keyword })),
      'incoming',
    );
  }
}

function assemble(data: unknown, id: string, time: string, raisingComponent: unknown, tenant: unknown, conversation: unknown): MessageMetadata {
  // The same object as `{ ...data, id, timeStamp }` (an existing key keeps its place and takes
  // the new value, a missing one is appended). A JSON object decoded here belongs to nobody
  // else, so it becomes the message itself instead of being copied; anything else is copied
  // on V8's fast path (see cloneFields).
  const message = (isJsonObject(data) ? data : cloneFields(data as object)) as MessageMetadata;
  message.id = id;
  message.timeStamp = time;
  if (typeof raisingComponent === 'string') message.raisingComponent = raisingComponent;
  if (typeof tenant === 'string') message.tenant = tenant;
  if (typeof conversation === 'string') message.conversation = conversation;
  return message;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checked before the other attributes are read, in both modes. */
function supported(specversion: string): string {
  if (specversion !== CE_SPECVERSION) throw new DecodeError('unsupported-specversion', `CloudEvents specversion "${specversion}" is not supported (only 1.0)`);
  return specversion;
}

/** The CloudEvents attributes ksdk reads, the same for both modes (required ones already checked). */
function cloudEventInfo(specversion: string, id: string, type: string, source: string, subject: unknown): CloudEventInfo {
  const info: CloudEventInfo = { id, type, source, specversion };
  if (typeof subject === 'string') info.subject = subject;
  return info;
}

function decodeStructured(record: RecordInput, index: MessageTypeIndex): DecodedMessage {
  const event = parseJson(record.value as Buffer, 'structured CloudEvent');
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new DecodeError('invalid-json', 'structured CloudEvent is not a JSON object');
  }
  const e = event as Record<string, unknown>;
  const specversion = supported(structuredAttribute(e, 'specversion'));
  const cloudEvent = cloudEventInfo(specversion, structuredAttribute(e, 'id'), structuredAttribute(e, 'type'), structuredAttribute(e, 'source'), e.subject);
  const descriptor = lookup(index, cloudEvent.type);
  validated(descriptor, e.data);
  return {
    message: assemble(
      e.data,
      cloudEvent.id,
      typeof e.time === 'string' ? e.time : new Date(Number(record.timestamp)).toISOString(),
      e.raisingcomponent,
      e.tenant,
      e.conversation,
    ),
    descriptor,
    wireFormat: 'structured',
    cloudEvent,
  };
}

function decodeBinary(record: RecordInput, index: MessageTypeIndex): DecodedMessage {
  const h = (name: string) => ceHeader(record, name);
  const specversion = supported(binaryAttribute(record, 'specversion'));
  const cloudEvent = cloudEventInfo(specversion, binaryAttribute(record, 'id'), binaryAttribute(record, 'type'), binaryAttribute(record, 'source'), h('ce_subject'));
  const descriptor = lookup(index, cloudEvent.type);
  const data = parseJson(record.value as Buffer, 'binary CloudEvent data');
  validated(descriptor, data);
  return {
    message: assemble(
      data,
      cloudEvent.id,
      h('ce_time') ?? new Date(Number(record.timestamp)).toISOString(),
      h('ce_raisingcomponent'),
      h('ce_tenant'),
      h('ce_conversation'),
    ),
    descriptor,
    wireFormat: 'binary',
    cloudEvent,
  };
}

function decodePlain(record: RecordInput, index: MessageTypeIndex): DecodedMessage {
  const parsed = parseJson(record.value as Buffer, 'plain JSON message');
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DecodeError('invalid-json', 'plain JSON message is not a JSON object');
  }
  const descriptor = lookup(index, headerText(record.headers, PLAIN_TYPE_HEADER));
  const flat = parsed as MessageMetadata & Record<string, unknown>;
  const data = splitMessage(flat);
  validated(descriptor, data);
  // Legacy producers may omit the envelope: derive a stable id from the record's coordinates.
  const id = typeof flat.id === 'string' ? flat.id : typeof record.coordinates === 'string' ? record.coordinates : record.coordinates();
  const time = typeof flat.timeStamp === 'string' ? flat.timeStamp : new Date(Number(record.timestamp)).toISOString();
  return {
    message: assemble(data, id, time, flat.raisingComponent, flat.tenant, flat.conversation),
    descriptor,
    wireFormat: 'plain',
  };
}
