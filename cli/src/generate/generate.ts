import path from 'node:path';
import type { GeneratedFile } from '@ksdk/templates';
import type { Issue } from '../errors/KsdkCliError.js';
import type { LoadProjectOptions, Project } from '../manifest/loadProject.js';
import { isInside } from '../util/paths.js';
import { GenerateCache } from './generateCache.js';
import { resolveOutputFolder } from './outputFolder.js';
import { applyOutput, planOutput, trackingFile, type FileChange } from './writeOutput.js';

export interface GenerateOptions extends LoadProjectOptions {
  /** Compare with the output folder and report drift; write nothing. */
  check?: boolean;
}

/** What a run did (or, with `check`, would do). Serves `--json` as it is. */
export interface GenerateResult {
  /** Output folder relative to the project (or absolute when `--out` points outside it). */
  outputDir: string;
  manifest: string;
  check: boolean;
  /** Every generated file and stale file, sorted by path. */
  files: FileChange[];
  /** With `check`: the files that differ (created, updated or removed by a real run). Empty when up to date. */
  drift: FileChange[];
  warnings: Issue[];
}

/** Renders the client of a loaded project, in memory: nothing is written. */
export async function renderProject(project: Project): Promise<GeneratedFile[]> {
  // The rendering pipeline (ts-morph, ajv's code generation, json-schema-to-typescript)
  // loads on first use: a run that finds nothing changed never needs it (GenerateCache).
  const [{ buildClientCodeModel, validatorTemplates }, { renderClientCode, renderValidators }] = await Promise.all([import('./buildClientModel.js'), import('@ksdk/templates')]);
  const onFile = (p: string): void => project.context.progress({ stage: 'render', message: p });
  // Everything but the validators first: their compile may still run (a worker thread's, with `openProject`).
  const model = await buildClientCodeModel(project);
  const code = renderClientCode(model, onFile);
  const files = [...code, ...renderValidators({ ...model, validators: await validatorTemplates(project) }, onFile)];
  return [...files, trackingFile(files, project.model.manifestDisplay)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * `ksdk generate` as a function: load and check the project, render every
 * file in memory, then either write them atomically into the output folder
 * (removing stale files ksdk generated before) or, with `check`, report what
 * differs. Throws `KsdkCliError`; on any error the output folder is unchanged.
 */
export async function generate(manifestPath: string, options: GenerateOptions = {}): Promise<GenerateResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const cache = GenerateCache.for(path.resolve(cwd, manifestPath), options.out === undefined ? undefined : path.resolve(cwd, options.out), options);
  const unchanged = await cache?.lookup();
  if (unchanged) return { ...unchanged, check: options.check === true, drift: [] };

  const { openProject } = await import('../manifest/loadProject.js');
  // The validators compile (in a worker thread, for a large project) while the types are compiled and rendered.
  const project = await openProject(manifestPath, cache ? { ...options, readText: cache.reader } : options);
  let files: GeneratedFile[];
  try {
    files = await renderProject(project);
  } catch (err) {
    // The schema check comes first: a schema ajv refuses is what to report, not what it broke later.
    await project.validators;
    throw err;
  }
  const ctx = project.context;
  const { projectDir, outputDir, outputDisplay } = project.model;
  const output = await resolveOutputFolder(isInside(projectDir, outputDir) ? projectDir : cwd, outputDir, outputDisplay, project.manifest.issue('/output', ''));
  const plan = await planOutput(output.dir, files, output.display);
  const drift = plan.changes.filter((c) => c.status !== 'unchanged');
  if (!options.check) {
    ctx.progress({ stage: 'write', message: `writing ${drift.length} file(s) to ${project.model.outputDisplay}` });
    await applyOutput(plan, files);
  } else {
    ctx.progress({ stage: 'check', message: `comparing with ${project.model.outputDisplay}` });
  }
  const result: GenerateResult = {
    outputDir: project.model.outputDisplay,
    manifest: project.model.manifestDisplay,
    check: options.check === true,
    files: plan.changes,
    drift: options.check ? drift : [],
    warnings: [...project.warnings],
  };
  // The output folder now holds exactly `files` (written, or found equal by --check).
  if (!options.check || drift.length === 0) {
    await cache?.store(output.dir, files, { outputDir: result.outputDir, manifest: result.manifest, warnings: result.warnings });
  }
  return result;
}
