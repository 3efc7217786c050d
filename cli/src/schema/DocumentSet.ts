import { isJsonObject, type JsonSchema } from './JsonSchema.js';
import { isUrl } from './resolveRef.js';

/**
 * Schema documents held in memory, by id: what `ksdk check` compares (a lock
 * file's schemas, the self-contained schemas of a project) and what the
 * library's `checkCompatibility` is given. Ids are `/`-separated paths
 * (`schemas/order.schema.json`; a relative `$ref` resolves against them as
 * against a file's) or URLs.
 */
export interface SchemaResolver {
  load(id: string): JsonSchema | undefined;
}

/** A `SchemaResolver` over documents indexed by path, and also by their absolute `$id`. */
export class DocumentSet implements SchemaResolver {
  private readonly byId = new Map<string, JsonSchema>();

  constructor(documents: Readonly<Record<string, JsonSchema>> = {}) {
    for (const [id, schema] of Object.entries(documents)) this.add(id, schema);
  }

  add(id: string, schema: JsonSchema): void {
    this.byId.set(id, schema);
    if (isJsonObject(schema) && typeof schema.$id === 'string' && isUrl(schema.$id)) this.byId.set(schema.$id.replace(/#.*$/, ''), schema);
  }

  load(id: string): JsonSchema | undefined {
    return this.byId.get(id);
  }
}

/** A resolver for a single self-contained schema (only `#...` references). */
export function singleDocument(id: string, schema: JsonSchema): SchemaResolver {
  return new DocumentSet({ [id]: schema });
}
