import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { readTree, REPO } from './helpers.js';

const TSC = path.join(REPO, 'node_modules/typescript/bin/tsc');

/**
 * Compiles generated clients with plain `tsc --strict` (emitting JavaScript, as an
 * app's build would) and imports each client's `index.js` in a child `node`
 * process, with `@ksdk/runtime` resolved to the built runtime as an installed
 * package. `root` must hold the projects (each client under `<root>/<project>/…`).
 *
 * `probe` is a module body run after the imports, with `clients` (the imported
 * index modules, in order) in scope; whatever it assigns to `result` is returned,
 * next to `pwned` (the labels injected payloads pushed to `globalThis.__ksdkPwned`)
 * and `importErrors` (an import that threw does not stop the others).
 */
export async function compileAndImport(
  root: string,
  clients: readonly string[],
  probe = 'result = clients.map((c) => Object.keys(c).length);',
): Promise<{ tsc: string; tscStatus: number | null; pwned: string[]; importErrors: string[]; result: unknown; stdout: string; stderr: string }> {
  expect(existsSync(path.join(REPO, 'runtime/dist/index.js')), 'the runtime must be built first: npm run build').toBe(true);
  await mkdir(path.join(root, 'node_modules/@ksdk'), { recursive: true });
  if (!existsSync(path.join(root, 'node_modules/@ksdk/runtime'))) await symlink(path.join(REPO, 'runtime'), path.join(root, 'node_modules/@ksdk/runtime'), 'dir');
  await writeFile(path.join(root, 'package.json'), '{ "type": "module" }\n');
  const files: string[] = [];
  for (const client of clients) {
    for (const f of (await readTree(client)).keys()) if (/\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')) files.push(path.join(client, f));
  }
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2023'],
      types: ['node'],
      typeRoots: [path.join(REPO, 'node_modules/@types')],
      strict: true,
      noUncheckedIndexedAccess: true,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      allowJs: true,
      rootDir: root,
      outDir: path.join(root, 'out'),
    },
    files,
  };
  await writeFile(path.join(root, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const tsc = spawnSync(process.execPath, [TSC, '-p', path.join(root, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8' });

  const indexes = clients.map((c) => path.join(root, 'out', path.relative(root, c), 'index.js'));
  const script = [
    'const clients = [];',
    'const importErrors = [];',
    ...indexes.map((i) => `clients.push(await import(${JSON.stringify(pathToFileURL(i).href)}).catch((e) => (importErrors.push(String(e)), {})));`),
    'let result;',
    'try {',
    probe,
    '} catch (e) { result = { probeError: String(e) }; }',
    'process.stdout.write("\\n" + JSON.stringify({ pwned: globalThis.__ksdkPwned ?? [], importErrors, result }));',
  ].join('\n');
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  const last = run.stdout.trimEnd().split('\n').pop() ?? '';
  let parsed: { pwned: string[]; importErrors: string[]; result: unknown } = { pwned: [], importErrors: [], result: undefined };
  try {
    parsed = JSON.parse(last) as typeof parsed;
  } catch {
    throw new Error(`importing the generated clients failed (exit ${run.status}):\n${run.stderr}\n${run.stdout}`);
  }
  return {
    tsc: `${tsc.stdout}${tsc.stderr}`,
    tscStatus: tsc.status,
    pwned: parsed.pwned,
    importErrors: parsed.importErrors,
    result: parsed.result,
    stdout: run.stdout,
    stderr: run.stderr,
  };
}
