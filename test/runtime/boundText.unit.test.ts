// Unit test of boundText: how ksdk bounds the text it puts in headers and error messages.
import { describe, expect, it } from 'vitest';
import { boundText } from '../../runtime/src/errors/boundText.js';

describe('boundText', () => {
  it.each([
    ['short ascii', 'hello', 16, 'hello'],
    ['exactly at the limit', 'x'.repeat(64), 64, 'x'.repeat(64)],
  ])('keeps %s', (_, text, max, want) => expect(boundText(text, max)).toBe(want));

  it('cuts long text at a character boundary and says how long it was', () => {
    for (const ch of ['a', 'é', '€', '😀']) {
      const text = ch.repeat(1000);
      const out = boundText(text, 256);
      expect(Buffer.byteLength(out)).toBeLessThanOrEqual(256);
      expect(out).toMatch(new RegExp(`^(${ch})+ …\\[truncated: ${Buffer.byteLength(text)} bytes in all\\]$`, 'u'));
    }
  });
});
