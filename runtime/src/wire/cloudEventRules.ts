import { fastDateTime } from '../formats/fastDateTime.js';

/**
 * The longest CloudEvents `id` ksdk writes or reads, in UTF-16 code units. The spec sets
 * no bound; ids are UUIDs or similar keys, and one that is a megabyte long is a fault
 * (it is copied into headers, logs, dead-letter copies and span attributes).
 */
export const MAX_CLOUD_EVENT_ID_LENGTH = 1024;

/**
 * RFC 3339 `date-time` (section 5.6) exactly: `T`/`t`, seconds, an optional fraction and
 * `Z`/`z` or `±hh:mm`. Stricter than the JSON Schema `date-time` format of ajv-formats,
 * which also takes a space separator and `±hh`/`±hhmm` zones that RFC 3339 and the Java
 * CloudEvents SDK (`OffsetDateTime.parse`) refuse.
 */
export function isRfc3339(text: string): boolean {
  return fastDateTime(text) === true;
}

/**
 * Is a `datacontenttype` (structured mode) or `content-type` (binary mode) JSON:
 * `application/json` or a `+json` suffix, with any parameters (`; charset=utf-8`).
 */
export function isJsonContentType(contentType: string): boolean {
  // What ksdk and most producers write: no allocation.
  if (contentType === 'application/json') return true;
  const semicolon = contentType.indexOf(';');
  const mediaType = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  if (mediaType === 'application/json') return true;
  const slash = mediaType.indexOf('/');
  return slash > 0 && mediaType.endsWith('+json') && mediaType.length > slash + '+json'.length + 1;
}
