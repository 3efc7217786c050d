import { KsdkCliError } from '../errors/KsdkCliError.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { pointerOfKey } from '../util/findKey.js';
import { draftOf, type Draft } from './draft.js';
import { isSchemaObject } from './walkSchema.js';

/** One loaded schema document: a local file, a fetched URL with `--allow-remote-refs`, or a document of a `DocumentSet`. */
export interface SchemaFile {
  /** Absolute path, the URL of a remote schema, or the id of a `DocumentSet` document. */
  id: string;
  /** What messages show: the path relative to the project, or the URL. */
  display: string;
  doc: SourceDocument;
  /** The draft the file declares with `$schema`, or the draft of the schema that first referenced it. */
  draft: Draft;
  declaresDraft: boolean;
  /** `id` is a URL: relative `$ref`s in it resolve as URLs do. */
  remote: boolean;
}

/** A schema inside a file, named by file and JSON pointer. */
export interface SchemaLocation {
  file: SchemaFile;
  pointer: string;
}

/** `<file id>#<pointer>`: the identity of a schema across the whole project. */
export function locationKey(fileId: string, pointer: string): string {
  return `${fileId}#${pointer}`;
}

/**
 * A parsed document as a schema file, once it is one: an object or a boolean,
 * no `"__proto__"` name anywhere, a `$schema` ksdk reads (or none: then the
 * draft of the schema that referenced it, `inheritedDraft`). Fails with a
 * located `KsdkCliError` otherwise.
 */
export function schemaFileOf(id: string, doc: SourceDocument, inheritedDraft: Draft, remote: boolean): SchemaFile {
  if (!isSchemaObject(doc.value) && typeof doc.value !== 'boolean') {
    throw new KsdkCliError('KSDK_SCHEMA_INVALID', doc.issue('', 'a JSON Schema must be an object or a boolean'));
  }
  // JSON.parse keeps `"__proto__"` as a key, but a JavaScript object literal or assignment turns it into the
  // object's prototype: the property would vanish from the message type, the validator and the data.
  const proto = pointerOfKey(doc.value, '__proto__');
  if (proto !== undefined) {
    throw new KsdkCliError(
      'KSDK_RESERVED_PROPERTY',
      doc.issue(proto, '"__proto__" cannot be a name in a schema (a property, a definition or a keyword): JavaScript objects treat it as their prototype, not as a field; rename it', { key: true }),
    );
  }
  const declared = draftOf(doc.value);
  if (typeof declared === 'object') {
    throw new KsdkCliError(
      'KSDK_SCHEMA_INVALID',
      doc.issue('/$schema', `unsupported $schema ${declared.unsupported}; ksdk reads draft-07, 2019-09 and 2020-12 schemas`),
    );
  }
  return { id, display: doc.file, doc, draft: declared ?? inheritedDraft, declaresDraft: declared !== undefined, remote };
}
