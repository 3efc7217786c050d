import { DEFAULT_LIMITS, type Limits } from '../context/limits.js';
import { KsdkCliError } from '../errors/KsdkCliError.js';
import { deepestPointer } from '../source/nestingDepth.js';
import { SourceDocument } from '../source/SourceDocument.js';
import type { SchemaResolver } from './DocumentSet.js';
import { DEFAULT_DRAFT, type Draft } from './draft.js';
import { GraphWalker, type DocumentRequest } from './GraphWalker.js';
import { checkRefCycles } from './refCycles.js';
import { isUrl } from './resolveRef.js';
import { schemaFileOf, type SchemaFile } from './SchemaFile.js';
import type { SchemaGraph } from './SchemaGraph.js';

/**
 * The schema graph of the document `rootId` and everything it references,
 * from documents in memory (no I/O, synchronous): the same walk, reference
 * resolution (`$ref`, `$anchor`, an absolute `$id` through `DocumentSet`),
 * limits (nesting depth, number of documents and schemas) and `$ref`-cycle
 * refusal as `ksdk generate`'s graph of files. The root is the graph's one
 * message, named `rootId`.
 */
export function graphOfDocuments(documents: SchemaResolver, rootId: string, limits: Readonly<Limits> = DEFAULT_LIMITS): SchemaGraph {
  const walker = new GraphWalker(limits);
  walker.addRoot(rootId, documentFile(documents, rootId, DEFAULT_DRAFT, limits, undefined));
  for (let request = walker.walk(); request !== undefined; request = walker.walk()) {
    if (walker.graph.files.size >= limits.schemaFiles) {
      throw new KsdkCliError('KSDK_LIMIT_EXCEEDED', request.from.doc.issue(request.at, `$ref "${request.ref}": more than ${limits.schemaFiles} schema documents in one comparison`));
    }
    walker.provide(documentFile(documents, request.id, request.from.draft, limits, request));
  }
  checkRefCycles(walker.graph);
  return walker.graph;
}

function documentFile(documents: SchemaResolver, id: string, inheritedDraft: Draft, limits: Readonly<Limits>, request: DocumentRequest | undefined): SchemaFile {
  const value = documents.load(id);
  if (value === undefined) {
    throw new KsdkCliError(
      'KSDK_REF_UNRESOLVED',
      request === undefined ? { file: id, message: 'no such schema document' } : request.from.doc.issue(request.at, `cannot resolve $ref "${request.ref}": no schema document "${id}"`),
    );
  }
  // What a parser would refuse in a file: this value did not come through one.
  const deepest = deepestPointer(value, limits.depth);
  if (deepest !== undefined) {
    throw new KsdkCliError('KSDK_LIMIT_EXCEEDED', { file: id, pointer: deepest, message: `nested more than ${limits.depth} levels deep (objects and arrays); ksdk reads documents up to that depth` });
  }
  return schemaFileOf(id, SourceDocument.fromValue(id, value), inheritedDraft, isUrl(id));
}
