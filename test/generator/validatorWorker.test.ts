import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSyntheticProject } from '../../bench/lib/synthSchemas.js';
import { generate, KsdkCliError } from '../../cli/dist/index.js';
import { hashTree, readTree, tempDir } from './helpers.js';

/**
 * A large project's validators compile in a worker thread while the types are
 * generated (`openProject`). Whatever thread compiles them, the output, the
 * located errors and the warnings are the same, and nothing is written before
 * the compile settled. The worker is a module of the built CLI (from the
 * TypeScript sources the compile runs on the calling thread): these tests run
 * the build, as `ksdk` does.
 */
async function synthetic(count: number): Promise<string> {
  const dir = await tempDir();
  writeSyntheticProject(dir, count);
  return dir;
}

async function editSchema(dir: string, file: string, edit: (schema: Record<string, any>) => void): Promise<void> {
  const full = path.join(dir, file);
  const schema = JSON.parse(await readFile(full, 'utf8')) as Record<string, any>;
  edit(schema);
  await writeFile(full, `${JSON.stringify(schema, null, 2)}\n`);
}

describe('validators compiled in a worker thread', () => {
  it('give the same files as on the calling thread (60 schemas)', async () => {
    const dir = await synthetic(60);
    await generate('ksdk.json', { cwd: dir, out: 'worker', compileInWorker: true });
    await generate('ksdk.json', { cwd: dir, out: 'inline', compileInWorker: false });
    const worker = await readTree(path.join(dir, 'worker'));
    const inline = await readTree(path.join(dir, 'inline'));
    expect([...worker.keys()].filter((f) => f.startsWith('validators/'))).toEqual(['validators/draft-07.ts', 'validators/index.ts']);
    expect(worker).toEqual(inline);
  });

  it('a schema ajv refuses fails the run with its file and pointer, and writes nothing', async () => {
    const dir = await synthetic(60);
    await editSchema(dir, 'schemas/entity-37.schema.json', (s) => {
      s.properties.details.properties.summary.format = 'e-mail';
    });
    for (const compileInWorker of [true, false]) {
      const error = (await generate('ksdk.json', { cwd: dir, compileInWorker }).catch((e: unknown) => e)) as KsdkCliError;
      expect(error).toBeInstanceOf(KsdkCliError);
      expect(error.code).toBe('KSDK_SCHEMA_INVALID');
      expect(error.issues).toEqual([
        expect.objectContaining({ file: 'schemas/entity-37.schema.json', pointer: '/properties/details/properties/summary/format', message: expect.stringMatching(/unknown format "e-mail"/) }),
      ]);
      expect(await hashTree(path.join(dir, 'src/generated'))).toBe(await hashTree(path.join(dir, 'nothing-here')));
    }
  });

  it('strict-mode warnings are reported for every message whose schema has them, located', async () => {
    const dir = await synthetic(60);
    // A shared definition all 60 messages reach: `properties` without `type: object`.
    await editSchema(dir, 'schemas/common.schema.json', (s) => {
      delete s.definitions.Audit.type;
    });
    const inWorker = await generate('ksdk.json', { cwd: dir, out: 'worker', compileInWorker: true });
    const inline = await generate('ksdk.json', { cwd: dir, out: 'inline', compileInWorker: false });
    expect(inWorker.warnings).toEqual(inline.warnings);
    expect(inWorker.warnings).toHaveLength(120); // `properties` and `required`, for each of the 60 messages
    expect(inWorker.warnings[0]).toEqual(
      expect.objectContaining({ file: 'schemas/common.schema.json', pointer: '/definitions/Audit', message: expect.stringMatching(/^JSON Schema of message Entity000Changed: missing type "object" for keyword "required"/) }),
    );
  });
});
