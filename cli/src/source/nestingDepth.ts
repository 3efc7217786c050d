import { joinPointer } from '../util/pointer.js';

/**
 * Where the text first opens more than `limit` nested `[`/`{` (outside strings
 * and comments), as an offset; undefined when it never does. Runs before any
 * parser sees the text: parsers recurse once per level and overflow the stack
 * long before a file is large. Exact for JSON; for YAML it covers flow
 * collections (block nesting costs indentation, which the size limit bounds,
 * and the parsed value is measured again by `deepestPointer`).
 */
export function depthExceededAt(text: string, limit: number, json: boolean): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || (!json && c === "'")) quote = c;
    else if (!json && c === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (c === '[' || c === '{') {
      if (++depth > limit) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}

/** The pointer of the first value nested more than `limit` levels deep (objects and arrays), or undefined. Iterative. */
export function deepestPointer(value: unknown, limit: number): string | undefined {
  const stack: Array<{ node: unknown; pointer: string; depth: number }> = [{ node: value, pointer: '', depth: 0 }];
  while (stack.length > 0) {
    const { node, pointer, depth } = stack.pop() as { node: unknown; pointer: string; depth: number };
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > limit) return pointer;
    const entries: Array<[string | number, unknown]> = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    for (const [key, child] of entries) stack.push({ node: child, pointer: joinPointer(pointer, key), depth: depth + 1 });
  }
  return undefined;
}
