import type { Dirent } from 'node:fs';
import { lstat, readdir, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { KsdkCliError, type Issue } from '../errors/KsdkCliError.js';
import { isInside } from '../util/paths.js';

/** The output folder, resolved so that every path under it is a real folder or file of the project. */
export interface OutputFolder {
  /** Absolute, with every symlink above the project (or working directory) resolved: the path ksdk reads and writes through. */
  dir: string;
  /** As messages show it. */
  display: string;
}

/** Files ksdk never looks into (an app may keep its dependencies next to generated code). */
const SKIPPED = new Set(['node_modules']);
/** How many offending entries one error lists. */
const LISTED = 20;

/**
 * Makes sure `ksdk generate` can only write and remove inside the real output
 * folder: the folder lies inside `root` (the project, or the working directory
 * for `--out`) once symlinks are resolved; no folder between `root` and it is a
 * symlink (a link would let writes land elsewhere); and nothing inside it is a
 * symlink or anything but a regular file or folder (a link to a folder outside
 * is written through; one listed in a forged `.ksdk-generated.json` is removed;
 * a FIFO blocks a read). Refuses with `KSDK_OUTPUT_UNSAFE` naming the entries,
 * before anything is read or written. `where` locates the `output` setting.
 */
export async function resolveOutputFolder(root: string, outputDir: string, display: string, where: Issue): Promise<OutputFolder> {
  const rel = path.relative(root, outputDir);
  if (rel === '' || !isInside(root, outputDir)) {
    throw new KsdkCliError('KSDK_OUTPUT_OUTSIDE_PROJECT', { ...where, message: `the output folder ${display} is not inside ${root}` });
  }
  const realRoot = await realpath(root);
  let dir = realRoot;
  for (const segment of rel.split(path.sep)) {
    dir = path.join(dir, segment);
    const stats = await lstat(dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw new KsdkCliError('KSDK_WRITE_FAILED', { ...where, message: `cannot inspect ${display}: ${err.code ?? err.message}` }, { cause: err });
    });
    if (stats === undefined) return { dir: path.join(realRoot, rel), display };
    const shown = path.relative(realRoot, dir).split(path.sep).join('/');
    if (stats.isSymbolicLink()) {
      const target = await readlink(dir).catch(() => '?');
      throw new KsdkCliError('KSDK_OUTPUT_UNSAFE', {
        ...where,
        message: `the output folder ${display} goes through the symlink ${shown} (→ ${target}); ksdk writes only into real folders of the project: use the real path, or replace the link by a folder`,
      });
    }
    if (!stats.isDirectory()) {
      throw new KsdkCliError('KSDK_OUTPUT_UNSAFE', { ...where, message: `the output folder ${display} cannot be created: ${shown} is not a folder` });
    }
  }
  const outputReal = path.join(realRoot, rel);
  const unsafe = await unsafeEntries(outputReal);
  if (unsafe.length > 0) {
    throw new KsdkCliError(
      'KSDK_OUTPUT_UNSAFE',
      unsafe.slice(0, LISTED).map((e) => ({
        file: `${display}/${e.path}`,
        message: `${e.kind} in the output folder; ksdk writes and removes only regular files in real folders there (a link could make it write or delete elsewhere): remove it`,
      })),
    );
  }
  return { dir: outputReal, display };
}

/** Symlinks and special files (FIFOs, sockets, devices) anywhere in the output folder, by path relative to it. */
async function unsafeEntries(dir: string): Promise<Array<{ path: string; kind: string }>> {
  const out: Array<{ path: string; kind: string }> = [];
  const walk = async (rel: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!SKIPPED.has(e.name)) await walk(child);
      } else if (e.isSymbolicLink()) {
        const target = await readlink(path.join(dir, child)).catch(() => '?');
        out.push({ path: child, kind: `a symlink (→ ${target})` });
      } else if (!e.isFile()) {
        out.push({ path: child, kind: e.isFIFO() ? 'a FIFO' : e.isSocket() ? 'a socket' : 'a device file' });
      }
    }
  };
  await walk('');
  return out;
}
