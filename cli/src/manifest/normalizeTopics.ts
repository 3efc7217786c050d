import { KsdkCliError, type Issue } from '../errors/KsdkCliError.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { joinPointer } from '../util/pointer.js';
import { closest } from '../util/suggest.js';
import type { ManifestDocument, TopicConfigValue } from './ManifestDocument.js';
import type { MessageModel, SubscriptionModel, TopicModel, TopicUse } from './ProjectModel.js';

/**
 * The manifest's topics: every topic a subscription reads, forwards to or
 * dead-letters to must be declared (under `topics:`, or as a message's
 * `topic`), so a misspelt name is an error with a "did you mean" rather than a
 * new topic. Each topic gets its settings (its entry over `topicDefaults`).
 *
 * A chain hop to a dead-letter topic is a dead-letter, not a forward: a
 * subscription whose `retry.nextTopic` is a dead-letter topic gets it as its
 * `deadLetterTopic`, so the runtime, monitors, metrics and the test harness
 * all count the record as dead-lettered.
 *
 * Returns the topics and the subscriptions with that `deadLetterTopic` filled in.
 * `declareUsed` takes every topic used as declared (baselines of `ksdk check`).
 */
export function normalizeTopics(
  doc: SourceDocument,
  manifest: ManifestDocument,
  messages: readonly MessageModel[],
  subscriptions: readonly SubscriptionModel[],
  declareUsed = false,
): { topics: TopicModel[]; subscriptions: SubscriptionModel[] } {
  const declared = manifest.topics ?? {};
  const known = new Set([...Object.keys(declared), ...messages.map((m) => m.topic)]);

  const unknown: Issue[] = [];
  const requireDeclared = (topic: string, pointer: string, what: string): void => {
    if (known.has(topic) || declareUsed) return;
    const hint = closest(topic, [...known].sort(), Math.max(2, Math.floor(topic.length / 6)));
    unknown.push(
      doc.issue(
        pointer,
        `${what} "${topic}", which is not declared (list it under \`topics:\`; a message's \`topic\` counts as declared)` +
          (hint === undefined ? '' : `; did you mean "${hint}"?`),
      ),
    );
  };
  for (const s of subscriptions) {
    // A subscription without `topic` reads its messages' topic, which is declared.
    requireDeclared(s.topic, `${s.pointer}/topic`, `subscription ${s.name} reads topic`);
    if (s.retry?.mode === 'topic-chain') requireDeclared(s.retry.nextTopic, `${s.pointer}/retry/nextTopic`, `subscription ${s.name} forwards failed records to`);
    if (s.deadLetterTopic !== undefined) requireDeclared(s.deadLetterTopic, `${s.pointer}/deadLetterTopic`, `subscription ${s.name} dead-letters to`);
  }
  if (unknown.length > 0) throw new KsdkCliError('KSDK_UNKNOWN_TOPIC', byLine(unknown));

  const deadLetterTopics = new Set([
    ...Object.entries(declared).flatMap(([name, t]) => (t.deadLetter === true ? [name] : [])),
    ...subscriptions.flatMap((s) => (s.deadLetterTopic === undefined ? [] : [s.deadLetterTopic])),
  ]);
  const resolved = subscriptions.map((s): SubscriptionModel => {
    if (s.retry?.mode !== 'topic-chain' || !deadLetterTopics.has(s.retry.nextTopic)) return s;
    if (s.deadLetterTopic === undefined) return { ...s, deadLetterTopic: s.retry.nextTopic };
    if (s.deadLetterTopic === s.retry.nextTopic) return s;
    throw new KsdkCliError(
      'KSDK_MANIFEST_INVALID',
      doc.issue(
        `${s.pointer}/retry/nextTopic`,
        `nextTopic "${s.retry.nextTopic}" is a dead-letter topic, but subscription ${s.name} dead-letters to "${s.deadLetterTopic}": ` +
          `a failed record would end in one or the other depending on why it failed. End the chain with nextTopic "${s.deadLetterTopic}", or use retry mode "none"`,
      ),
    );
  });

  const uses = new Map<string, Set<TopicUse>>();
  const use = (topic: string, how: TopicUse): void => {
    let set = uses.get(topic);
    if (!set) uses.set(topic, (set = new Set()));
    set.add(how);
  };
  for (const m of messages) use(m.topic, 'published');
  for (const s of resolved) {
    use(s.topic, 'consumed');
    if (s.retry?.mode === 'topic-chain' && s.retry.nextTopic !== s.deadLetterTopic) use(s.retry.nextTopic, 'retry');
    if (s.deadLetterTopic !== undefined) use(s.deadLetterTopic, 'dead-letter');
  }

  const defaults = manifest.topicDefaults ?? {};
  const defaultConfig = configOf(doc, '/topicDefaults/config', defaults.config);
  const names = [...new Set([...known, ...uses.keys()])].sort();
  const topics = names.map((name): TopicModel => {
    const entry = declared[name];
    const pointer = entry === undefined ? undefined : joinPointer('/topics', name);
    const config = { ...defaultConfig, ...(pointer === undefined ? {} : configOf(doc, joinPointer(pointer, 'config'), entry?.config)) };
    return {
      name,
      description: entry?.description,
      partitions: entry?.partitions ?? defaults.partitions,
      replicationFactor: entry?.replicationFactor ?? defaults.replicationFactor,
      config: Object.fromEntries(Object.entries(config).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      deadLetter: deadLetterTopics.has(name),
      uses: [...(uses.get(name) ?? [])].sort(),
      pointer,
    };
  });
  return { topics, subscriptions: resolved };
}

/** Topic configs as the text Kafka takes; a number JavaScript cannot hold exactly is refused. */
function configOf(doc: SourceDocument, pointer: string, config: Record<string, TopicConfigValue> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(config ?? {})) {
    if (typeof value === 'number' && !Number.isSafeInteger(value) && Number.isInteger(value)) {
      throw new KsdkCliError(
        'KSDK_MANIFEST_INVALID',
        doc.issue(joinPointer(pointer, name), `${value} is beyond 2^53 and has lost digits already; write the value as a string ("...")`),
      );
    }
    out[name] = String(value);
  }
  return out;
}

function byLine(issues: Issue[]): Issue[] {
  return [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
