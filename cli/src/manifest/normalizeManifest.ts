import path from 'node:path';
import type { GenContext } from '../context/GenContext.js';
import { KsdkCliError, type CliErrorCode, type Issue } from '../errors/KsdkCliError.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { parseDuration } from '../util/duration.js';
import { reservedNameReason } from '@ksdk/templates/reservedNames';
import { dataTypeName, handlerTypeName } from '../util/naming.js';
import { isInside } from '../util/paths.js';
import { joinPointer } from '../util/pointer.js';
import { normalizeTopics } from './normalizeTopics.js';
import type { Duration, ManifestDocument, ManifestPartitionKey, ManifestProducer, ManifestRetry, ManifestSubscription } from './ManifestDocument.js';
import type {
  CompatibilityModel,
  MessageModel,
  PartitionKeyModel,
  ProducerModel,
  ProjectModel,
  RetryModel,
  SubscriptionModel,
} from './ProjectModel.js';

export interface NormalizeOptions {
  /** Output folder given on the command line: overrides `output`, resolved against the process's working directory. */
  out?: string;
  cwd: string;
  /** Topics used without a declaration count as declared (for `ksdk check` baselines written for an older ksdk). */
  declareUsedTopics?: boolean;
}

/**
 * The semantic checks the manifest schema cannot express, and normalization
 * into a `ProjectModel`: unknown or duplicate names, the output folder inside
 * the project, retry settings that fit their mode, defaults and durations.
 */
