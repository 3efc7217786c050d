import { bundleForValidator, type ValidatorBundle } from './bundleForValidator.js';
import type { SchemaGraph } from './SchemaGraph.js';

/**
 * Message name → the message's schema as one self-contained bundle
 * (`bundleForValidator`), each built when first asked for. A bundle embeds every
 * file its schema reaches, so building all of them grows with messages × files
 * reached; `ksdk generate` needs none unless a schema has something to report,
 * `ksdk check` compares them all.
 */
export class BundleMap implements ReadonlyMap<string, ValidatorBundle> {
  readonly #graph: SchemaGraph;
  readonly #built = new Map<string, ValidatorBundle>();

  constructor(graph: SchemaGraph) {
    this.#graph = graph;
  }

  get size(): number {
    return this.#graph.roots.size;
  }

  has(name: string): boolean {
    return this.#graph.roots.has(name);
  }

  get(name: string): ValidatorBundle | undefined {
    const root = this.#graph.roots.get(name);
    if (root === undefined) return undefined;
    let bundle = this.#built.get(name);
    if (bundle === undefined) this.#built.set(name, (bundle = bundleForValidator(this.#graph, root)));
    return bundle;
  }

  keys(): MapIterator<string> {
    return this.#graph.roots.keys();
  }

  values(): MapIterator<ValidatorBundle> {
    return this.#all().values();
  }

  entries(): MapIterator<[string, ValidatorBundle]> {
    return this.#all().entries();
  }

  [Symbol.iterator](): MapIterator<[string, ValidatorBundle]> {
    return this.entries();
  }

  forEach(callback: (value: ValidatorBundle, key: string, map: ReadonlyMap<string, ValidatorBundle>) => void, thisArg?: unknown): void {
    for (const [name, bundle] of this.#all()) callback.call(thisArg, bundle, name, this);
  }

  /** Every bundle, in message order. */
  #all(): Map<string, ValidatorBundle> {
    return new Map([...this.#graph.roots.keys()].map((name) => [name, this.get(name) as ValidatorBundle]));
  }
}
