import type { ReadText } from '../../context/GenContext.js';
import type { Limits } from '../../context/limits.js';
import { loadProject, type Project } from '../../manifest/loadProject.js';
import { snapshotFromProject, type ProjectSnapshot } from './ProjectSnapshot.js';

export interface LoadSnapshotOptions {
  /** Project directory. */
  readonly cwd: string;
  /** Reads another revision; default: the files on disk under `cwd`. */
  readonly readText?: ReadText;
  /** A past revision, maybe written for an older ksdk: see `LoadProjectOptions.baseline`. Default false. */
  readonly baseline?: boolean;
  /** Overrides of the input limits. */
  readonly limits?: Partial<Limits>;
}

export interface LoadedSnapshot {
  readonly snapshot: ProjectSnapshot;
  readonly project: Project;
}

/**
 * Loads a project with the shared manifest loader (validation, input
 * confinement and limits included) and reduces it to the facts `ksdk check`
 * compares.
 */
export async function loadSnapshot(manifest: string, options: LoadSnapshotOptions): Promise<LoadedSnapshot> {
  const project = await loadProject(manifest, {
    cwd: options.cwd,
    baseline: options.baseline ?? false,
    ...(options.readText === undefined ? {} : { readText: options.readText }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });
  return { snapshot: snapshotFromProject(project), project };
}
