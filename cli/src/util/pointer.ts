/** JSON pointers (RFC 6901): `''` is the whole document, `/a/0/b~1c` a path into it. */

export type PointerSegment = string | number;

export function escapeSegment(segment: PointerSegment): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Appends segments to a pointer, escaping them. */
export function joinPointer(base: string, ...segments: PointerSegment[]): string {
  return base + segments.map((s) => `/${escapeSegment(s)}`).join('');
}

/** The unescaped segments of a pointer; `''` gives `[]`. Throws on a pointer that does not start with `/`. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: "${pointer}"`);
  return pointer.slice(1).split('/').map(unescapeSegment);
}

/** Parses the fragment of a URI (`#/definitions/My%20Type`) as a pointer; percent-decoding first. */
export function fragmentToPointer(fragment: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    decoded = fragment;
  }
  return decoded;
}

/** The value at `pointer`, or `{ found: false }`. */
export function getAtPointer(root: unknown, pointer: string): { found: true; value: unknown } | { found: false } {
  let node: unknown = root;
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) return { found: false };
      const index = Number(segment);
      if (index >= node.length) return { found: false };
      node = node[index];
    } else if (typeof node === 'object' && node !== null) {
      if (!Object.prototype.hasOwnProperty.call(node, segment)) return { found: false };
      node = (node as Record<string, unknown>)[segment];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: node };
}