export function normalizeManifest(ctx: GenContext, doc: SourceDocument, manifest: ManifestDocument, manifestFile: string, options: NormalizeOptions): ProjectModel {
  const fail = (code: CliErrorCode, issues: Issue | Issue[]): never => {
    throw new KsdkCliError(code, issues);
  };

  // Messages: names are also file names, so they must differ in more than case.
  const messageNames = Object.keys(manifest.messages).sort();
  const byLower = new Map<string, string>();
  for (const name of Object.keys(manifest.messages)) {
    const other = byLower.get(name.toLowerCase());
    if (other !== undefined) {
      fail('KSDK_DUPLICATE_MESSAGE', doc.issue(joinPointer('/messages', name), `message "${name}" differs from "${other}" only in case; generated file names would collide`, { key: true }));
    }
    byLower.set(name.toLowerCase(), name);
  }
  const knownMessages = new Set(messageNames);
  const unknownMessage = (pointer: string, name: string, owner: string): Issue =>
    doc.issue(pointer, `${owner} names unknown message "${name}"; declared messages: ${messageNames.join(', ')}`);

  const wireFormat = manifest.cloudEvents?.enabled === false ? 'plain' : (manifest.cloudEvents?.mode ?? 'structured');
  if (manifest.cloudEvents?.enabled === false && manifest.cloudEvents.mode !== undefined && manifest.cloudEvents.mode !== 'plain') {
    fail('KSDK_MANIFEST_INVALID', doc.issue('/cloudEvents/mode', `cloudEvents.enabled is false (plain JSON) but mode is "${manifest.cloudEvents.mode}"`));
  }

  const projectDir = path.dirname(manifestFile);
  const messages: MessageModel[] = messageNames.map((name) => {
    const m = manifest.messages[name]!;
    const pointer = joinPointer('/messages', name);
    const schemaFile = path.resolve(projectDir, m.schema);
    return {
      name,
      schemaFile,
      schemaDisplay: ctx.display(schemaFile),
      topic: m.topic,
      type: m.type ?? (manifest.typePrefix === undefined ? name : `${manifest.typePrefix}.${name}`),
      subject: m.subject,
      description: m.description,
      partitionKey: m.partitionKey && partitionKey(doc, joinPointer(pointer, 'partitionKey'), m.partitionKey, projectDir),
      compatibility: compatibility(m.compatibility),
      pointer,
    };
  });

  const types = new Map<string, string>();
  for (const m of messages) {
    const other = types.get(m.type);
    if (other !== undefined) {
      fail('KSDK_DUPLICATE_NAME', doc.issue(joinPointer(m.pointer, 'type'), `messages ${other} and ${m.name} have the same CloudEvents type "${m.type}"; consumers could not tell them apart`));
    }
    types.set(m.type, m.name);
  }

  const producers: ProducerModel[] = Object.keys(manifest.producers ?? {})
    .sort()
    .map((name) => producer(doc, name, manifest.producers![name]!, manifest.source, knownMessages, unknownMessage, fail));

  const subscriptions = (manifest.subscriptions ?? []).map((s, i) => subscription(doc, i, s, manifest, knownMessages, unknownMessage, fail));
  const seenSubscriptions = new Map<string, number>();
  subscriptions.forEach((s, i) => {
    const first = seenSubscriptions.get(s.name);
    if (first !== undefined) fail('KSDK_DUPLICATE_NAME', doc.issue(`/subscriptions/${i}/name`, `subscription "${s.name}" is declared twice (also at /subscriptions/${first})`));
    seenSubscriptions.set(s.name, i);
  });
  const groups = new Map<string, SubscriptionModel>();
  for (const s of subscriptions) {
    const other = groups.get(s.groupId);
    if (other && other.topic !== s.topic) {
      ctx.warn(doc.issue(`${s.pointer}/groupId`, `subscriptions ${other.name} and ${s.name} share group "${s.groupId}" on different topics; a group's members should subscribe alike`));
    }
    groups.set(s.groupId, s);
  }

  // Generated identifiers share one namespace (index.ts re-exports them all).
  const owners = new Map<string, string>();
  const claim = (identifier: string, owner: string, pointer: string): void => {
    const reserved = reservedNameReason(identifier);
    if (reserved !== undefined) {
      fail('KSDK_RESERVED_NAME', doc.issue(pointer, `${owner} would generate "${identifier}", a reserved name (${reserved}); rename it`, { key: true }));
    }
    const other = owners.get(identifier);
    if (other !== undefined) fail('KSDK_DUPLICATE_NAME', doc.issue(pointer, `${owner} would generate "${identifier}", which ${other} already generates; rename one`, { key: true }));
    owners.set(identifier, owner);
  };
  for (const m of messages) {
    claim(m.name, `message ${m.name}`, m.pointer);
    claim(dataTypeName(m.name), `message ${m.name}`, m.pointer);
  }
  for (const p of producers) claim(p.name, `producer ${p.name}`, p.pointer);
  for (const s of subscriptions) {
    claim(handlerTypeName(s.name), `subscription ${s.name}`, `${s.pointer}/name`);
    if (s.messages.length > 1) claim(`${handlerTypeName(s.name)}Map`, `subscription ${s.name}`, `${s.pointer}/name`);
  }

  const { topics, subscriptions: resolvedSubscriptions } = normalizeTopics(doc, manifest, messages, subscriptions, options.declareUsedTopics === true);
  const output = outputDir(doc, manifest, projectDir, options);
  return {
    projectDir,
    manifestFile,
    manifestDisplay: ctx.display(manifestFile),
    outputDir: output,
    outputDisplay: ctx.display(output),
    source: manifest.source,
    wireFormat,
    typePrefix: manifest.typePrefix,
    compatibility: compatibility(manifest.compatibility),
    messages,
    producers,
    subscriptions: [...resolvedSubscriptions].sort((a, b) => a.name.localeCompare(b.name)),
    topics,
  };
}

function outputDir(doc: SourceDocument, manifest: ManifestDocument, projectDir: string, options: NormalizeOptions): string {
  if (options.out !== undefined) {
    // A folder given on the command line may be anywhere under the project or the directory ksdk runs in.
    const out = path.resolve(options.cwd, options.out);
    const roots = [projectDir, options.cwd].filter((root) => isInside(root, out));
    if (roots.length === 0 || roots.includes(out)) {
      throw new KsdkCliError(
        'KSDK_OUTPUT_OUTSIDE_PROJECT',
        doc.issue(
          '/output',
          `--out "${options.out}" resolves to ${roots.length === 0 ? 'a folder outside the project and the working directory' : 'the project or working directory itself'}; it must be a folder inside one of them (ksdk owns and cleans its output folder)`,
        ),
      );
    }
    return out;
  }
  const dir = path.resolve(projectDir, manifest.output ?? 'src/generated');
  if (!isInside(projectDir, dir) || dir === projectDir) {
    throw new KsdkCliError(
      'KSDK_OUTPUT_OUTSIDE_PROJECT',
      doc.issue(
        '/output',
        `output "${manifest.output}" resolves to ${dir === projectDir ? 'the project folder itself' : 'a folder outside the project'}; it must be a folder inside ${path.basename(projectDir) || projectDir} (ksdk owns and cleans its output folder)`,
      ),
    );
  }
  return dir;
}

