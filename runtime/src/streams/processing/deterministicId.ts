import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout) derived from `parts`. Messages a stream writes get
 * ids derived from the input record that made them, so reprocessing a record
 * after a crash (at-least-once) writes the same ids again and a downstream
 * consumer can recognise the duplicates.
 */
export function deterministicId(...parts: string[]): string {
  const hash = createHash('sha1').update(parts.join('\u0000')).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
