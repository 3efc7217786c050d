import { createHash } from 'node:crypto';
import { GenContext, InputRefused } from '../../context/GenContext.js';
import { DEFAULT_LIMITS, type Limits } from '../../context/limits.js';
import { KsdkCliError } from '../../errors/KsdkCliError.js';
import { isCompatibilityMode } from '../CompatibilityMode.js';
import { canonicalJson, isJsonObject, type JsonSchema, type JsonValue } from '../../schema/JsonSchema.js';
import { SourceDocument } from '../../source/SourceDocument.js';
import { joinPointer } from '../../util/pointer.js';
import type { CompatibilitySetting, MessageSnapshot, ProjectSnapshot, SubscriptionSnapshot } from './ProjectSnapshot.js';

export const LOCK_FILE_NAME = 'ksdk.lock.json';
export const LOCKFILE_VERSION = 1;

/** An earlier, locked version of a message schema. */
export interface LockedVersion {
  readonly version: number;
  readonly fingerprint: string;
  readonly schema: JsonSchema;
}

export interface LockedMessage {
  /** Starts at 1; goes up each time `ksdk lock` sees a different schema. */
  readonly version: number;
  readonly fingerprint: string;
  readonly schemaFile: string;
  readonly topic: string;
  readonly type: string;
  readonly partitionKey: { readonly [key: string]: JsonValue };
  readonly compatibility?: CompatibilitySetting;
  /** The resolved, self-contained schema. */
  readonly schema: JsonSchema;
  /** Earlier versions, oldest first: what the transitive modes check against. */
  readonly history: readonly LockedVersion[];
}

/**
 * `ksdk.lock.json`: what `ksdk lock` records and `ksdk check --baseline ksdk.lock.json`
 * compares with. Self-contained (no file it names needs to exist), deterministic
 * (same project, same bytes), meant to be committed.
 */
export interface LockFile {
  readonly lockfileVersion: typeof LOCKFILE_VERSION;
  readonly compatibility: CompatibilitySetting;
  /** Sorted by name. */
  readonly messages: { readonly [name: string]: LockedMessage };
  /** Sorted by name. */
  readonly subscriptions: readonly SubscriptionSnapshot[];
}

/** `sha256:` of the canonical JSON of a schema. */
export function fingerprint(schema: JsonSchema): string {
  return `sha256:${createHash('sha256').update(canonicalJson(schema)).digest('hex')}`;
}

/**
 * The lock for `snapshot`. A message whose schema changed since `previous` gets the
 * next version number, and its previously locked schema moves into its history.
 */
export function buildLockFile(snapshot: ProjectSnapshot, previous?: LockFile): LockFile {
  const messages: Record<string, LockedMessage> = {};
  for (const name of [...snapshot.messages.keys()].sort()) {
    const m = snapshot.messages.get(name) as MessageSnapshot;
    const print = fingerprint(m.schema);
    const before = previous?.messages[name];
    let version = 1;
    let history: LockedVersion[] = [];
    if (before !== undefined) {
      history = [...before.history];
      version = before.version;
      if (before.fingerprint !== print) {
        history.push({ version: before.version, fingerprint: before.fingerprint, schema: before.schema });
        version = before.version + 1;
      }
    }
    messages[name] = {
      version,
      fingerprint: print,
      schemaFile: m.schemaFile,
      topic: m.topic,
      type: m.type,
      partitionKey: m.partitionKey,
      ...(m.compatibility === undefined ? {} : { compatibility: m.compatibility }),
      schema: m.schema,
      history,
    };
  }
  const subscriptions = [...snapshot.subscriptions].sort((a, b) => a.name.localeCompare(b.name));
  return { lockfileVersion: LOCKFILE_VERSION, compatibility: snapshot.compatibility, messages, subscriptions };
}

export function serializeLockFile(lock: LockFile): string {
  return `${JSON.stringify(lock, null, 2)}\n`;
}

/**
 * Reads the lock file `file` (absolute; messages name it relative to `cwd`):
 * its text and content, or undefined when there is none. Refused before it is
 * read when it is not a regular file or is over `limits.lockFileBytes`; then
 * parsed and checked (`parseLockFile`).
 */
