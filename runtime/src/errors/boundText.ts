/**
 * Text from outside ksdk (error messages, broker replies, schema violations) ends up in
 * headers, logs and status; none of those may grow with the input. `boundText` keeps at
 * most `maxBytes` UTF-8 bytes, cut at a character boundary, and marks the cut with how
 * long the text was, so a reader knows it is incomplete.
 */
export function boundText(text: string, maxBytes: number): string {
  // Fast path: a string of n UTF-16 units takes at most 3n UTF-8 bytes.
  if (text.length * 3 <= maxBytes) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  const marker = ` …[truncated: ${bytes.length} bytes in all]`;
  const room = Math.max(0, maxBytes - Buffer.byteLength(marker));
  let end = room;
  // Step back over continuation bytes (10xxxxxx) so no character is cut in half.
  while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8') + marker;
}
