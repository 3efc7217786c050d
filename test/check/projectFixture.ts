import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KsdkCliError } from '../../cli/src/index.js';

export const MANIFEST = `source: urn:test:orders
compatibility:
  mode: backward
messages:
  OrderPlaced:
    schema: schemas/order-placed.schema.json
    topic: order-events
    partitionKey: { strategy: property, property: customerId }
  OrderCancelled:
    schema: schemas/order-cancelled.schema.json
    topic: order-events
subscriptions:
  - name: orders
    topic: order-events
    messages: [OrderPlaced, OrderCancelled]
    groupId: orders
`;

export const ORDER_PLACED = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    orderId: { type: 'string' },
    customerId: { type: 'string' },
    total: { $ref: 'common.schema.json#/$defs/Money' },
  },
  required: ['orderId', 'customerId'],
  additionalProperties: false,
};

export const ORDER_CANCELLED = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { orderId: { type: 'string' }, reason: { type: 'string', maxLength: 200 } },
  required: ['orderId'],
  additionalProperties: false,
};

export const COMMON = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $defs: { Money: { type: 'number', minimum: 0 } },
};

export type Files = Record<string, string | object>;

export const BASE_FILES: Files = {
  'ksdk.yaml': MANIFEST,
  'schemas/order-placed.schema.json': ORDER_PLACED,
  'schemas/order-cancelled.schema.json': ORDER_CANCELLED,
  'schemas/common.schema.json': COMMON,
};

export async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'ksdk-check-'));
}

export async function writeFiles(dir: string, files: Files): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}

export async function copyProject(from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true, filter: (src) => !src.includes(`${path.sep}.git`) });
}

export function gitIn(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=ksdk test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
}

export async function gitProject(files: Files = BASE_FILES): Promise<string> {
  const dir = await tempDir();
  gitIn(dir, 'init', '-q', '-b', 'main');
  await writeFiles(dir, files);
  gitIn(dir, 'add', '-A');
  gitIn(dir, 'commit', '-q', '-m', 'v1');
  return dir;
}

export async function commitFiles(dir: string, files: Files, message: string): Promise<void> {
  await writeFiles(dir, files);
  gitIn(dir, 'add', '-A');
  gitIn(dir, 'commit', '-q', '-m', message);
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** ORDER_PLACED with changes to its properties. */
export function orderPlaced(properties: Record<string, unknown>, extra: Record<string, unknown> = {}): object {
  return { ...ORDER_PLACED, properties: { ...ORDER_PLACED.properties, ...properties }, ...extra };
}

/** Temporary projects of one test file: `project(files)` makes one, `cleanup` (an afterEach) removes them all. */
export function projects(): { project(files?: Files): Promise<string>; track(dir: string): string; cleanup(): Promise<void> } {
  const dirs: string[] = [];
  return {
    /** Removes `dir` (made elsewhere, e.g. by gitProject) with the others. */
    track(dir) {
      dirs.push(dir);
      return dir;
    },
    async project(files = BASE_FILES) {
      const dir = await tempDir();
      dirs.push(dir);
      await writeFiles(dir, files);
      return dir;
    },
    async cleanup() {
      await Promise.all(dirs.splice(0).map(removeDir));
    },
  };
}

/** The `KsdkCliError` that `run` fails with; anything else (success, another error) fails the test. */
export async function cliFailure(run: Promise<unknown> | (() => unknown)): Promise<KsdkCliError> {
  const outcome = await (typeof run === 'function' ? Promise.resolve().then(run) : run).then(
    (value: unknown) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if ('error' in outcome && outcome.error instanceof KsdkCliError) return outcome.error;
  throw new Error(`expected a KsdkCliError, got ${'error' in outcome ? String(outcome.error) : `success: ${JSON.stringify(outcome.value)?.slice(0, 200)}`}`);
}
