/**
 * The manifest loader shared by `ksdk generate` and `ksdk check`. Stable API:
 * `loadProject(manifestPath, options)` → `Project`.
 */
export { loadManifest, loadProject, openProject, type LoadedManifest, type LoadProjectOptions, type Project } from './loadProject.js';
export type * from './ProjectModel.js';
export type * from './ManifestDocument.js';
export { MANIFEST_SCHEMA_PATH } from './manifestSchemaPath.js';
