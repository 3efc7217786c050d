import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_LIMITS, type Limits } from '../context/limits.js';
import { KsdkCliError } from '../errors/KsdkCliError.js';
import { loadSnapshot } from './baseline/loadSnapshot.js';
import { buildLockFile, LOCK_FILE_NAME, readLockFile, serializeLockFile, type LockFile } from './baseline/LockFile.js';

export interface RunLockOptions {
  /** Project directory. Default `process.cwd()`. */
  readonly cwd?: string;
  /** Manifest path relative to `cwd`. Default `ksdk.yaml`. */
  readonly manifest?: string;
  /** Lock file path relative to `cwd`. Default `ksdk.lock.json` next to the manifest. */
  readonly lockFile?: string;
  /** Do not write: report whether the lock file is up to date. */
  readonly check?: boolean;
  /** Overrides of the input limits (the project's files and the existing lock file). */
  readonly limits?: Partial<Limits>;
}

export interface LockResult {
  /** Lock file path relative to `cwd`. */
  readonly file: string;
  /** True when the file on disk already had this content. */
  readonly upToDate: boolean;
  readonly written: boolean;
  /** Messages whose schema got a new version in this lock. */
  readonly newVersions: readonly { readonly message: string; readonly version: number }[];
  readonly lock: LockFile;
}

/**
 * `ksdk lock` as a function: records every message's resolved schema and manifest
 * facts in `ksdk.lock.json`, moving a changed schema's previous version into its
 * history (what the transitive modes check against). Writes atomically; a
 * failed write is `KSDK_WRITE_FAILED` and leaves the old file as it was.
 */
export async function runLock(options: RunLockOptions = {}): Promise<LockResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const manifest = options.manifest ?? 'ksdk.yaml';
  const file = path.resolve(cwd, options.lockFile ?? path.join(path.dirname(manifest), LOCK_FILE_NAME));
  const display = path.relative(cwd, file).split(path.sep).join('/');

  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const existing = await readLockFile(cwd, file, limits);
  const existingText = existing?.text;
  const previous = existing?.lock;
  const { snapshot } = await loadSnapshot(manifest, { cwd, limits });
  const lock = buildLockFile(snapshot, previous);
  const text = serializeLockFile(lock);
  const upToDate = text === existingText;
  const newVersions = Object.entries(lock.messages)
    .filter(([name, m]) => previous?.messages[name] === undefined || previous.messages[name]?.version !== m.version)
    .map(([message, m]) => ({ message, version: m.version }));

  let written = false;
  if (!upToDate && options.check !== true) {
    const temp = `${file}.${process.pid}.tmp`;
    try {
      await writeFile(temp, text, 'utf8');
      await rename(temp, file);
    } catch (err) {
      await rm(temp, { force: true });
      throw new KsdkCliError('KSDK_WRITE_FAILED', { file: display, message: `could not write the lock file: ${(err as Error).message}` }, { cause: err });
    }
    written = true;
  }
  return { file: display, upToDate, written, newVersions, lock };
}
