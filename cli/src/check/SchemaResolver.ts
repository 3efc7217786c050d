import path from 'node:path';
import { KsdkCliError } from '../errors/KsdkCliError.js';
import { isJsonObject, type JsonSchema } from './JsonSchema.js';

/**
 * Gives the engine the documents a schema refers to with `$ref`. URIs are the
 * project-relative, `/`-separated paths of schema files (`schemas/order.schema.json`)
 * or the absolute `$id` of a document. The engine never reads files itself: a
 * baseline loader collects every document first (see `collectSchemaDocuments`).
 */
export interface SchemaResolver {
  load(uri: string): JsonSchema | undefined;
}

/** A resolver over documents held in memory, indexed by path and by their `$id`. */
export class DocumentSet implements SchemaResolver {
  private readonly byUri = new Map<string, JsonSchema>();

  constructor(documents: Readonly<Record<string, JsonSchema>> = {}) {
    for (const [uri, schema] of Object.entries(documents)) this.add(uri, schema);
  }

  add(uri: string, schema: JsonSchema): void {
    this.byUri.set(uri, schema);
    if (isJsonObject(schema) && typeof schema.$id === 'string' && isAbsoluteUri(schema.$id)) {
      this.byUri.set(stripFragment(schema.$id), schema);
    }
  }

  load(uri: string): JsonSchema | undefined {
    return this.byUri.get(uri);
  }
}

/** A resolver for a single self-contained schema (only `#/...` references). */
export function singleDocument(uri: string, schema: JsonSchema): SchemaResolver {
  return new DocumentSet({ [uri]: schema });
}

export function isAbsoluteUri(uri: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(uri);
}

function stripFragment(uri: string): string {
  const hash = uri.indexOf('#');
  return hash === -1 ? uri : uri.slice(0, hash);
}

/** The document URI a `$ref` points to, relative to the document it appears in. */
export function resolveDocumentUri(ref: string, baseUri: string): string {
  const target = stripFragment(ref);
  if (target === '') return baseUri;
  if (isAbsoluteUri(target)) return target;
  if (isAbsoluteUri(baseUri)) return new URL(target, baseUri).href;
  return path.posix.normalize(path.posix.join(path.posix.dirname(baseUri), target));
}

/** Splits a `$ref` into the target document and the JSON pointer inside it. */
export function parseRef(ref: string, baseUri: string): { uri: string; pointer: string } {
  const hash = ref.indexOf('#');
  const fragment = hash === -1 ? '' : ref.slice(hash + 1);
  let pointer: string;
  try {
    pointer = decodeURIComponent(fragment);
  } catch {
    pointer = fragment;
  }
  if (pointer !== '' && !pointer.startsWith('/')) {
    throw new KsdkCliError('KSDK_REF_UNRESOLVED', { file: baseUri, message: `$ref "${ref}" uses an anchor; ksdk check resolves only JSON-pointer references` });
  }
  return { uri: resolveDocumentUri(ref, baseUri), pointer };
}

/** Every document URI a schema document refers to (directly), for loaders that collect files. */
export function externalRefs(schema: JsonSchema, baseUri: string): string[] {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!isJsonObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) {
        found.add(resolveDocumentUri(value, baseUri));
      } else if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'examples') {
        visit(value);
      }
    }
  };
  visit(schema);
  found.delete(baseUri);
  return [...found].sort();
}
