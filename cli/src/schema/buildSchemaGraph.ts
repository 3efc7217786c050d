import { InputRefused, type GenContext } from '../context/GenContext.js';
import { KsdkCliError, type Issue } from '../errors/KsdkCliError.js';
import { SourceDocument } from '../source/SourceDocument.js';
import { pointerOfKey } from '../util/findKey.js';
import { getAtPointer, joinPointer } from '../util/pointer.js';
import { DEFAULT_DRAFT, draftOf, type Draft } from './draft.js';
import { checkRefCycles } from './refCycles.js';
import { fragmentPointer, parseRef } from './resolveRef.js';
import { locationKey, type SchemaFile, type SchemaLocation } from './SchemaFile.js';
import { SchemaGraph } from './SchemaGraph.js';
import { isSchemaObject, subschemas } from './walkSchema.js';

/** A message whose schema the graph starts from. */
export interface GraphRoot {
  name: string;
  /** Absolute path of the message's schema. */
  schemaFile: string;
  /** Where the manifest names the schema, for "not found" errors (located only then: locating costs a parse of the manifest). */
  declaredAt: () => Issue;
}

/** Loads the schemas of `roots` and everything they reference. */
export async function buildSchemaGraph(ctx: GenContext, roots: readonly GraphRoot[]): Promise<SchemaGraph> {
  const graph = new SchemaGraph();
  const visited = new Set<string>();
  const queue: SchemaLocation[] = [];

  for (const [i, root] of roots.entries()) {
    ctx.progress({ stage: 'schemas', message: `reading ${ctx.display(root.schemaFile)}`, current: i + 1, total: roots.length });
    const file = await loadFile(ctx, graph, root.schemaFile, false, DEFAULT_DRAFT, () => ({
      code: 'KSDK_SCHEMA_NOT_FOUND',
      issue: { ...root.declaredAt(), message: `schema file ${ctx.display(root.schemaFile)} of message ${root.name} not found` },
      subject: `the schema file of message ${root.name}`,
    }));
    graph.roots.set(root.name, file);
    queue.push({ file, pointer: '' });
  }

  // An index, not shift(): with thousands of schemas a queue that shifts is quadratic.
  for (let next = 0; next < queue.length; next++) await walk(ctx, graph, queue[next] as SchemaLocation, visited, queue);
  checkRefCycles(graph);
  return graph;
}

/** Walks one subtree, resolving `$ref`s and queueing their targets. `definitions`/`$defs` are reached only through `$ref`s. */
async function walk(ctx: GenContext, graph: SchemaGraph, start: SchemaLocation, visited: Set<string>, queue: SchemaLocation[]): Promise<void> {
  const file = start.file;
  const stack: Array<{ node: unknown; pointer: string }> = [{ node: graph.node(start), pointer: start.pointer }];
  while (stack.length > 0) {
    const { node, pointer } = stack.pop() as { node: unknown; pointer: string };
    const key = locationKey(file.id, pointer);
    if (visited.has(key)) continue;
    visited.add(key);
    if (visited.size > ctx.limits.subschemas) {
      throw new KsdkCliError('KSDK_LIMIT_EXCEEDED', file.doc.issue(pointer, `more than ${ctx.limits.subschemas} schemas (subschemas included) in one run`));
    }
    if (!isSchemaObject(node)) continue;

    for (const keyword of ['$dynamicRef', '$recursiveRef']) {
      if (keyword in node) {
        throw new KsdkCliError('KSDK_SCHEMA_INVALID', file.doc.issue(joinPointer(pointer, keyword), `${keyword} is not supported by ksdk; use $ref`));
      }
    }
    if (typeof node.title === 'string' && !(pointer === '' && graph.isMessageRoot(file))) {
      graph.titled.set(key, { file, pointer });
    }
    if ('$ref' in node) {
      const target = await resolve(ctx, graph, file, pointer, node.$ref);
      const targetKey = locationKey(target.file.id, target.pointer);
      graph.refs.set(key, targetKey);
      if (!graph.targets.has(targetKey)) {
        graph.targets.set(targetKey, target);
        queue.push(target);
      }
    }
    const children = subschemas(node, pointer).filter((c) => c.keyword !== 'definitions' && c.keyword !== '$defs');
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i] as { node: unknown; pointer: string };
      stack.push({ node: child.node, pointer: child.pointer });
    }
  }
}

async function resolve(ctx: GenContext, graph: SchemaGraph, file: SchemaFile, pointer: string, ref: unknown): Promise<SchemaLocation> {
  const at = joinPointer(pointer, '$ref');
  if (typeof ref !== 'string') throw new KsdkCliError('KSDK_SCHEMA_INVALID', file.doc.issue(at, '$ref must be a string'));
  const parsed = parseRef(ref, file.id, file.remote);
  let target: SchemaFile;
  let fragment: string;
  switch (parsed.kind) {
    case 'unsupported':
      throw new KsdkCliError('KSDK_REF_UNRESOLVED', file.doc.issue(at, `cannot resolve $ref "${ref}": ${parsed.reason}`));
    case 'local':
      target = file;
      fragment = parsed.fragment;
      break;
    case 'remote': {
      if (!ctx.allowRemoteRefs) {
        throw new KsdkCliError(
          'KSDK_REF_REMOTE',
          file.doc.issue(
            at,
            `remote $ref "${ref}" refused: ksdk reads schemas from the project only. Copy the schema into the project and reference it by a relative path, or pass --allow-remote-refs`,
          ),
        );
      }
      target = await loadFile(ctx, graph, parsed.url, true, file.draft, (cause) => ({
        code: 'KSDK_REF_REMOTE',
        issue: file.doc.issue(
          at,
          `could not fetch remote $ref "${ref}" (--allow-remote-refs is set): ${describeCause(cause)}. Check network access, or copy the schema into the project`,
        ),
        subject: `remote $ref "${ref}"`,
      }));
      fragment = parsed.fragment;
      break;
    }
    case 'file':
      target = await loadFile(ctx, graph, parsed.path, false, file.draft, () => ({
        code: 'KSDK_REF_UNRESOLVED',
        issue: file.doc.issue(at, `cannot resolve $ref "${ref}": file ${ctx.display(parsed.path)} not found`),
        subject: `$ref "${ref}"`,
      }));
      fragment = parsed.fragment;
      break;
  }
  const targetPointer = fragmentPointer(fragment, target.doc.value);
  if (targetPointer === undefined) {
    throw new KsdkCliError('KSDK_REF_UNRESOLVED', file.doc.issue(at, `cannot resolve $ref "${ref}": no anchor "${fragment}" in ${target.display}`));
  }
  const found = getAtPointer(target.doc.value, targetPointer);
  if (!found.found) {
    throw new KsdkCliError('KSDK_REF_UNRESOLVED', file.doc.issue(at, `cannot resolve $ref "${ref}": ${target.display} has nothing at "${targetPointer}"`));
  }
  if (!isSchemaObject(found.value) && typeof found.value !== 'boolean') {
    throw new KsdkCliError('KSDK_REF_UNRESOLVED', file.doc.issue(at, `cannot resolve $ref "${ref}": "${targetPointer}" in ${target.display} is not a schema`));
  }
  return { file: target, pointer: targetPointer };
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
  const file: SchemaFile = { id, display, doc, draft: declared ?? inheritedDraft, declaresDraft: declared !== undefined, remote };
  graph.files.set(id, file);
  ctx.documents.set(id, doc);
  return file;
}

/** `fetch failed (getaddrinfo ENOTFOUND example.com)`: the error and what caused it. */
function describeCause(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const inner = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return `${err.message}${inner}`;
}
