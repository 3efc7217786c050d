import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fragmentToPointer } from '../util/pointer.js';
import { isSchemaObject, walkSchema } from './walkSchema.js';

/**
 * What a `$ref` string points at, before loading anything: the same document
 * (`local`), or another one by id. A document id is a path (absolute for files,
 * `/`-separated relative for a `DocumentSet`) or a URL.
 */
export type ParsedRef =
  | { kind: 'local'; fragment: string }
  | { kind: 'document'; id: string; url: boolean; fragment: string }
  | { kind: 'unsupported'; reason: string };

/** `https:`, `urn:`... (a one-letter "scheme" is a Windows drive). */
export function isUrl(id: string): boolean {
  return /^[a-z][a-z0-9+.-]+:/i.test(id);
}

/**
 * Splits a `$ref` into document and fragment: ksdk's one reference resolution,
 * shared by `generate`, `check` and `lock` (JSON Schema core §8.2.3, 2020-12).
 * A relative reference resolves against the id of the document it is in — a
 * path against its folder, a URL as URLs do — never against an `$id` inside it;
 * an absolute URL stays as it is (where it is read from, if at all, is the
 * graph builder's choice); a `file:` URL is a path.
 */
export function parseRef(ref: string, fromId: string): ParsedRef {
  const hash = ref.indexOf('#');
  const base = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? '' : ref.slice(hash + 1);
  if (base === '') return { kind: 'local', fragment };
  if (isUrl(fromId)) {
    try {
      return { kind: 'document', id: new URL(base, fromId).toString(), url: true, fragment };
    } catch {
      return { kind: 'unsupported', reason: 'not a valid URL' };
    }
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(base)?.[1]?.toLowerCase();
  if (scheme === 'file') {
    try {
      return { kind: 'document', id: fileURLToPath(base), url: false, fragment };
    } catch (err) {
      return { kind: 'unsupported', reason: `not a valid file URL (${(err as Error).message})` };
    }
  }
  if (scheme !== undefined && scheme.length > 1) return { kind: 'document', id: base, url: true, fragment };
  let decoded: string;
  try {
    decoded = decodeURI(base);
  } catch {
    decoded = base;
  }
  if (path.isAbsolute(fromId)) return { kind: 'document', id: path.resolve(path.dirname(fromId), decoded), url: false, fragment };
  const id = path.posix.isAbsolute(decoded) ? decoded : path.posix.join(path.posix.dirname(fromId), decoded);
  return { kind: 'document', id: path.posix.normalize(id), url: false, fragment };
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
