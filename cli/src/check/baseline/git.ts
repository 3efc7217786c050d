import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { KsdkCliError } from '../../errors/KsdkCliError.js';

const run = promisify(execFile);

/** Runs git in `cwd` and returns stdout; a failure becomes `KSDK_GIT_FAILED` with git's message. */
export async function git(cwd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run('git', [...args], { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new KsdkCliError('KSDK_GIT_FAILED', `git ${args.join(' ')} failed${stderr ? `: ${stderr}` : ''}`, { cause: err });
  }
}

/** The repository's top-level directory, or undefined when `cwd` is not in a git work tree. */
export async function gitToplevel(cwd: string): Promise<string | undefined> {
  try {
    return path.resolve((await git(cwd, ['rev-parse', '--show-toplevel'])).trim());
  } catch {
    return undefined;
  }
}

/** The commit a ref names, or undefined when it names none. */
export async function resolveCommit(cwd: string, ref: string): Promise<string | undefined> {
  if (ref.startsWith('-')) return undefined;
  try {
    const out = await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A `readText` for the manifest loader that reads files as they are at `commit`
 * (`git show commit:path`). A file missing there fails like a missing file (ENOENT).
 */
export function gitReader(toplevel: string, commit: string): (absolutePath: string) => Promise<string> {
  return async (absolutePath) => {
    const relative = path.relative(toplevel, absolutePath).split(path.sep).join('/');
    if (relative.startsWith('..')) {
      throw Object.assign(new Error(`${absolutePath} is outside the repository`), { code: 'ENOENT' });
    }
    try {
      return await git(toplevel, ['show', `${commit}:${relative}`]);
    } catch (err) {
      throw Object.assign(new Error(`${relative} does not exist at ${commit.slice(0, 12)}`), { code: 'ENOENT', cause: err });
    }
  };
}

/** Commits reachable from `commit` that touched any of `files` (absolute), newest first. */
export async function commitsTouching(toplevel: string, commit: string, files: readonly string[], limit: number): Promise<string[]> {
  const relative = files.map((f) => path.relative(toplevel, f).split(path.sep).join('/')).filter((f) => !f.startsWith('..'));
  if (relative.length === 0) return [];
  const out = await git(toplevel, ['log', `--max-count=${limit}`, '--format=%H', commit, '--', ...relative]);
  return out.split('\n').map((l) => l.trim()).filter(Boolean);
}
