import { fileURLToPath } from 'node:url';

/**
 * Absolute path of the manifest's JSON Schema, `schemas/ksdk-manifest.schema.json` in this
 * package (from `src/manifest` and `dist/manifest` alike). It ships in the package, so an
 * installed CLI validates with it and editors find it at
 * `node_modules/@ksdk/cli/schemas/ksdk-manifest.schema.json`. A module of its own: the
 * generate cache hashes it without loading ajv.
 */
export const MANIFEST_SCHEMA_PATH = fileURLToPath(new URL('../../schemas/ksdk-manifest.schema.json', import.meta.url));