export async function readLockFile(cwd: string, file: string, limits: Readonly<Limits>): Promise<{ text: string; lock: LockFile } | undefined> {
  const ctx = new GenContext(cwd, { limits });
  let text: string;
  try {
    text = await ctx.readInput(file, { confined: false, maxBytes: limits.lockFileBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (err instanceof InputRefused) throw new KsdkCliError(err.code, { file: ctx.display(file), message: err.message }, { cause: err });
    throw new KsdkCliError('KSDK_LOCK_INVALID', { file: ctx.display(file), message: `cannot be read: ${(err as Error).message}` }, { cause: err });
  }
  return { text, lock: parseLockFile(text, ctx.display(file), limits) };
}

/**
 * Parses and checks a lock file; `file` names it in errors, with the line of
 * the field. Nesting deeper than `limits.depth` is refused before anything
 * walks the schemas in it.
 */
export function parseLockFile(text: string, file: string, limits: Readonly<Pick<Limits, 'depth' | 'yamlAliases'>> = DEFAULT_LIMITS): LockFile {
  const doc = SourceDocument.parse(file, text, { json: true, syntaxCode: 'KSDK_LOCK_INVALID', limits });
  const value = doc.value;
  const fail = (pointer: string, what: string): never => {
    throw new KsdkCliError('KSDK_LOCK_INVALID', doc.issue(pointer, what), { suggestions: ['regenerate it with ksdk lock'] });
  };
  if (!isJsonObject(value)) return fail('', 'expected an object');
  if (value.lockfileVersion !== LOCKFILE_VERSION) return fail('/lockfileVersion', `expected ${LOCKFILE_VERSION}, found ${JSON.stringify(value.lockfileVersion)}`);
  if (!isJsonObject(value.messages)) return fail('/messages', 'expected an object');
  const isSchema = (s: unknown): s is JsonSchema => typeof s === 'boolean' || isJsonObject(s);
  const checkSetting = (s: unknown, pointer: string): void => {
    if (s === undefined) return;
    if (!isJsonObject(s)) fail(pointer, 'expected an object');
    const setting = s as Record<string, unknown>;
    if (setting.mode !== undefined && !isCompatibilityMode(setting.mode)) fail(`${pointer}/mode`, 'unknown compatibility mode');
    if (setting.lenient !== undefined && typeof setting.lenient !== 'boolean') fail(`${pointer}/lenient`, 'expected a boolean');
  };
  checkSetting(value.compatibility ?? {}, '/compatibility');
  for (const [name, m] of Object.entries(value.messages)) {
    const at = joinPointer('/messages', name);
    if (!isJsonObject(m)) return fail(at, 'expected an object');
    for (const key of ['schemaFile', 'topic', 'type', 'fingerprint'] as const) {
      if (typeof m[key] !== 'string') fail(`${at}/${key}`, 'expected a string');
    }
    if (typeof m.version !== 'number') fail(`${at}/version`, 'expected a number');
    if (!isSchema(m.schema)) fail(`${at}/schema`, 'expected a JSON Schema');
    if (!isJsonObject(m.partitionKey)) fail(`${at}/partitionKey`, 'expected an object');
    checkSetting(m.compatibility, `${at}/compatibility`);
    if (!Array.isArray(m.history)) return fail(`${at}/history`, 'expected an array');
    m.history.forEach((h, i) => {
      if (!isJsonObject(h) || !isSchema(h.schema) || typeof h.version !== 'number') fail(`${at}/history/${i}`, 'expected { version, fingerprint, schema }');
    });
  }
  if (!Array.isArray(value.subscriptions)) return fail('/subscriptions', 'expected an array');
  value.subscriptions.forEach((s, i) => {
    if (!isJsonObject(s) || typeof s.name !== 'string' || typeof s.topic !== 'string' || !Array.isArray(s.messages)) {
      fail(`/subscriptions/${i}`, 'expected { name, topic, messages, groupId }');
    }
  });
  return value as unknown as LockFile;
}

/** The baseline a lock file describes; history entries are labelled `v<version>`. */
export function snapshotFromLockFile(lock: LockFile): ProjectSnapshot {
  const messages = new Map<string, MessageSnapshot>();
  for (const [name, m] of Object.entries(lock.messages)) {
    messages.set(name, {
      name,
      schemaFile: m.schemaFile,
      schema: m.schema,
      topic: m.topic,
      type: m.type,
      partitionKey: m.partitionKey,
      ...(m.compatibility === undefined ? {} : { compatibility: m.compatibility }),
      history: m.history.map((h) => ({ label: `v${h.version}`, schema: h.schema })),
      label: `v${m.version}`,
    });
  }
  return { compatibility: lock.compatibility ?? {}, messages, subscriptions: lock.subscriptions };
}
