import { joinPointer } from '../../util/pointer.js';
import { canonicalJson } from '../../schema/JsonSchema.js';
import type { MessageSnapshot, ProjectSnapshot } from '../baseline/ProjectSnapshot.js';
import type { ManifestRuleId } from '../rules/RuleId.js';

/** A manifest-level change: breaking ones fail every mode but NONE. */
export interface ManifestFinding {
  /** JSON pointer into the manifest, e.g. `/messages/OrderPlaced/topic`. */
  readonly pointer: string;
  readonly rule: ManifestRuleId;
  readonly message: string;
  readonly breaking: boolean;
}

/**
 * Compares two manifests, grouping findings by message name: a message removed
 * while a subscription still reads its topic, a topic renamed (for a message or a
 * subscription), a CloudEvent `type` changed, a partition-key strategy changed on a
 * topic that already exists. Added messages are reported as compatible.
 */
export function compareManifests(previous: ProjectSnapshot, next: ProjectSnapshot): Map<string, ManifestFinding[]> {
  const out = new Map<string, ManifestFinding[]>();
  const add = (message: string, f: ManifestFinding): void => {
    out.set(message, [...(out.get(message) ?? []), f]);
  };

  for (const [name, before] of previous.messages) {
    const after = next.messages.get(name);
    const at = joinPointer('/messages', name);
    if (after === undefined) {
      const readers = next.subscriptions.filter((s) => s.messages.includes(name) || s.topic === before.topic);
      add(name, {
        pointer: at,
        rule: 'MESSAGE_REMOVED',
        breaking: readers.length > 0,
        message:
          readers.length > 0
            ? `message removed while subscription(s) ${readers.map((s) => s.name).join(', ')} still read topic "${before.topic}"`
            : 'message removed; no subscription reads its topic any more',
      });
      continue;
    }
    compareMessage(before, after, at).forEach((f) => add(name, f));
  }
  for (const name of next.messages.keys()) {
    if (!previous.messages.has(name)) {
      add(name, { pointer: joinPointer('/messages', name), rule: 'MESSAGE_ADDED', breaking: false, message: 'message added' });
    }
  }

  for (const before of previous.subscriptions) {
    const index = next.subscriptions.findIndex((s) => s.name === before.name);
    const after = next.subscriptions[index];
    if (after === undefined || after.topic === before.topic) continue;
    const f: ManifestFinding = {
      pointer: joinPointer('/subscriptions', index, 'topic'),
      rule: 'TOPIC_RENAMED',
      breaking: true,
      message: `subscription ${after.name} (group ${after.groupId}) moved from topic "${before.topic}" to "${after.topic}": records still on the old topic are never read, and the group starts the new topic without committed offsets`,
    };
    for (const message of after.messages) add(message, f);
  }
  return out;
}

function compareMessage(before: MessageSnapshot, after: MessageSnapshot, at: string): ManifestFinding[] {
  const found: ManifestFinding[] = [];
  if (before.topic !== after.topic) {
    found.push({
      pointer: joinPointer(at, 'topic'),
      rule: 'TOPIC_RENAMED',
      breaking: true,
      message: `topic "${before.topic}" → "${after.topic}": consumers of the old topic stop receiving this message`,
    });
  }
  if (before.type !== after.type) {
    found.push({
      pointer: joinPointer(at, 'type'),
      rule: 'CLOUDEVENT_TYPE_CHANGED',
      breaking: true,
      message: `CloudEvent type "${before.type}" → "${after.type}": consumers that dispatch on the old type no longer recognise it`,
    });
  }
  const keyBefore = canonicalJson(before.partitionKey);
  const keyAfter = canonicalJson(after.partitionKey);
  if (keyBefore !== keyAfter && before.topic === after.topic) {
    found.push({
      pointer: joinPointer(at, 'partitionKey'),
      rule: 'PARTITION_KEY_STRATEGY_CHANGED',
      breaking: true,
      message: `partition key ${keyBefore} → ${keyAfter} on existing topic "${after.topic}": records of one entity land on other partitions and lose their order`,
    });
  }
  return found;
}
