import { DecodeError } from '../errors/DecodeError.js';
import { ValidationError } from '../errors/ValidationError.js';
import { cloneFields } from '../messages/cloneFields.js';
import type { MessageDescriptor } from '../messages/MessageDescriptor.js';
import type { MessageMetadata } from '../messages/MessageMetadata.js';
import type { RecordHeaders } from '../transport/RecordHeaders.js';
import { splitMessage } from './encodeMessage.js';
import { headerText } from './headers.js';
import { utf8Text } from './utf8Text.js';
import { isJsonContentType, isRfc3339, MAX_CLOUD_EVENT_ID_LENGTH } from './cloudEventRules.js';
import { isReadableExtension, NO_EXTENSIONS, type CloudEventExtensions } from './CloudEventExtensions.js';
import { CE_SPECVERSION, PLAIN_TYPE_HEADER, type WireFormat } from './WireFormat.js';

/** The CloudEvents attributes of a decoded record (absent for plain JSON). */
export interface CloudEventInfo {
  id: string;
  type: string;
  source: string;
  specversion: string;
  /** As the event has it (RFC 3339); absent when the event has none. */
  time?: string;
  /** Structured mode: the event's `datacontenttype`; binary mode: the `content-type` header. Always JSON. */
  datacontenttype?: string;
  dataschema?: string;
  subject?: string;
  /**
   * Every other attribute: the extensions, ksdk's own (`raisingcomponent`, `tenant`,
   * `conversation`) included. Binary mode carries them as `ce_` headers, so there they are
   * strings. Empty (and shared, frozen) when the event has none.
   */
  extensions: CloudEventExtensions;
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
/** What ksdk and the CloudEvents SDKs write: recognised without lower-casing. */
const STRUCTURED_JSON = 'application/cloudevents+json';

/**
 * Detects the wire format of one record (structured, binary or plain, per the
 * CloudEvents Kafka binding), decodes it and validates its envelope and body. Throws
 * `DecodeError` or `ValidationError`: both mark the record as poison.
 */
export function decodeRecord(record: RecordInput, index: MessageTypeIndex): DecodedMessage {
  const contentType = headerText(record.headers, 'content-type');
  if (record.value === null) throw new DecodeError('missing-value', 'record has no value (tombstone); ksdk messages always carry one');
  if (contentType !== undefined) {
    if (contentType.startsWith(STRUCTURED_JSON)) return decodeStructured(record, index);
    const lower = contentType.toLowerCase();
    if (lower.startsWith(STRUCTURED_PREFIX)) {
      if (!lower.startsWith(STRUCTURED_JSON)) {
        throw new DecodeError('unsupported-content-type', `structured CloudEvent in content type "${boundedText(contentType)}"; ksdk reads the JSON event format (${STRUCTURED_JSON}) only`);
      }
      return decodeStructured(record, index);
    }
  }
  if (record.headers?.ce_specversion !== undefined) return decodeBinary(record, index, contentType);
  return decodePlain(record, index);
}

/** Attribute values quoted in error messages (and so in dead-letter headers) are cut to this. */
const QUOTED_CHARS = 100;

function boundedText(text: string): string {
  return text.length <= QUOTED_CHARS ? text : `${text.slice(0, QUOTED_CHARS)}…`;
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

function invalidAttribute(name: string, where: string, what: string): DecodeError {
  return new DecodeError('invalid-cloudevent-attribute', `CloudEvent attribute "${name}" ${what} (${where})`);
}

/** A required CloudEvents attribute of a structured event: a non-empty string. */
function structuredAttribute(event: Record<string, unknown>, name: string): string {
  const v = event[name];
  if (v === undefined || v === null || v === '') throw missingAttribute(name, 'structured');
  if (typeof v !== 'string') throw invalidAttribute(name, 'structured', `is a ${jsonType(v)}, not a string`);
  return v;
}

/** An optional string attribute of a structured event (`null` is absent, as in the JSON event format). */
function optionalAttribute(event: Record<string, unknown>, name: string): string | undefined {
  const v = event[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidAttribute(name, 'structured', `is a ${jsonType(v)}, not a string`);
  if (v === '') throw invalidAttribute(name, 'structured', 'is empty');
  return v;
}

function jsonType(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
}

/**
 * A `ce_` header of a binary-mode record as text, strictly UTF-8 (the binding's header
 * encoding), and at most once: a repeated attribute header is poison (which one counts is
 * not defined). Text already decoded leniently is checked against the raw bytes only when
 * it holds a U+FFFD (see utf8Text): nothing is decoded twice.
 */
function ceHeader(record: RecordInput, name: string): string | undefined {
  const value = record.headers?.[name];
  if (value === undefined || value === null) return undefined;
  const raw = record.rawHeaders?.[name];
  if ((Array.isArray(value) && value.length > 1) || (Array.isArray(raw) && raw.length > 1)) {
    throw new DecodeError('repeated-attribute', `binary CloudEvent has header ${name} ${Array.isArray(raw) ? raw.length : (value as unknown[]).length} times; an attribute appears once`);
  }
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  if (typeof first !== 'string') return utf8Text(first, `header ${name}`);
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

/** The `id`: required, not empty, at most MAX_CLOUD_EVENT_ID_LENGTH. */
function checkedId(id: string, where: string): string {
  if (id.length > MAX_CLOUD_EVENT_ID_LENGTH) {
    throw new DecodeError('oversized-id', `CloudEvent id is ${id.length} characters long; ksdk reads ids of at most ${MAX_CLOUD_EVENT_ID_LENGTH} (${where})`);
  }
  return id;
}

function emptyId(where: string): DecodeError {
  return new DecodeError('empty-id', `CloudEvent id is empty (${where}); the spec requires a non-empty id`);
}

function checkedTime(time: string | undefined, where: string): string | undefined {
  if (time !== undefined && !isRfc3339(time)) {
    throw new DecodeError('invalid-time', `CloudEvent time "${boundedText(time)}" is not an RFC 3339 date-time such as 2024-12-02T10:30:00Z (${where})`);
  }
  return time;
}

/** `time` of a structured event: absent (`null` too), or an RFC 3339 string. */
function structuredTime(time: unknown): string | undefined {
  if (time === undefined || time === null) return undefined;
  if (typeof time !== 'string') throw new DecodeError('invalid-time', `CloudEvent time is a ${jsonType(time)}, not an RFC 3339 date-time string (structured)`);
  return checkedTime(time, 'structured');
}

function checkedContentType(contentType: string | undefined, where: string): string | undefined {
  if (contentType !== undefined && !isJsonContentType(contentType)) {
    throw new DecodeError('unsupported-content-type', `CloudEvent data is "${boundedText(contentType)}" (${where}); ksdk messages are JSON (application/json or a +json type)`);
  }
  return contentType;
}

/** A JSON string where an object belongs: usually JSON encoded twice by the producer. */
function checkedData(data: unknown, where: string): unknown {
  if (typeof data === 'string') {
    throw new DecodeError('string-data', `CloudEvent data is a JSON string, not an object (${where}); was the message JSON-encoded twice?`);
  }
  return data;
}

function lookup(index: MessageTypeIndex, type: string | undefined): MessageDescriptor {
  const descriptor = index.get(type);
  if (!descriptor) {
    throw new DecodeError(
      'unknown-type',
      type === undefined
        ? `record names no message type and the subscription accepts several (${index.knownTypes})`
        : `unknown message type "${boundedText(type)}"; this subscription accepts ${index.knownTypes}`,
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
  if (specversion !== CE_SPECVERSION) throw new DecodeError('unsupported-specversion', `CloudEvents specversion "${boundedText(specversion)}" is not supported (only 1.0)`);
  return specversion;
}

/**
 * The extension attributes of a structured event: members named as attributes that are
 * not core ones. Values of the spec's types as JSON has them (string, number, boolean);
 * `null` is absent; an object or array is no attribute value (poison).
 */
function structuredExtensions(e: Record<string, unknown>): CloudEventExtensions {
  let extensions: Record<string, string | number | boolean> | undefined;
  for (const name in e) {
    if (!isReadableExtension(name)) continue;
    const v = e[name];
    if (v === null) continue;
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      throw invalidAttribute(name, 'structured', `is a${Array.isArray(v) ? 'n array' : 'n object'}; an extension is a string, number or boolean`);
    }
    (extensions ??= {})[name] = v;
  }
  return extensions ?? NO_EXTENSIONS;
}

/** The extension attributes of a binary-mode record: its other `ce_` headers, each once, strictly UTF-8. */
function binaryExtensions(record: RecordInput): CloudEventExtensions {
  let extensions: Record<string, string> | undefined;
  for (const header in record.headers) {
    // `ce_` (99, 101, 95): most headers are not attributes; no string is made for them.
    if (header.charCodeAt(0) !== 99 || header.charCodeAt(1) !== 101 || header.charCodeAt(2) !== 95) continue;
    const name = header.slice(3);
    if (!isReadableExtension(name)) continue;
    const v = ceHeader(record, header);
    if (v !== undefined) (extensions ??= {})[name] = v;
  }
  return extensions ?? NO_EXTENSIONS;
}

function recordTime(record: RecordInput): string {
  return new Date(Number(record.timestamp)).toISOString();
}

function decodeStructured(record: RecordInput, index: MessageTypeIndex): DecodedMessage {
  const where = 'structured';
  const event = parseJson(record.value as Buffer, 'structured CloudEvent');
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new DecodeError('invalid-json', 'structured CloudEvent is not a JSON object');
  }
  const e = event as Record<string, unknown>;
  const specversion = supported(structuredAttribute(e, 'specversion'));
  if (e.id === '') throw emptyId(where);
  const id = checkedId(structuredAttribute(e, 'id'), where);
  const type = structuredAttribute(e, 'type');
  const source = structuredAttribute(e, 'source');
  const descriptor = lookup(index, type);
  const datacontenttype = checkedContentType(optionalAttribute(e, 'datacontenttype'), where);
  if (e.data_base64 !== undefined && e.data_base64 !== null) {
    throw new DecodeError('base64-data', 'structured CloudEvent carries data_base64 (binary data); ksdk messages are JSON in "data"');
  }
  const time = structuredTime(e.time);
  const cloudEvent: CloudEventInfo = { id, type, source, specversion, extensions: structuredExtensions(e) };
  if (time !== undefined) cloudEvent.time = time;
  if (datacontenttype !== undefined) cloudEvent.datacontenttype = datacontenttype;
  const dataschema = optionalAttribute(e, 'dataschema');
  if (dataschema !== undefined) cloudEvent.dataschema = dataschema;
  const subject = optionalAttribute(e, 'subject');
  if (subject !== undefined) cloudEvent.subject = subject;
  const data = checkedData(e.data, where);
  validated(descriptor, data);
  return {
    message: assemble(data, id, time ?? recordTime(record), e.raisingcomponent, e.tenant, e.conversation),
    descriptor,
    wireFormat: 'structured',
    cloudEvent,
  };
}

function decodeBinary(record: RecordInput, index: MessageTypeIndex, contentType: string | undefined): DecodedMessage {
  const where = 'binary';
  const specversion = supported(binaryAttribute(record, 'specversion'));
  const rawId = ceHeader(record, 'ce_id');
  if (rawId === undefined) throw missingAttribute('id', 'binary, header ce_id');
  if (rawId === '') throw emptyId('binary, header ce_id');
  const id = checkedId(rawId, 'binary, header ce_id');
  const type = binaryAttribute(record, 'type');
  const source = binaryAttribute(record, 'source');
  const descriptor = lookup(index, type);
  const datacontenttype = checkedContentType(contentType, 'binary, header content-type');
  const time = checkedTime(ceHeader(record, 'ce_time'), 'binary, header ce_time');
  const extensions = binaryExtensions(record);
  const cloudEvent: CloudEventInfo = { id, type, source, specversion, extensions };
  if (time !== undefined) cloudEvent.time = time;
  if (datacontenttype !== undefined) cloudEvent.datacontenttype = datacontenttype;
  const dataschema = ceHeader(record, 'ce_dataschema');
  if (dataschema !== undefined) cloudEvent.dataschema = dataschema;
  const subject = ceHeader(record, 'ce_subject');
  if (subject !== undefined) cloudEvent.subject = subject;
  const data = checkedData(parseJson(record.value as Buffer, 'binary CloudEvent data'), where);
  validated(descriptor, data);
  return {
    message: assemble(data, id, time ?? recordTime(record), extensions.raisingcomponent, extensions.tenant, extensions.conversation),
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
  const time = typeof flat.timeStamp === 'string' ? flat.timeStamp : recordTime(record);
  return {
    message: assemble(data, id, time, flat.raisingComponent, flat.tenant, flat.conversation),
    descriptor,
    wireFormat: 'plain',
  };
}
