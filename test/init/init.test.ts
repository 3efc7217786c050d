import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../cli/src/index.js';
import { BIN, project, readTree, tempDir } from '../generator/helpers.js';

/** `ksdk init` as a user runs it: the built CLI in a child process (`npm run build` first). */
function ksdk(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('ksdk init', () => {
  it('writes ksdk.yaml and the message schema, prints the next commands, and the project generates', async () => {
    const dir = await project({ 'package.json': { name: '@acme/Orders Service', type: 'module' } });
    const run = ksdk(dir, 'init');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('created  ksdk.yaml');
    expect(run.stdout).toContain('created  schemas/order-placed.schema.json');
    expect(run.stdout).toMatch(/Next:\n {2}npm install @ksdk\/runtime\n {2}npx ksdk generate\n/);
    expect([...(await readTree(dir)).keys()]).toEqual(['ksdk.yaml', 'package.json', 'schemas/order-placed.schema.json']);
    const manifest = await readFile(path.join(dir, 'ksdk.yaml'), 'utf8');
    expect(manifest).toContain('source: urn:acme-orders-service\n');
    expect(manifest).toContain('groupId: acme-orders-service.order-placed\n');

    const result = await generate('ksdk.yaml', { cwd: dir });
    expect(result.warnings).toEqual([]);
    expect(result.files.map((f) => f.path)).toEqual(expect.arrayContaining(['producers/OrderPlacedProducer.ts', 'handlers.ts', 'validators/index.ts']));
  });

  it('--json: the files, the topics to create and the next commands; --message names them', async () => {
    const dir = await tempDir('ksdk-init-');
    const run = ksdk(dir, 'init', '--json', '--message', 'InvoiceIssued');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      files: ['ksdk.yaml', 'schemas/invoice-issued.schema.json'],
      topics: ['invoice-issued', 'invoice-issued.dlt'],
      next: expect.arrayContaining(['npm install @ksdk/runtime', 'npx ksdk generate']),
    });
    expect(existsSync(path.join(dir, 'schemas/invoice-issued.schema.json'))).toBe(true);
  });

  it('refuses to overwrite: an existing ksdk.yaml or schema is named, exit 3, and nothing is written', async () => {
    const mine = 'source: urn:mine\nmessages: {}\n';
    const dir = await project({ 'ksdk.yaml': mine });
    const run = ksdk(dir, 'init');
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('ksdk init failed (KSDK_OUTPUT_CONFLICT)');
    expect(run.stderr).toContain('ksdk.yaml: exists already; ksdk init never overwrites a file (nothing was written)');
    expect(await readFile(path.join(dir, 'ksdk.yaml'), 'utf8')).toBe(mine);
    expect(existsSync(path.join(dir, 'schemas'))).toBe(false);

    const schemaOnly = await project({ 'schemas/order-placed.schema.json': '{}\n' });
    const json = ksdk(schemaOnly, 'init', '--json');
    expect(json.status).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'KSDK_OUTPUT_CONFLICT', issues: [{ file: 'schemas/order-placed.schema.json' }] } });
    expect(existsSync(path.join(schemaOnly, 'ksdk.yaml'))).toBe(false);
    expect(await readFile(path.join(schemaOnly, 'schemas/order-placed.schema.json'), 'utf8')).toBe('{}\n');
  });

  it('rejects a message name that is not PascalCase (exit 2, nothing written)', async () => {
    const dir = await tempDir('ksdk-init-');
    const run = ksdk(dir, 'init', '--message', 'order-placed');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--message must be PascalCase');
    expect((await readTree(dir)).size).toBe(0);
  });
});
