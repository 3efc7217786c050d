import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO } from './helpers.js';

/**
 * Loads the generated validator of `message` (`validate<Message>` of
 * `validators/index.ts`) from a project in a temporary directory. The project
 * gets a `node_modules/@ksdk/runtime` link to this repository's runtime, as an
 * installed app has, so the validators' one import (`@ksdk/runtime/validation`)
 * resolves to the real runtime.
 */
export async function loadValidator(outputDir: string, message: string): Promise<(data: unknown) => boolean> {
  const scope = path.join(path.dirname(path.dirname(outputDir)), 'node_modules', '@ksdk');
  await mkdir(scope, { recursive: true });
  await symlink(path.join(REPO, 'runtime'), path.join(scope, 'runtime'), 'dir').catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  const module = (await import(/* @vite-ignore */ pathToFileURL(path.join(outputDir, 'validators', 'index.ts')).href)) as Record<string, unknown>;
  const validate = module[`validate${message}`];
  if (typeof validate !== 'function') throw new Error(`validators/index.ts exports no validate${message}`);
  return validate as (data: unknown) => boolean;
}
