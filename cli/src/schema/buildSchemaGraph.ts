import { InputRefused, type GenContext } from '../context/GenContext.js';
import { KsdkCliError, type Issue } from '../errors/KsdkCliError.js';
import { SourceDocument } from '../source/SourceDocument.js';
import { DEFAULT_DRAFT, type Draft } from './draft.js';
import { GraphWalker, type DocumentRequest } from './GraphWalker.js';
import { checkRefCycles } from './refCycles.js';
import { schemaFileOf, type SchemaFile } from './SchemaFile.js';
import type { SchemaGraph } from './SchemaGraph.js';

/** A message whose schema the graph starts from. */
export interface GraphRoot {
  name: string;
  /** Absolute path of the message's schema. */
  schemaFile: string;
  /** Where the manifest names the schema, for "not found" errors (located only then: locating costs a parse of the manifest). */
  declaredAt: () => Issue;
}

/**
 * Loads the schemas of `roots` and everything they reference from the project
 * (`ctx.readInput`: confined to the project and the schema roots, regular files
 * only, size-limited) or, with `allowRemoteRefs`, the network; refuses `$ref`
 * cycles that never reach a property or an item.
 */
export async function buildSchemaGraph(ctx: GenContext, roots: readonly GraphRoot[]): Promise<SchemaGraph> {
  const walker = new GraphWalker(ctx.limits);
  for (const [i, root] of roots.entries()) {
    ctx.progress({ stage: 'schemas', message: `reading ${ctx.display(root.schemaFile)}`, current: i + 1, total: roots.length });
    const file = await loadFile(ctx, walker.graph, root.schemaFile, false, DEFAULT_DRAFT, () => ({
      code: 'KSDK_SCHEMA_NOT_FOUND',
      issue: { ...root.declaredAt(), message: `schema file ${ctx.display(root.schemaFile)} of message ${root.name} not found` },
      subject: `the schema file of message ${root.name}`,
    }));
    walker.addRoot(root.name, file);
  }
  for (let request = walker.walk(); request !== undefined; request = walker.walk()) walker.provide(await loadReferenced(ctx, walker.graph, request));
  checkRefCycles(walker.graph);
  return walker.graph;
}

/** The document a `$ref` names: a file of the project, or (with `--allow-remote-refs`) an http(s) URL. */
async function loadReferenced(ctx: GenContext, graph: SchemaGraph, request: DocumentRequest): Promise<SchemaFile> {
  const { ref, from, at } = request;
  if (!request.url) {
    return loadFile(ctx, graph, request.id, false, from.draft, () => ({
      code: 'KSDK_REF_UNRESOLVED',
      issue: from.doc.issue(at, `cannot resolve $ref "${ref}": file ${ctx.display(request.id)} not found`),
      subject: `$ref "${ref}"`,
    }));
  }
  const scheme = request.id.slice(0, request.id.indexOf(':')).toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    throw new KsdkCliError(
      'KSDK_REF_UNRESOLVED',
      from.doc.issue(at, `cannot resolve $ref "${ref}": "${scheme}:" references are not supported; use a relative file path or a "#" fragment`),
    );
  }
  if (!ctx.allowRemoteRefs) {
    throw new KsdkCliError(
      'KSDK_REF_REMOTE',
      from.doc.issue(
        at,
        `remote $ref "${ref}" refused: ksdk reads schemas from the project only. Copy the schema into the project and reference it by a relative path, or pass --allow-remote-refs`,
      ),
    );
  }
  return loadFile(ctx, graph, request.id, true, from.draft, (cause) => ({
    code: 'KSDK_REF_REMOTE',
    issue: from.doc.issue(at, `could not fetch remote $ref "${ref}" (--allow-remote-refs is set): ${describeCause(cause)}. Check network access, or copy the schema into the project`),
    subject: `remote $ref "${ref}"`,
  }));
}

/** Where a file is named (the manifest field, the `$ref`): the error when it cannot be read, and what to call it when it is refused. */
type NotFound = (cause: unknown) => { code: 'KSDK_SCHEMA_NOT_FOUND' | 'KSDK_REF_UNRESOLVED' | 'KSDK_REF_REMOTE'; issue: Issue; subject: string };

async function loadFile(ctx: GenContext, graph: SchemaGraph, id: string, remote: boolean, inheritedDraft: Draft, notFound: NotFound): Promise<SchemaFile> {
  const existing = graph.files.get(id);
  if (existing) return existing;
  if (graph.files.size >= ctx.limits.schemaFiles) {
    const { issue, subject } = notFound(undefined);
    throw new KsdkCliError('KSDK_LIMIT_EXCEEDED', { ...issue, message: `${subject}: more than ${ctx.limits.schemaFiles} schema files in one run` });
  }
  let text: string;
  try {
    text = remote ? await ctx.fetchText(id) : await ctx.readInput(id, { confined: true });
  } catch (err) {
    const { code, issue, subject } = notFound(err);
    // Refused before reading (outside the project, not a regular file, too large): the message names the path, never the content.
    if (err instanceof InputRefused) throw new KsdkCliError(err.code, { ...issue, message: `${subject}: ${err.message}` }, { cause: err });
    throw new KsdkCliError(code, issue, { cause: err });
  }
  const display = ctx.display(id);
  const yaml = /\.ya?ml$/i.test(remote ? new URL(id).pathname : id);
  const doc = SourceDocument.parse(display, text, { json: !yaml, syntaxCode: 'KSDK_SCHEMA_SYNTAX', limits: ctx.limits });
  const file = schemaFileOf(id, doc, inheritedDraft, remote);
  ctx.documents.set(id, doc);
  return file;
}

/** `fetch failed (getaddrinfo ENOTFOUND example.com)`: the error and what caused it. */
function describeCause(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const inner = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return `${err.message}${inner}`;
}
