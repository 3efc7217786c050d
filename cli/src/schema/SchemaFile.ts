import type { SourceDocument } from '../source/SourceDocument.js';
import type { Draft } from './draft.js';

/** One loaded schema document (a local file, or a fetched URL with `--allow-remote-refs`). */
export interface SchemaFile {
  /** Absolute path, or the URL of a remote schema. */
  id: string;
  /** What messages show: the path relative to the project, or the URL. */
  display: string;
  doc: SourceDocument;
  /** The draft the file declares with `$schema`, or the draft of the schema that first referenced it. */
  draft: Draft;
  declaresDraft: boolean;
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