function compatibility(c: { mode?: CompatibilityModel['mode']; lenient?: boolean } | undefined): CompatibilityModel | undefined {
  return c === undefined ? undefined : { mode: c.mode, lenient: c.lenient };
}

function duration(value: Duration | undefined): number | undefined {
  return value === undefined ? undefined : parseDuration(value);
}

function partitionKey(doc: SourceDocument, pointer: string, key: ManifestPartitionKey, projectDir: string): PartitionKeyModel {
  const unused = (fields: Array<keyof ManifestPartitionKey>): void => {
    for (const f of fields) {
      if (key[f] !== undefined) {
        throw new KsdkCliError('KSDK_MANIFEST_INVALID', doc.issue(joinPointer(pointer, f), `"${f}" does not apply to strategy "${key.strategy}"`, { key: true }));
      }
    }
  };
  switch (key.strategy) {
    case 'message-id':
    case 'unique-key':
    case 'round-robin':
      unused(['property', 'duration', 'window', 'module', 'export']);
      return { strategy: key.strategy };
    case 'sticky':
      unused(['property', 'window', 'module', 'export']);
      return { strategy: 'sticky', durationMs: positive(doc, joinPointer(pointer, 'duration'), duration(key.duration)) };
    case 'time-window':
      unused(['property', 'duration', 'module', 'export']);
      return { strategy: 'time-window', windowMs: positive(doc, joinPointer(pointer, 'window'), duration(key.window)) };
    case 'property':
    case 'murmur3':
      unused(['duration', 'window', 'module', 'export']);
      return { strategy: key.strategy, property: key.property as string };
    case 'custom':
      unused(['property', 'duration', 'window']);
      return { strategy: 'custom', module: path.resolve(projectDir, key.module as string), exportName: key.export as string };
  }
}

function positive(doc: SourceDocument, pointer: string, ms: number | undefined): number {
  if (ms === undefined || ms <= 0) throw new KsdkCliError('KSDK_MANIFEST_INVALID', doc.issue(pointer, 'must be a positive duration'));
  return ms;
}

const ACKS: Record<string, -1 | 0 | 1> = { all: -1, leader: 1, none: 0, '-1': -1, '0': 0, '1': 1 };

function producer(
  doc: SourceDocument,
  name: string,
  p: ManifestProducer,
  source: string,
  known: Set<string>,
  unknownMessage: (pointer: string, name: string, owner: string) => Issue,
  fail: (code: CliErrorCode, issues: Issue | Issue[]) => never,
): ProducerModel {
  const pointer = joinPointer('/producers', name);
  const unknown = p.messages.flatMap((m, i) => (known.has(m) ? [] : [unknownMessage(joinPointer(pointer, 'messages', i), m, `producer ${name}`)]));
  if (unknown.length > 0) fail('KSDK_UNKNOWN_MESSAGE', unknown);
  return {
    name,
    description: p.description,
    messages: [...new Set(p.messages)],
    clientId: p.clientId,
    source: p.source ?? source,
    acks: p.acks === undefined ? undefined : ACKS[String(p.acks)],
    idempotent: p.idempotent,
    compression: p.compression,
    lingerMs: p.lingerMs,
    batchSize: p.batchSize,
    maxInFlight: p.maxInFlight,
    retries: p.retries,
    timeoutMs: duration(p.timeout),
    pointer,
  };
}

