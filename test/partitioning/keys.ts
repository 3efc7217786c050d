// Deterministic keys for placement tests: ASCII, UUIDs, numbers, non-ASCII text
// (accents, CJK, emoji, combining marks, RTL), the empty key and raw bytes.
import { createHash } from 'node:crypto';

function bytes(seed: string, n: number): Buffer {
  const out = Buffer.alloc(n);
  let block = createHash('sha256').update(seed).digest();
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 32 === 0) block = createHash('sha256').update(block).digest();
    out[i] = block[i % 32]!;
  }
  return out;
}

function uuid(i: number): string {
  const h = createHash('sha1').update(`uuid-${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const WORDS = ['über', 'café', 'naïve', 'Ωmega', 'Привет', '東京', '注文', '고객', 'مرحبا', 'שלום', '🚀', '👩‍💻', 'e\u0301', '𝄞', 'ß', 'ﬁ'];

/** `count` keys as strings (UTF-8 on the wire, as Kafka's StringSerializer sends them). */
export function textKeys(count: number): string[] {
  const keys = ['', 'a', 'ab', 'abc', 'abcd', '21', 'foobar', 'customer-1'];
  for (let i = 0; keys.length < count; i++) {
    switch (i % 5) {
      case 0:
        keys.push(uuid(i));
        break;
      case 1:
        keys.push(`customer-${i}`);
        break;
      case 2:
        keys.push(String(i * 7919));
        break;
      case 3:
        keys.push(`${WORDS[i % WORDS.length]}-${i}-${WORDS[(i * 7) % WORDS.length]}`);
        break;
      default:
        keys.push(WORDS[i % WORDS.length]!.repeat(1 + (i % 4)) + String.fromCodePoint(0x4e00 + (i % 2000)));
    }
  }
  return keys.slice(0, count);
}

/** `count` keys of raw bytes, lengths 1..64 (every tail length of murmur2). */
export function byteKeys(count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => bytes(`key-${i}`, 1 + (i % 64)));
}
