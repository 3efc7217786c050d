import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { KsdkCliError } from '../errors/KsdkCliError.js';
import { isInside, relativePosix } from '../util/paths.js';
import { manifestText, schemaText, type Scaffold } from './scaffold.js';

export interface InitOptions {
  /** Project directory. Default: `process.cwd()`. */
  cwd?: string;
  /** Name of the example message (PascalCase). Default: `OrderPlaced`. */
  message?: string;
  /** The manifest to write, relative to `cwd` (YAML). Default: `ksdk.yaml`; the schema goes to `schemas/` next to it. */
  manifest?: string;
}

/** What `ksdk init` wrote and what to run next. Serves `--json` as it is. */
export interface InitResult {
  /** Files created, relative to the project, `/`-separated. */
  files: string[];
  /** Topics the manifest uses (the message's topic and its dead-letter topic): create them before running. */
  topics: string[];
  /** The commands to run next, in order. */
  next: string[];
}

export const DEFAULT_MESSAGE = 'OrderPlaced';
export const DEFAULT_MANIFEST = 'ksdk.yaml';
/** What the manifest accepts as a message name. */
export const MESSAGE_NAME = /^[A-Z][A-Za-z0-9]*$/;

/**
 * Scaffolds a ksdk project in `cwd`: `ksdk.yaml` (one message, its producer and a
 * subscription with retry and a dead-letter topic) and the message's JSON Schema.
 * Never overwrites: if any of the files exists, nothing is written and a
 * `KSDK_OUTPUT_CONFLICT` error names them. A bad message name or manifest path
 * is a `KSDK_USAGE` error; a manifest outside `cwd` is `KSDK_OUTPUT_OUTSIDE_PROJECT`.
 */
export async function initProject(options: InitOptions = {}): Promise<InitResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const message = options.message ?? DEFAULT_MESSAGE;
  if (!MESSAGE_NAME.test(message)) throw new KsdkCliError('KSDK_USAGE', `message name "${message}" is not PascalCase (letters and digits, starting with a capital)`);
  const manifest = manifestPath(cwd, options.manifest ?? DEFAULT_MANIFEST);
  const scaffold = await scaffoldFor(cwd, message);
  // The manifest names its schema relative to itself.
  const files: Array<[string, string]> = [
    [manifest, manifestText(scaffold)],
    [path.posix.join(path.posix.dirname(manifest), scaffold.schemaFile), schemaText(scaffold)],
  ];
  const flag = manifest === DEFAULT_MANIFEST ? '' : ` --manifest ${manifest}`;

  const existing = await existingFiles(cwd, files.map(([rel]) => rel));
  if (existing.length > 0) throw conflict(existing);
  const created: string[] = [];
  try {
    for (const [rel, text] of files) {
      const file = path.join(cwd, rel);
      await mkdir(path.dirname(file), { recursive: true });
      // `wx`: create only, so a file that appeared since the check is not overwritten either.
      await writeFile(file, text, { flag: 'wx' });
      created.push(file);
    }
  } catch (err) {
    for (const file of created) await rm(file, { force: true });
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw conflict(await existingFiles(cwd, files.map(([rel]) => rel)), err);
    throw new KsdkCliError('KSDK_WRITE_FAILED', { file: '.', message: `could not write the project files: ${(err as Error).message}` }, { cause: err });
  }

  return {
    files: files.map(([rel]) => rel),
    topics: [scaffold.topic, scaffold.deadLetterTopic],
    next: [
      ...((await dependsOn(cwd, '@ksdk/runtime')) ? [] : ['npm install @ksdk/runtime']),
      `npx ksdk generate${flag}`,
      `npx ksdk topics apply${flag} --brokers <host:port>   # creates ${scaffold.topic} and ${scaffold.deadLetterTopic}`,
      'npx tsc',
    ],
  };
}

/** `manifest` relative to `cwd`, `/`-separated; refused unless it is a YAML file inside `cwd`. */
function manifestPath(cwd: string, manifest: string): string {
  if (!/\.ya?ml$/i.test(manifest)) throw new KsdkCliError('KSDK_USAGE', `--manifest must name a YAML file (.yaml or .yml): ksdk init writes YAML, not "${manifest}"`);
  const file = path.resolve(cwd, manifest);
  if (!isInside(cwd, file) || file === cwd) {
    throw new KsdkCliError('KSDK_OUTPUT_OUTSIDE_PROJECT', `--manifest ${manifest} is outside the project directory ${cwd}; ksdk init writes only inside it`);
  }
  return relativePosix(cwd, file);
}

async function scaffoldFor(cwd: string, message: string): Promise<Scaffold> {
  const app = slug((await packageJson(cwd))?.name ?? path.basename(cwd)) || 'my-app';
  const kebab = message.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return {
    app,
    message,
    schemaFile: `schemas/${kebab}.schema.json`,
    topic: kebab,
    deadLetterTopic: `${kebab}.dlt`,
    groupId: `${app}.${kebab}`,
    producer: `${message}Producer`,
    subscription: `${message.charAt(0).toLowerCase()}${message.slice(1)}Handler`,
  };
}

/** `@acme/Orders Service` → `acme-orders-service`: safe in a URN, a group id and a comment. */
function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

async function packageJson(cwd: string): Promise<{ name?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> } | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(path.join(cwd, 'package.json'), 'utf8'));
    return typeof value === 'object' && value !== null ? (value as { name?: string }) : undefined;
  } catch {
    return undefined;
  }
}

async function dependsOn(cwd: string, name: string): Promise<boolean> {
  const pkg = await packageJson(cwd);
  return pkg?.dependencies?.[name] !== undefined || pkg?.devDependencies?.[name] !== undefined;
}

function conflict(existing: readonly string[], cause?: unknown): KsdkCliError {
  return new KsdkCliError(
    'KSDK_OUTPUT_CONFLICT',
    existing.map((rel) => ({ file: rel, message: 'exists already; ksdk init never overwrites a file (nothing was written)' })),
    cause === undefined ? {} : { cause },
  );
}

async function existingFiles(cwd: string, rels: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const rel of rels) {
    try {
      await access(path.join(cwd, rel));
      out.push(rel);
    } catch {
      // absent
    }
  }
  return out;
}
