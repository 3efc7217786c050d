import type { Limits } from '../../context/limits.js';
import { KsdkCliError } from '../../errors/KsdkCliError.js';
import { canonicalJson } from '../../schema/JsonSchema.js';
import path from 'node:path';
import { relativePosix } from '../../util/paths.js';
import { commitsTouching, gitReader, gitToplevel, resolveCommit } from './git.js';
import { inBaseline } from './inBaseline.js';
import { loadSnapshot } from './loadSnapshot.js';
import type { MessageSnapshot, ProjectSnapshot, SchemaHistoryEntry } from './ProjectSnapshot.js';

export interface GitBaseline {
  readonly snapshot: ProjectSnapshot;
  readonly commit: string;
  /** Commits whose project could not be loaded while collecting history (skipped). */
  readonly warnings: readonly string[];
}

export interface GitBaselineOptions {
  /** Collect earlier versions of each schema from `git log` (transitive modes). */
  readonly history: boolean;
  /** How many commits back to look. */
  readonly historyDepth: number;
  readonly limits: Readonly<Limits>;
}

/**
 * The project as it is at `ref`: manifest and schemas read with `git show`, so
 * the working tree is never touched. With `history`, every earlier commit that
 * touched a schema file (or a file it references) gives an earlier version.
 */
export async function loadGitBaseline(cwd: string, ref: string, manifest: string, options: GitBaselineOptions): Promise<GitBaseline> {
  const toplevel = await gitToplevel(cwd);
  if (toplevel === undefined) {
    throw new KsdkCliError('KSDK_BASELINE_NOT_FOUND', `baseline "${ref}": ${cwd} is not inside a git repository`, {
      suggestions: ['pass a folder or a lock file as --baseline, or run ksdk check inside the repository'],
    });
  }
  const commit = await resolveCommit(cwd, ref);
  if (commit === undefined) {
    throw new KsdkCliError('KSDK_BASELINE_NOT_FOUND', `baseline "${ref}" is not a git ref of this repository`, {
      suggestions: [`fetch it first (git fetch origin), or check the name with: git rev-parse ${ref}`],
    });
  }
  // Files at the ref are named as git names them (`origin/main:schemas/a.json`, what `git show` takes), not as working-tree files.
  const { snapshot, project } = await loadSnapshot(manifest, { cwd, readText: gitReader(toplevel, commit), baseline: true, limits: options.limits }).catch(
    (err: unknown) => {
      throw inBaseline(err, `git ref ${ref} (${commit.slice(0, 7)})`, (file) => `${ref}:${relativePosix(toplevel, path.resolve(cwd, file))}`);
    },
  );
  if (!options.history) return { snapshot, commit, warnings: [] };

  const warnings: string[] = [];
  const histories = new Map<string, SchemaHistoryEntry[]>();
  const latest = new Map<string, string>([...snapshot.messages].map(([name, m]) => [name, canonicalJson(m.schema)]));
  const commits = await commitsTouching(toplevel, commit, [...project.graph.files.keys()], options.historyDepth + 1);
  for (const older of commits) {
    let past: ProjectSnapshot;
    try {
      past = (await loadSnapshot(manifest, { cwd, readText: gitReader(toplevel, older), baseline: true, limits: options.limits })).snapshot;
    } catch (err) {
      warnings.push(`history: skipped ${older.slice(0, 7)}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      continue;
    }
    for (const [name, message] of past.messages) {
      if (!snapshot.messages.has(name)) continue;
      const text = canonicalJson(message.schema);
      if (text === latest.get(name)) continue;
      latest.set(name, text);
      const list = histories.get(name) ?? [];
      list.unshift({ label: older.slice(0, 7), schema: message.schema });
      histories.set(name, list);
    }
  }
  const messages = new Map<string, MessageSnapshot>();
  for (const [name, message] of snapshot.messages) messages.set(name, { ...message, history: histories.get(name) ?? [] });
  return { snapshot: { ...snapshot, messages }, commit, warnings };
}
