import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fragmentToPointer } from '../util/pointer.js';
import { isSchemaObject, walkSchema } from './walkSchema.js';

/** What a `$ref` string points at, before loading anything. */
export type ParsedRef =
  | { kind: 'local'; fragment: string }
  | { kind: 'file'; path: string; fragment: string }
  | { kind: 'remote'; url: string; fragment: string }
  | { kind: 'unsupported'; reason: string };

/**
 * Splits a `$ref` into document and fragment. Relative references resolve
 * against the referencing file's location (its `$id` is not used for this);
 * http(s) URLs are remote. JSON Schema core §8.2.3 (draft 2020-12).
 */
export function parseRef(ref: string, fromId: string, fromRemote: boolean): ParsedRef {
  const hash = ref.indexOf('#');
  const base = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? '' : ref.slice(hash + 1);
  if (base === '') return { kind: 'local', fragment };
  if (fromRemote) {
    try {
      return { kind: 'remote', url: new URL(base, fromId).toString(), fragment };
    } catch {
      return { kind: 'unsupported', reason: 'not a valid URL' };
    }
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(base)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return { kind: 'remote', url: base, fragment };
  if (scheme === 'file') return { kind: 'file', path: fileURLToPath(base), fragment };
  if (scheme !== undefined && scheme.length > 1) {
    return { kind: 'unsupported', reason: `"${scheme}:" references are not supported; use a relative file path or a "#" fragment` };
  }
  let decoded: string;
  try {
    decoded = decodeURI(base);
  } catch {
    decoded = base;
  }
  return { kind: 'file', path: path.resolve(path.dirname(fromId), decoded), fragment };
}

/**
 * The JSON pointer a fragment names: `""` and `"/a/b"` are pointers, anything
 * else is a plain-name anchor (`$anchor`, or draft-07 `$id: "#name"`).
 */
export function fragmentPointer(fragment: string, document: unknown): string | undefined {
  const decoded = fragmentToPointer(fragment);
  if (decoded === '' || decoded.startsWith('/')) return decoded;
  let found: string | undefined;
  walkSchema(document, '', (node, pointer) => {
    if (found !== undefined || !isSchemaObject(node)) return;
    if (node.$anchor === decoded || node.$id === `#${decoded}`) found = pointer;
  });
  return found;
}
