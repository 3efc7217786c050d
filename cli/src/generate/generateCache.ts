import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_HEADER } from '@ksdk/templates/header';
import { MANIFEST_SCHEMA_PATH } from '../manifest/manifestSchemaPath.js';
import type { Issue } from '../errors/KsdkCliError.js';
import type { ReadText } from '../context/GenContext.js';
import type { FileChange } from './writeOutput.js';

/** Bump when the record's shape or meaning changes. */
const RECORD_FORMAT = 1;
/** Records kept per cache folder (one per manifest and output folder); the oldest go first. */
const MAX_RECORDS = 50;
const TEMP_PREFIX = '.ksdk-tmp-';
/** Set to `0` to turn the cache off (`KSDK_GENERATE_CACHE=0 ksdk generate`). */
const ENV_SWITCH = 'KSDK_GENERATE_CACHE';
/** Packages whose version can change the generated code. */
const GENERATOR_PACKAGES = ['ajv', 'ajv-formats', 'json-schema-to-typescript', 'ts-morph', 'yaml'];

interface CacheRecord {
  format: number;
  key: string;
  /** The generator's code, the manifest schema and the versions of what it builds on. */
  fingerprint: string;
  /** Absolute output folder. */
  outputDir: string;
  /** Every file the run read (manifest, schemas, partition-key modules): absolute path → sha256. */
  inputs: Record<string, string>;
  /** Every file the run generated: path in the output folder → sha256. */
  outputs: Record<string, string>;
  result: { outputDir: string; manifest: string; warnings: Issue[] };
}

/** What a run that found nothing changed reports: every file unchanged. */
export interface CachedRun {
  outputDir: string;
  manifest: string;
  files: FileChange[];
  warnings: Issue[];
}

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** The hash of a regular file; undefined for anything else (a symlink or a FIFO in the output folder is a miss: the full run refuses it). */
async function hashOf(file: string): Promise<string | undefined> {
  try {
    if (!(await lstat(file)).isFile()) return undefined;
    return sha256(await readFile(file));
  } catch {
    return undefined;
  }
}

let fingerprintMemo: string | undefined;

/**
 * A hash of everything besides the inputs that decides the output: this package's code
 * (dist, or src under a TypeScript loader), the code of @ksdk/templates, the runtime's
 * `symbols` table (`@ksdk/runtime/codegen`), the manifest schema, and the versions of ajv, ts-morph & co. Any change to the generator misses.
 */
function generatorFingerprint(): string {
  if (fingerprintMemo) return fingerprintMemo;
  const hash = createHash('sha256');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const require = createRequire(import.meta.url);
  const templates = path.join(path.dirname(require.resolve('@ksdk/templates/package.json')), 'dist');
  // The runtime's symbols table decides where generated imports come from.
  const codegen = path.join(path.dirname(require.resolve('@ksdk/runtime/package.json')), 'dist', 'codegen');
  const trees = [path.resolve(here, '..'), templates, codegen];
  const addTree = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) addTree(full);
      else hash.update(`${full}\0`).update(readFileSync(full));
    }
  };
  for (const tree of trees) addTree(tree);
  if (existsSync(MANIFEST_SCHEMA_PATH)) hash.update(readFileSync(MANIFEST_SCHEMA_PATH));
  for (const name of GENERATOR_PACKAGES) hash.update(`${name}@${packageVersion(require, name)}\0`);
  fingerprintMemo = hash.digest('hex');
  return fingerprintMemo;
}

/** A dependency's version, found from its entry point up to its package.json. */
function packageVersion(require: NodeJS.Require, name: string): string {
  try {
    let dir = path.dirname(require.resolve(name));
    for (; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? '?';
    }
  } catch {
    // Not resolvable from here: the fingerprint still covers the generator's own code.
  }
  return '?';
}

/** The nearest `node_modules` at or above `dir`, where build tools keep their caches. */
function nearestNodeModules(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, 'node_modules');
    if (existsSync(candidate)) return candidate;
    if (d === path.dirname(d)) return undefined;
  }
}

/**
 * Lets `ksdk generate` skip all work when nothing changed since its last run.
 *
 * A run records the content hash of every file it read (the manifest, the schemas
 * and their `$ref`s, partition-key modules) and of every file it wrote, with a
 * fingerprint of the generator itself. The next run with the same manifest and
 * output folder compares those hashes (reading files, no parsing) and, if all match
 * and the output folder holds no other generated file, reports every file unchanged
 * without loading the rendering pipeline: the result a full run would give, since
 * generation is deterministic.
 *
 * The record lives in the nearest `node_modules/.cache/ksdk/` above the project, as
 * other build tools' caches do; without a `node_modules` nothing is cached. Off for
 * custom file readers, remote `$ref`s, and with `KSDK_GENERATE_CACHE=0`.
 */
