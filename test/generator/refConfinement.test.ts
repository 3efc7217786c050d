/**
 * `$ref`s (and every other input path) stay inside the project, or the schema
 * roots the user lists; only regular files, within the size limit, are read;
 * errors name the path, never the content; and the generated code holds only
 * the schemas that are referenced (issue 13, item 3).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { generate, KsdkCliError, type CliErrorCode } from '../../cli/src/index.js';
import type { GenerateOptions } from '../../cli/src/generate/generate.js';
import { hashTree, project, readTree, tempDir, writeFiles } from './helpers.js';

const SECRET = 'hunter2-do-not-print';
const MANIFEST = `source: urn:ksdk:test
messages:
  OrderPlaced:
    schema: schemas/order.json
    topic: orders
`;
/** The message schema with one `$ref` on line 4. */
const withRef = (ref: string): string => `{\n  "type": "object",\n  "properties": {\n    "a": { "$ref": ${JSON.stringify(ref)} }\n  }\n}\n`;

interface Case {
  /** Sets up the trap; `outside` is a folder outside the project holding `secret.json` and `secret.txt`. */
  plant: (dir: string, outside: string) => Promise<void>;
  options?: (outside: string) => GenerateOptions;
  code: CliErrorCode;
  file: string;
  line: number;
  pointer: string;
  message: RegExp;
}

const cases: Array<[string, Case]> = [
  [
    'an absolute path (/etc/passwd)',
    {
      plant: (dir) => writeFiles(dir, { 'schemas/order.json': withRef('/etc/passwd') }),
      code: 'KSDK_INPUT_OUTSIDE_PROJECT',
      file: 'schemas/order.json',
      line: 4,
      pointer: '/properties/a/$ref',
      message: /\$ref "\/etc\/passwd": .*etc\/passwd is outside the project/,
    },
  ],
  [
    'a file: URL',
    {
      plant: (dir, outside) => writeFiles(dir, { 'schemas/order.json': withRef(`file://${outside}/secret.json`) }),
      code: 'KSDK_INPUT_OUTSIDE_PROJECT',
      file: 'schemas/order.json',
      line: 4,
      pointer: '/properties/a/$ref',
      message: /secret\.json is outside the project/,
    },
  ],
  [
    'a relative path climbing out (../../...)',
    {
      plant: (dir, outside) => writeFiles(dir, { 'schemas/order.json': withRef(`${path.relative(path.join(dir, 'schemas'), outside)}/secret.json#/definitions/x`) }),
      code: 'KSDK_INPUT_OUTSIDE_PROJECT',
      file: 'schemas/order.json',
      line: 4,
      pointer: '/properties/a/$ref',
      message: /secret\.json is outside the project/,
    },
  ],
  [
    'a symlink in the project to a file outside',
    {
      async plant(dir, outside) {
        await symlink(path.join(outside, 'secret.json'), path.join(dir, 'schemas/common.json'));
        await writeFiles(dir, { 'schemas/order.json': withRef('common.json#/definitions/x') });
      },
      code: 'KSDK_INPUT_OUTSIDE_PROJECT',
      file: 'schemas/order.json',
      line: 4,
      pointer: '/properties/a/$ref',
      message: /schemas\/common\.json is a symlink to a file outside the project/,
    },
  ],
  [
    'a symlinked folder in the project leading outside',
    {
      async plant(dir, outside) {
        await symlink(outside, path.join(dir, 'schemas/shared'));
        await writeFiles(dir, { 'schemas/order.json': withRef('shared/secret.json#/definitions/x') });
      },
      code: 'KSDK_INPUT_OUTSIDE_PROJECT',
      file: 'schemas/order.json',
      line: 4,
      pointer: '/properties/a/$ref',
      message: /schemas\/shared\/secret\.json is a symlink to a file outside the project/,
    },
  ],
  [
    'a device, even inside a listed root (/dev/zero: it would grow without end)',
    {
      plant: (dir) => writeFiles(dir, { 'schemas/order.json': withRef('/dev/zero') }),
      options: () => ({ schemaRoots: ['/dev'] }),
      code: 'KSDK_INPUT_NOT_A_FILE',
      file: 'schemas/order.json',
      line: 4,
      pointer: '/properties/a/$ref',
      message: /\.\.\/dev\/zero is a device, not a regular file/,
    },
  ],
  [
    'a FIFO (a read would block forever)',
    {
      async plant(dir) {
        execFileSync('mkfifo', [path.join(dir, 'schemas/pipe.json')]);
        await writeFiles(dir, { 'schemas/order.json': withRef('pipe.json') });
      },
      code: 'KSDK_INPUT_NOT_A_FILE',
      file: 'schemas/order.json',
      line: 4,
      pointer: '/properties/a/$ref',
      message: /schemas\/pipe\.json is a FIFO, not a regular file/,
    },
  ],
  [
    'a file over the size limit',
    {
      plant: (dir) => writeFiles(dir, { 'schemas/order.json': withRef('big.json'), 'schemas/big.json': { type: 'string', description: 'x'.repeat(5000) } }),
      options: () => ({ limits: { fileBytes: 4096 } }),
      code: 'KSDK_LIMIT_EXCEEDED',
      file: 'schemas/order.json',
      line: 4,
      pointer: '/properties/a/$ref',
      message: /schemas\/big\.json is \d+ bytes, over the limit of 4096 bytes per file/,
    },
  ],
  [
    "a message's schema outside the project (the manifest's path)",
    {
      plant: (dir, outside) => writeFiles(dir, { 'ksdk.yaml': MANIFEST.replace('schemas/order.json', path.join(outside, 'secret.json')) }),
      code: 'KSDK_INPUT_OUTSIDE_PROJECT',
      file: 'ksdk.yaml',
      line: 4,
      pointer: '/messages/OrderPlaced/schema',
      message: /the schema file of message OrderPlaced: .*secret\.json is outside the project/,
    },
  ],
  [
    'a custom partition-key module outside the project',
    {
      plant: (dir, outside) =>
        writeFiles(dir, {
          'ksdk.yaml': MANIFEST.replace('    topic: orders\n', `    topic: orders\n    partitionKey: { strategy: custom, module: ${path.relative(dir, outside)}/keys.ts, export: key }\n`),
        }),
      code: 'KSDK_INPUT_OUTSIDE_PROJECT',
      file: 'ksdk.yaml',
      line: 6,
      pointer: '/messages/OrderPlaced/partitionKey/module',
      message: /partition-key module of message OrderPlaced: .*keys\.ts is outside the project/,
    },
  ],
  [
    'a referenced file that is not JSON: the error names its position, not its content',
    {
      async plant(dir) {
        await writeFiles(dir, { 'schemas/order.json': withRef('notes.json'), 'schemas/notes.json': `${SECRET}\n` });
      },
      code: 'KSDK_SCHEMA_SYNTAX',
      file: 'schemas/notes.json',
      line: 1,
      pointer: '',
      message: /^not valid JSON: unexpected character$/,
    },
  ],
];

