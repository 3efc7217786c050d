import { isUtf8 } from 'node:buffer';
import { DecodeError } from '../errors/DecodeError.js';

/**
 * Bytes as UTF-8 text, strictly: invalid UTF-8 is a `DecodeError` (`invalid-utf8`),
 * never text with U+FFFD in place of the bad bytes (what `toString('utf8')` gives,
 * which a handler would take for the sender's text).
 *
 * Costs nothing on the valid path: `toString` replaces every invalid sequence with
 * U+FFFD, so only a text that contains one can come from invalid bytes, and only then
 * are the bytes validated (a real U+FFFD is valid; ASCII-only text is searched in O(1)).
 */
export function utf8Text(bytes: Buffer, what: string): string {
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD') && !isUtf8(bytes)) throw new DecodeError('invalid-utf8', `${what} is not valid UTF-8`);
  return text;
}
