import { joinPointer } from './pointer.js';

/** The pointer of the first object key equal to `key` anywhere in a JSON value (own keys, iteratively), or undefined. */
export function pointerOfKey(value: unknown, key: string): string | undefined {
  const stack: Array<{ node: unknown; pointer: string }> = [{ node: value, pointer: '' }];
  while (stack.length > 0) {
    const { node, pointer } = stack.pop() as { node: unknown; pointer: string };
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], pointer: joinPointer(pointer, i) });
      continue;
    }
    if (Object.prototype.hasOwnProperty.call(node, key)) return joinPointer(pointer, key);
    const entries = Object.entries(node);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [name, child] = entries[i] as [string, unknown];
      stack.push({ node: child, pointer: joinPointer(pointer, name) });
    }
  }
  return undefined;
}