describe('$ref and other input paths stay inside the project', () => {
  let dir: string;
  let outside: string;
  let before: string;

  beforeEach(async () => {
    dir = await project({ 'ksdk.yaml': MANIFEST, 'schemas/order.json': { type: 'object', properties: { a: { type: 'string' } } }, 'package.json': { type: 'module' } });
    await generate('ksdk.yaml', { cwd: dir });
    before = await hashTree(path.join(dir, 'src/generated'));
    outside = await tempDir('ksdk-outside-');
    await writeFiles(outside, {
      'secret.json': { definitions: { x: { type: 'string', description: SECRET } }, token: SECRET },
      'secret.txt': `${SECRET}\n`,
      'keys.ts': `export const key = () => '${SECRET}';\n`,
    });
  });

  it.each(cases)('%s', async (_name, c) => {
    await c.plant(dir, outside);
    const error = await generate('ksdk.yaml', { cwd: dir, ...c.options?.(outside) }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(KsdkCliError);
    const e = error as KsdkCliError;
    expect(e.code, e.message).toBe(c.code);
    const issue = e.issues.find((i) => c.message.test(i.message));
    expect(issue, e.message).toBeDefined();
    expect(issue).toMatchObject({ file: c.file, pointer: c.pointer });
    if (c.pointer !== '') expect(issue?.line).toBe(c.line);
    // Nothing of what the files hold is in the error, and nothing was generated.
    expect(e.message).not.toContain(SECRET);
    expect(e.message).not.toMatch(/root:x:0:0/);
    expect(await hashTree(path.join(dir, 'src/generated'))).toBe(before);
  });

  it("a folder listed in the manifest's schemaRoots may be referenced; only the referenced schema reaches the generated code", async () => {
    const shared = await tempDir('ksdk-shared-');
    await writeFiles(shared, {
      'common.json': { definitions: { Money: { type: 'number', minimum: 0 }, Unused: { const: 'unused-definition-marker' } }, 'x-note': 'file-level-marker' },
    });
    await writeFiles(dir, {
      'ksdk.yaml': `schemaRoots: [${JSON.stringify(shared)}]\n${MANIFEST}`,
      'schemas/order.json': withRef(`${path.relative(path.join(dir, 'schemas'), shared)}/common.json#/definitions/Money`),
    });
    await generate('ksdk.yaml', { cwd: dir });
    const text = [...(await readTree(path.join(dir, 'src/generated'))).values()].join('\n');
    expect(text).toContain('export type Money = number;');
    expect(text).not.toContain('unused-definition-marker');
    expect(text).not.toContain('file-level-marker');
  });

  it('--schema-root (the option) does the same for one run', async () => {
    await mkdir(path.join(outside, 'lib'));
    await writeFile(path.join(outside, 'lib/id.json'), JSON.stringify({ type: 'string', format: 'uuid' }));
    await writeFiles(dir, { 'schemas/order.json': withRef(`${path.relative(path.join(dir, 'schemas'), outside)}/lib/id.json`) });
    await expect(generate('ksdk.yaml', { cwd: dir })).rejects.toMatchObject({ code: 'KSDK_INPUT_OUTSIDE_PROJECT' });
    await generate('ksdk.yaml', { cwd: dir, schemaRoots: [path.join(outside, 'lib')] });
    expect(await hashTree(path.join(dir, 'src/generated'))).not.toBe(before);
  });
});