export class GenerateCache {
  readonly #file: string;
  readonly #key: string;
  readonly #inputs = new Map<string, string>();

  private constructor(file: string, key: string) {
    this.#file = file;
    this.#key = key;
  }

  /** The cache of one manifest and output folder, or undefined where caching does not apply. */
  static for(
    manifestFile: string,
    out: string | undefined,
    options: { readText?: unknown; fetchText?: unknown; allowRemoteRefs?: boolean; schemaRoots?: readonly string[]; limits?: object },
  ): GenerateCache | undefined {
    if (process.env[ENV_SWITCH] === '0' || options.readText || options.fetchText || options.allowRemoteRefs) return undefined;
    const nodeModules = nearestNodeModules(path.dirname(manifestFile));
    if (!nodeModules) return undefined;
    // Settings that change which inputs a run accepts are part of the key: a run allowed less must not reuse one allowed more.
    const key = sha256(JSON.stringify([manifestFile, out ?? null, options.schemaRoots ?? [], options.limits ?? {}]));
    return new GenerateCache(path.join(nodeModules, '.cache', 'ksdk', `generate-${key.slice(0, 24)}.json`), key);
  }

  /** A file reader for the run that records what it read. */
  readonly reader: ReadText = async (file) => {
    const buffer = await readFile(file);
    this.#inputs.set(file, sha256(buffer));
    return buffer.toString('utf8');
  };

  /** The previous run's result if nothing it depended on changed; otherwise undefined. */
  async lookup(): Promise<CachedRun | undefined> {
    let record: CacheRecord;
    try {
      record = JSON.parse(await readFile(this.#file, 'utf8')) as CacheRecord;
    } catch {
      return undefined;
    }
    if (record.format !== RECORD_FORMAT || record.key !== this.#key || record.fingerprint !== generatorFingerprint()) return undefined;
    for (const [file, hash] of Object.entries(record.inputs)) if ((await hashOf(file)) !== hash) return undefined;
    for (const [rel, hash] of Object.entries(record.outputs)) if ((await hashOf(path.join(record.outputDir, rel))) !== hash) return undefined;
    if (await hasOtherGeneratedFiles(record.outputDir, new Set(Object.keys(record.outputs)))) return undefined;
    const files = Object.keys(record.outputs)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((p): FileChange => ({ path: p, status: 'unchanged' }));
    return { ...record.result, files };
  }

  /** Records a run whose output folder now holds exactly `files`. Never fails the run. */
  async store(outputDir: string, files: ReadonlyArray<{ path: string; content: string }>, result: CacheRecord['result']): Promise<void> {
    const record: CacheRecord = {
      format: RECORD_FORMAT,
      key: this.#key,
      fingerprint: generatorFingerprint(),
      outputDir,
      inputs: Object.fromEntries([...this.#inputs].sort(([a], [b]) => (a < b ? -1 : 1))),
      outputs: Object.fromEntries(files.map((f) => [f.path, sha256(f.content)])),
      result,
    };
    const temp = `${this.#file}.${process.pid}.tmp`;
    try {
      await mkdir(path.dirname(this.#file), { recursive: true });
      await writeFile(temp, JSON.stringify(record));
      await rename(temp, this.#file);
      await pruneRecords(path.dirname(this.#file));
    } catch {
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }
}

/** Keeps the cache folder bounded: projects that moved or were deleted leave records nobody reads. */
async function pruneRecords(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((n) => n.startsWith('generate-') && n.endsWith('.json'));
  if (names.length <= MAX_RECORDS) return;
  const aged = await Promise.all(names.map(async (n) => ({ n, t: (await stat(path.join(dir, n)).catch(() => undefined))?.mtimeMs ?? 0 })));
  aged.sort((a, b) => b.t - a.t);
  for (const { n } of aged.slice(MAX_RECORDS)) await rm(path.join(dir, n), { force: true });
}

/** Whether a full run would remove something: a leftover temporary folder, or a generated file it no longer generates. */
async function hasOtherGeneratedFiles(outputDir: string, expected: ReadonlySet<string>, prefix = ''): Promise<boolean> {
  let entries;
  try {
    entries = await readdir(path.join(outputDir, prefix), { withFileTypes: true });
  } catch {
    return true;
  }
  for (const e of entries) {
    const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory()) {
      if (e.name.startsWith(TEMP_PREFIX)) return true;
      if (e.name !== 'node_modules' && (await hasOtherGeneratedFiles(outputDir, expected, rel))) return true;
    } else if (e.isFile() && !expected.has(rel) && /\.(ts|js|mts|mjs)$/.test(rel)) {
      const text = await readFile(path.join(outputDir, rel), 'utf8').catch(() => '');
      if (text.startsWith(GENERATED_HEADER)) return true;
    }
  }
  return false;
}
