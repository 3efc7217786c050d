import type { Limits } from '../context/limits.js';
import { KsdkCliError } from '../errors/KsdkCliError.js';
import { getAtPointer, joinPointer } from '../util/pointer.js';
import { fragmentPointer, parseRef } from './resolveRef.js';
import { locationKey, type SchemaFile, type SchemaLocation } from './SchemaFile.js';
import { SchemaGraph } from './SchemaGraph.js';
import { isSchemaObject, subschemas } from './walkSchema.js';

/** A `$ref` to a document the graph does not hold yet: load it, `provide` it, and walk on. */
export interface DocumentRequest {
  /** The document's id: a path (absolute for files, relative in a `DocumentSet`) or a URL. */
  id: string;
  /** `id` is a URL (`https:`, `urn:`...), not a path. */
  url: boolean;
  /** The `$ref` as written, for messages. */
  ref: string;
  /** Where the `$ref` is: its file, and the pointer of the `$ref` keyword. */
  from: SchemaFile;
  at: string;
}

/**
 * Builds a `SchemaGraph` by walking every schema reachable from the roots,
 * resolving each `$ref` with `parseRef` and `fragmentPointer` (ksdk's one
 * reference resolution). It never reads anything: `walk` stops at the first
 * `$ref` to a document it does not hold and returns a `DocumentRequest`; the
 * caller loads the document (from disk or the network for `generate`, from a
 * `DocumentSet` for `check`), hands it over with `provide`, and calls `walk`
 * again, which resumes exactly where it stopped. So the walk, its order, its
 * limits and its errors are the same whatever the documents come from.
 * `definitions`/`$defs` are reached only through `$ref`s. Iterative: any depth
 * of nesting or `$ref` chain is safe.
 */
export class GraphWalker {
  readonly graph = new SchemaGraph();
  readonly #limits: Pick<Limits, 'subschemas'>;
  readonly #visited = new Set<string>();
  /** Subtrees to walk: the roots, then every `$ref` target, in discovery order; `#next` is the first not started. */
  readonly #queue: SchemaLocation[] = [];
  #next = 0;
  /** The subtree being walked: its file and the schemas left. */
  #file: SchemaFile | undefined;
  #stack: Array<{ node: unknown; pointer: string }> = [];

  constructor(limits: Pick<Limits, 'subschemas'>) {
    this.#limits = limits;
  }

  /** A message's schema file, where the walk starts. */
  addRoot(name: string, file: SchemaFile): void {
    this.provide(file);
    this.graph.roots.set(name, file);
    this.#queue.push({ file, pointer: '' });
  }

  /** A document a `DocumentRequest` asked for (or any other the graph should hold). */
  provide(file: SchemaFile): void {
    if (!this.graph.files.has(file.id)) this.graph.files.set(file.id, file);
  }

  /** Walks on; returns the next document to load, or undefined when every reachable schema is walked. */
  walk(): DocumentRequest | undefined {
    for (;;) {
      if (this.#stack.length === 0) {
        const start = this.#queue[this.#next];
        if (start === undefined) return undefined;
        this.#next++;
        this.#file = start.file;
        this.#stack.push({ node: this.graph.node(start), pointer: start.pointer });
      }
      const file = this.#file as SchemaFile;
      const { node, pointer } = this.#stack[this.#stack.length - 1] as { node: unknown; pointer: string };
      const key = locationKey(file.id, pointer);
      if (this.#visited.has(key)) {
        this.#stack.pop();
        continue;
      }
      if (this.#visited.size >= this.#limits.subschemas) {
        throw new KsdkCliError('KSDK_LIMIT_EXCEEDED', file.doc.issue(pointer, `more than ${this.#limits.subschemas} schemas (subschemas included) in one run`));
      }
      if (isSchemaObject(node)) {
        for (const keyword of ['$dynamicRef', '$recursiveRef']) {
          if (keyword in node) {
            throw new KsdkCliError('KSDK_SCHEMA_INVALID', file.doc.issue(joinPointer(pointer, keyword), `${keyword} is not supported by ksdk; use $ref`));
          }
        }
      }
      // Resolved before the schema counts as visited: when its document must be loaded first, this schema is walked again.
      const target = isSchemaObject(node) && '$ref' in node ? this.#resolve(file, pointer, node.$ref) : undefined;
      if (target !== undefined && 'ref' in target) return target;

      this.#stack.pop();
      this.#visited.add(key);
      if (!isSchemaObject(node)) continue;
      if (typeof node.title === 'string' && !(pointer === '' && this.graph.isMessageRoot(file))) {
        this.graph.titled.set(key, { file, pointer });
      }
      if (target !== undefined) {
        const targetKey = locationKey(target.file.id, target.pointer);
        this.graph.refs.set(key, targetKey);
        if (!this.graph.targets.has(targetKey)) {
          this.graph.targets.set(targetKey, target);
          this.#queue.push(target);
        }
      }
      const children = subschemas(node, pointer).filter((c) => c.keyword !== 'definitions' && c.keyword !== '$defs');
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i] as { node: unknown; pointer: string };
        this.#stack.push({ node: child.node, pointer: child.pointer });
      }
    }
  }

  /** The schema a `$ref` names, or the document to load first. */
  #resolve(file: SchemaFile, pointer: string, ref: unknown): SchemaLocation | DocumentRequest {
    const at = joinPointer(pointer, '$ref');
    if (typeof ref !== 'string') throw new KsdkCliError('KSDK_SCHEMA_INVALID', file.doc.issue(at, '$ref must be a string'));
    const parsed = parseRef(ref, file.id);
    if (parsed.kind === 'unsupported') throw new KsdkCliError('KSDK_REF_UNRESOLVED', file.doc.issue(at, `cannot resolve $ref "${ref}": ${parsed.reason}`));
    let target = file;
    if (parsed.kind === 'document') {
      const loaded = this.graph.files.get(parsed.id);
      if (loaded === undefined) return { id: parsed.id, url: parsed.url, ref, from: file, at };
      target = loaded;
    }
    const targetPointer = fragmentPointer(parsed.fragment, target.doc.value);
    if (targetPointer === undefined) {
      throw new KsdkCliError('KSDK_REF_UNRESOLVED', file.doc.issue(at, `cannot resolve $ref "${ref}": no anchor "${parsed.fragment}" in ${target.display}`));
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
}
