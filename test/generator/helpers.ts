import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLE = path.join(REPO, 'generated-example');
export const BIN = path.join(REPO, 'cli/bin/run.js');

const made: string[] = [];
afterAll(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test file. */
export async function tempDir(prefix = 'ksdk-gen-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes `files` (path → text, or a value written as JSON) under a new temporary project directory. */
export async function project(files: Record<string, string | object>): Promise<string> {
  const dir = await tempDir();
  await writeFiles(dir, files);
  return dir;
}

export async function writeFiles(dir: string, files: Record<string, string | object>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}

/** A copy of the example project (manifest and schemas, not the generated client) in a temporary directory. */
export async function copyExample(): Promise<string> {
  const dir = await tempDir('ksdk-example-');
  await cp(path.join(EXAMPLE, 'ksdk.yaml'), path.join(dir, 'ksdk.yaml'));
  await cp(path.join(EXAMPLE, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
  return dir;
}

/** Every file under `dir`: relative path → content, sorted by path. */
export async function readTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(child);
      else out.set(child, await readFile(path.join(dir, child), 'utf8'));
    }
  };
  await walk('');
  return out;
}

/** One hash over every path and byte under `dir` (an absent directory hashes as empty). */
export async function hashTree(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const [rel, content] of await readTree(dir)) hash.update(`${rel}\0${content}\0`);
  return hash.digest('hex');
}

/** A minimal valid manifest for one message, with overrides. */
export function manifestFor(messages: Record<string, { schema: string; topic?: string } & Record<string, unknown>>, extra = ''): string {
  const lines = ['source: urn:ksdk:test', 'messages:'];
  for (const [name, m] of Object.entries(messages)) {
    lines.push(`  ${name}:`);
    for (const [k, v] of Object.entries({ topic: 'test-topic', ...m })) lines.push(`    ${k}: ${JSON.stringify(v)}`);
  }
  return `${lines.join('\n')}\n${extra}`;
}