function subscription(
  doc: SourceDocument,
  index: number,
  s: ManifestSubscription,
  manifest: ManifestDocument,
  known: Set<string>,
  unknownMessage: (pointer: string, name: string, owner: string) => Issue,
  fail: (code: CliErrorCode, issues: Issue | Issue[]) => never,
): SubscriptionModel {
  const pointer = `/subscriptions/${index}`;
  if ((s.message === undefined) === (s.messages === undefined)) {
    fail('KSDK_MANIFEST_INVALID', doc.issue(pointer, `subscription ${s.name} must name exactly one of "message" or "messages"`));
  }
  const names = s.message !== undefined ? [s.message] : (s.messages as string[]);
  const field = s.message !== undefined ? 'message' : 'messages';
  const unknown = names.flatMap((m, i) =>
    known.has(m) ? [] : [unknownMessage(field === 'message' ? `${pointer}/message` : `${pointer}/messages/${i}`, m, `subscription ${s.name}`)],
  );
  if (unknown.length > 0) fail('KSDK_UNKNOWN_MESSAGE', unknown);

  let topic = s.topic;
  if (topic === undefined) {
    const topics = [...new Set(names.map((m) => manifest.messages[m]!.topic))];
    if (topics.length !== 1) {
      fail('KSDK_MANIFEST_INVALID', doc.issue(pointer, `subscription ${s.name} needs a "topic": its messages are published to ${topics.join(', ')}`));
    }
    topic = topics[0] as string;
  }
  if (s.deadLetterTopic !== undefined && s.deadLetterTopic === topic) {
    fail('KSDK_MANIFEST_INVALID', doc.issue(`${pointer}/deadLetterTopic`, `the dead-letter topic of subscription ${s.name} is the topic it consumes; records would loop`));
  }
  return {
    name: s.name,
    description: s.description,
    topic,
    messages: [...new Set(names)],
    groupId: s.groupId,
    consumers: s.consumers,
    retry: s.retry && retry(doc, `${pointer}/retry`, s.retry, topic),
    deadLetterTopic: s.deadLetterTopic,
    processingDelayMs: duration(s.processingDelay),
    onExhausted: s.onExhausted,
    concurrency: s.concurrency,
    fromBeginning: s.fromBeginning,
    pointer,
  };
}

function retry(doc: SourceDocument, pointer: string, r: ManifestRetry, topic: string): RetryModel {
  const inProcessOnly: Array<keyof ManifestRetry> = ['maxAttempts', 'initialBackoff', 'exponential', 'maxBackoff', 'jitter'];
  const unused = (fields: Array<keyof ManifestRetry>): void => {
    for (const f of fields) {
      if (r[f] !== undefined) throw new KsdkCliError('KSDK_MANIFEST_INVALID', doc.issue(joinPointer(pointer, f), `"${f}" does not apply to retry mode "${r.mode}"`, { key: true }));
    }
  };
  switch (r.mode) {
    case 'in-process': {
      unused(['nextTopic']);
      const initialBackoffMs = duration(r.initialBackoff);
      const maxBackoffMs = duration(r.maxBackoff);
      if (initialBackoffMs !== undefined && maxBackoffMs !== undefined && maxBackoffMs < initialBackoffMs) {
        throw new KsdkCliError('KSDK_MANIFEST_INVALID', doc.issue(`${pointer}/maxBackoff`, 'maxBackoff is shorter than initialBackoff'));
      }
      return { mode: 'in-process', maxAttempts: r.maxAttempts, initialBackoffMs, exponential: r.exponential, maxBackoffMs, jitter: r.jitter };
    }
    case 'topic-chain':
      unused(inProcessOnly);
      if (r.nextTopic === topic) throw new KsdkCliError('KSDK_MANIFEST_INVALID', doc.issue(`${pointer}/nextTopic`, 'nextTopic is the topic the subscription consumes; records would loop'));
      return { mode: 'topic-chain', nextTopic: r.nextTopic as string };
    case 'none':
      unused([...inProcessOnly, 'nextTopic']);
      return { mode: 'none' };
  }
}
