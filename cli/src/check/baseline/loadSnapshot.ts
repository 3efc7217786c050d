import { loadProject, type Project } from '../../manifest/loadProject.js';
import type { ReadText } from '../../context/GenContext.js';
import { snapshotFromProject, type ProjectSnapshot } from './ProjectSnapshot.js';

export interface LoadedSnapshot {
  readonly snapshot: ProjectSnapshot;
  readonly project: Project;
}

/**
 * Loads a project with the shared manifest loader (validation included) and
 * reduces it to the facts `ksdk check` compares. `readText` reads another
 * revision; by default the files on disk under `cwd`. A `baseline` is a past
 * revision, maybe written for an older ksdk: see `LoadProjectOptions.baseline`.
 */
export async function loadSnapshot(manifest: string, cwd: string, readText?: ReadText, baseline = false): Promise<LoadedSnapshot> {
  const project = await loadProject(manifest, { cwd, baseline, ...(readText === undefined ? {} : { readText }) });
  return { snapshot: snapshotFromProject(project), project };
}
