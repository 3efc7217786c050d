import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Limits } from '../../context/limits.js';
import { KsdkCliError } from '../../errors/KsdkCliError.js';
import { relativePosix } from '../../util/paths.js';
import { gitToplevel, resolveCommit } from './git.js';
import { inBaseline } from './inBaseline.js';
import { loadGitBaseline } from './loadGitBaseline.js';
import { loadSnapshot } from './loadSnapshot.js';
import { SourceDocument, type Position } from '../../source/SourceDocument.js';
import { LOCK_FILE_NAME, readLockFile, snapshotFromLockFile } from './LockFile.js';
import type { MessageSnapshot, ProjectSnapshot } from './ProjectSnapshot.js';

export type BaselineKind = 'folder' | 'git' | 'lock';

/** What the working tree is compared with. */
export interface Baseline {
  readonly kind: BaselineKind;
  /** As the user gave it (`origin/main`, `../main-checkout`, `ksdk.lock.json`). */
  readonly ref: string;
  /** For reports: `git ref origin/main (1a2b3c4)`. */
  readonly description: string;
  readonly snapshot: ProjectSnapshot;
  readonly warnings: readonly string[];
  /** A lock file baseline: the line and column of a pointer into it (parsed again on first use: only errors need it). */
  readonly locate?: (pointer: string) => Position | undefined;
}

export interface ResolveBaselineOptions {
  readonly cwd: string;
  /** Manifest path relative to `cwd` (or absolute). */
  readonly manifest: string;
  /** A folder, a lock file or a git ref; default: the lock file next to the manifest. */
  readonly baseline?: string;
  readonly kind?: BaselineKind | 'auto';
  /** Earlier versions are needed (a transitive mode). */
  readonly history: boolean;
  readonly historyDepth: number;
  readonly limits: Readonly<Limits>;
}

async function kindOfPath(file: string): Promise<'folder' | 'lock' | undefined> {
  try {
    const s = await stat(file);
    return s.isDirectory() ? 'folder' : 'lock';
  } catch {
    return undefined;
  }
}

/**
 * Finds and loads the baseline: an existing directory is another checkout of the
 * project, an existing file a lock file, anything else must be a git ref. A
 * baseline that is none of these is a `KSDK_BASELINE_NOT_FOUND` error.
 */
export async function resolveBaseline(options: ResolveBaselineOptions): Promise<Baseline> {
  const cwd = path.resolve(options.cwd);
  const manifestFile = path.resolve(cwd, options.manifest);
  let ref = options.baseline;
  if (ref === undefined || ref === '') {
    const lock = path.join(path.dirname(manifestFile), LOCK_FILE_NAME);
    if ((await kindOfPath(lock)) !== 'lock') {
      throw new KsdkCliError('KSDK_CHECK_USAGE', `no baseline: pass --baseline (a git ref, a folder or a lock file), or commit a ${LOCK_FILE_NAME} written by ksdk lock`, {
        suggestions: ['ksdk check --baseline origin/main', 'ksdk lock && git add ksdk.lock.json'],
      });
    }
    ref = path.relative(cwd, lock) || LOCK_FILE_NAME;
  }

  const kind = options.kind === undefined || options.kind === 'auto' ? await detectKind(cwd, ref) : options.kind;
  switch (kind) {
    case 'folder': {
      const folder = path.resolve(cwd, ref);
      if ((await kindOfPath(folder)) !== 'folder') throw notFound(ref, 'is not a folder');
      const relativeManifest = path.relative(cwd, manifestFile);
      const description = `folder ${ref}`;
      // The loader names files relative to the folder; the user reads them relative to the project.
      const { snapshot } = await loadSnapshot(relativeManifest, { cwd: folder, baseline: true, limits: options.limits }).catch((err: unknown) => {
        throw inBaseline(err, description, (file) => relativePosix(cwd, path.resolve(folder, file)));
      });
      return { kind, ref, description, snapshot: label(snapshot, 'baseline'), warnings: [] };
    }
    case 'lock': {
      const description = `lock file ${ref}`;
      const read = await readLockFile(cwd, path.resolve(cwd, ref), options.limits).catch((err: unknown) => {
        throw inBaseline(err, description);
      });
      if (read === undefined) throw notFound(ref, 'is not a readable lock file');
      const snapshot = snapshotFromLockFile(read.lock);
      const text = read.text;
      let doc: SourceDocument | undefined;
      const locate = (pointer: string) => (doc ??= SourceDocument.parse(ref, text, { json: true, syntaxCode: 'KSDK_LOCK_INVALID', limits: options.limits })).locate(pointer);
      return { kind, ref, description, snapshot, warnings: [], locate };
    }
    case 'git': {
      const { snapshot, commit, warnings } = await loadGitBaseline(cwd, ref, options.manifest, {
        history: options.history,
        historyDepth: options.historyDepth,
        limits: options.limits,
      });
      return { kind, ref, description: `git ref ${ref} (${commit.slice(0, 7)})`, snapshot: label(snapshot, commit.slice(0, 7)), warnings };
    }
  }
}

async function detectKind(cwd: string, ref: string): Promise<BaselineKind> {
  const onDisk = await kindOfPath(path.resolve(cwd, ref));
  if (onDisk !== undefined) return onDisk;
  if ((await gitToplevel(cwd)) !== undefined && (await resolveCommit(cwd, ref)) !== undefined) return 'git';
  throw notFound(ref, 'is neither a folder, a lock file nor a git ref');
}

function notFound(ref: string, why: string, cause?: unknown): KsdkCliError {
  return new KsdkCliError('KSDK_BASELINE_NOT_FOUND', `baseline "${ref}" ${why}`, {
    ...(cause === undefined ? {} : { cause }),
    suggestions: [
      'a git ref: --baseline origin/main (run git fetch first in CI)',
      'another checkout: --baseline ../main',
      `a lock file: --baseline ${LOCK_FILE_NAME} (written by ksdk lock)`,
    ],
  });
}

function label(snapshot: ProjectSnapshot, name: string): ProjectSnapshot {
  const messages = new Map<string, MessageSnapshot>();
  for (const [key, m] of snapshot.messages) messages.set(key, { ...m, label: m.label ?? name });
  return { ...snapshot, messages };
}
