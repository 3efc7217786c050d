import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO } from './helpers.js';

/**
 * Loads a generated validator (`validators/<Name>.js`) from a temporary
 * directory. Its one import, `@ksdk/runtime/validation`, is pointed at a shim
 * exporting the same helpers straight from ajv (a temporary directory has no
 * node_modules); `validation.test.ts` checks that the runtime exports exactly
 * these.
 */
export async function loadValidator(outputDir: string, message: string): Promise<(data: unknown) => boolean> {
  const shim = path.join(outputDir, 'validation-shim.mjs');
  const nodeModules = path.join(REPO, 'node_modules');
  const url = (p: string) => pathToFileURL(path.join(nodeModules, p)).href;
  await writeFile(
    shim,
    [
      `import equalModule from '${url('ajv/dist/runtime/equal.js')}';`,
      `import ucs2lengthModule from '${url('ajv/dist/runtime/ucs2length.js')}';`,
      `import uriModule from '${url('ajv/dist/runtime/uri.js')}';`,
      `import formatsModule from '${url('ajv-formats/dist/formats.js')}';`,
      // The same interop as runtime/src/validation.ts: `exports.default`, whoever loads it.
      'const pick = (m) => (typeof m === "object" && m !== null && m.default !== undefined ? m.default : m);',
      'export const equal = pick(equalModule);',
      'export const ucs2length = pick(ucs2lengthModule);',
      'export const uri = pick(uriModule);',
      'export const formats = (formatsModule.fullFormats ?? formatsModule.default.fullFormats);',
      '',
    ].join('\n'),
  );
  const source = await import('node:fs/promises').then((fs) => fs.readFile(path.join(outputDir, 'validators', `${message}.js`), 'utf8'));
  const patched = path.join(outputDir, 'validators', `${message}.test.mjs`);
  await writeFile(patched, source.replace("from '@ksdk/runtime/validation'", `from '${pathToFileURL(shim).href}'`));
  const module = (await import(/* @vite-ignore */ pathToFileURL(patched).href)) as { default: (data: unknown) => boolean };
  return module.default;
}
