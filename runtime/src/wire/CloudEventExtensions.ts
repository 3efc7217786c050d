import type { SchemaViolation } from '../errors/ValidationError.js';
import type { WireFormat } from './WireFormat.js';

/**
 * CloudEvents extension attributes by name: what `PublishOptions.extensions` sets and
 * `ctx.cloudEvent.extensions` reads. Values follow the spec's type system as JSON has it:
 * String, Boolean, Integer (32-bit signed). In binary mode every attribute is a `ce_`
 * header, so extensions read back from a binary record are strings (`"true"`, `"42"`).
 */
export type CloudEventExtensions = Readonly<Record<string, string | number | boolean>>;

/**
 * Attribute names an extension cannot take: the spec's context attributes and data members,
 * and the extensions ksdk writes from a message's own fields (`raisingComponent`, `tenant`,
 * `conversation`): set those on the message.
 */
export const RESERVED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'specversion',
  'id',
  'source',
  'type',
  'time',
  'datacontenttype',
  'dataschema',
  'subject',
  'data',
  'data_base64',
  'raisingcomponent',
  'tenant',
  'conversation',
]);

/** The spec's rule for attribute names: lower-case ASCII letters and digits, at most 20 (ksdk holds it to the SHOULD). */
const EXTENSION_NAME = /^[a-z0-9]{1,20}$/;
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/** What is wrong with the extensions passed to publish; undefined when nothing is. */
export function extensionViolations(extensions: CloudEventExtensions, format: WireFormat): SchemaViolation[] | undefined {
  let violations: SchemaViolation[] | undefined;
  const add = (name: string, keyword: string, message: string) => (violations ??= []).push({ instancePath: `/extensions/${name}`, keyword, message });
  for (const name of Object.keys(extensions)) {
    const value: unknown = extensions[name];
    if (!EXTENSION_NAME.test(name)) add(name, 'name', 'is not a CloudEvents attribute name (1 to 20 lower-case letters a-z and digits 0-9)');
    else if (RESERVED_ATTRIBUTES.has(name)) add(name, 'name', `is a ${CORE.has(name) ? 'CloudEvents core attribute' : "ksdk attribute set from the message's own field"}, not an extension`);
    else if (typeof value === 'number') {
      if (!Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) add(name, 'type', `must be a 32-bit integer (the CloudEvents Integer type), got ${value}`);
    } else if (typeof value !== 'string' && typeof value !== 'boolean') {
      add(name, 'type', `must be a string, a boolean or a 32-bit integer, got ${value === null ? 'null' : typeof value}`);
    }
  }
  if (format === 'plain' && Object.keys(extensions).length > 0) {
    (violations ??= []).push({ instancePath: '/extensions', keyword: 'wireFormat', message: 'plain JSON records carry no CloudEvents attributes; publish in structured or binary mode' });
  }
  return violations;
}

const CORE: ReadonlySet<string> = new Set(['specversion', 'id', 'source', 'type', 'time', 'datacontenttype', 'dataschema', 'subject', 'data', 'data_base64']);

/**
 * Can `name` be an extension read from a record: the spec's name rule (lower-case letters
 * and digits; longer than 20 is read too) and no core attribute. Other members of a
 * structured event are not CloudEvents attributes and are not carried.
 */
export function isReadableExtension(name: string): boolean {
  const n = name.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
  }
  return !CORE.has(name);
}

/** Shared by every record without extensions: no allocation. */
export const NO_EXTENSIONS: CloudEventExtensions = Object.freeze({});
