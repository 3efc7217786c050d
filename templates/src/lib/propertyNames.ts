/**
 * How schema property names travel through json-schema-to-typescript: each one
 * is replaced by a placeholder identifier that encodes it (`ksdkProperty_6964`
 * for `id`), and `tidyTypes` writes the real name back with `key()`. The type
 * generator thus never sees, quotes or comments on a name a user wrote: the one
 * escaping path of `code.ts` writes every property key.
 */
const PREFIX = 'ksdkProperty_';
const PLACEHOLDER = /^ksdkProperty_((?:[0-9a-f]{2})*)$/;

/** The placeholder identifier of a property name. */
export function encodePropertyName(name: string): string {
  let hex = '';
  for (const byte of new TextEncoder().encode(name)) hex += byte.toString(16).padStart(2, '0');
  return PREFIX + hex;
}

/** The property name a placeholder stands for, or `undefined` for any other identifier. */
export function decodePropertyName(identifier: string): string | undefined {
  const hex = PLACEHOLDER.exec(identifier)?.[1];
  if (hex === undefined) return undefined;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
