/**
 * How much input one run accepts. Every limit gives a clear error
 * (`KSDK_LIMIT_EXCEEDED`, with the file and the field) instead of a stack
 * overflow, an out-of-memory crash or a run that never ends. The defaults are
 * far above what real manifests and schemas need; `ContextOptions.limits`
 * changes them (tests use small ones).
 */
export interface Limits {
  /** Bytes of one manifest or schema file. */
  fileBytes: number;
  /** Bytes of a lock file (`ksdk lock`, `ksdk check`): it holds every message's schema and its history. */
  lockFileBytes: number;
  /** Schema files one run loads (message schemas and every file they `$ref`). */
  schemaFiles: number;
  /** Nesting of objects and arrays in one document. */
  depth: number;
  /** Schemas (a schema and all the subschemas inside it) in one run, over all files. */
  subschemas: number;
  /** YAML aliases (`*name`) one document may expand. */
  yamlAliases: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = {
  fileBytes: 8 * 1024 * 1024,
  lockFileBytes: 64 * 1024 * 1024,
  schemaFiles: 2_000,
  depth: 200,
  subschemas: 250_000,
  yamlAliases: 1_000,
};
