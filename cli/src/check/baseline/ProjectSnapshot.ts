import type { Project } from '../../manifest/loadProject.js';
import type { PartitionKeyModel } from '../../manifest/ProjectModel.js';
import { KsdkCliError } from '../../errors/KsdkCliError.js';
import { parseCompatibilityMode, type CompatibilityMode } from '../CompatibilityMode.js';
import { isJsonObject, type JsonSchema, type JsonValue } from '../../schema/JsonSchema.js';

/** A message's compatibility settings as the manifest (or a lock file) states them; absent = inherit. */
export interface CompatibilitySetting {
  readonly mode?: CompatibilityMode;
  readonly lenient?: boolean;
}

/** An earlier version of a message schema, for the transitive modes. */
export interface SchemaHistoryEntry {
  /** How reports name it: `v2`, a short commit hash. */
  readonly label: string;
  readonly schema: JsonSchema;
}

/** What `ksdk check` compares of one message. */
export interface MessageSnapshot {
  readonly name: string;
  /** Schema path relative to the project, `/`-separated. */
  readonly schemaFile: string;
  /** Self-contained schema: every referenced file embedded, every `$ref` local. */
  readonly schema: JsonSchema;
  readonly topic: string;
  /** CloudEvents `type`, defaults applied. */
  readonly type: string;
  /** Partition-key strategy and its parameters; `message-id` when the manifest says nothing. */
  readonly partitionKey: { readonly [key: string]: JsonValue };
  readonly compatibility?: CompatibilitySetting;
  /** Earlier versions, oldest first (filled for transitive modes when the baseline has them). */
  readonly history: readonly SchemaHistoryEntry[];
  /** How reports name this version of the schema (`v3`, a commit); absent for the working tree. */
  readonly label?: string;
}

export interface SubscriptionSnapshot {
  readonly name: string;
  readonly topic: string;
  readonly messages: readonly string[];
  readonly groupId: string;
}

/**
 * The facts `ksdk check` compares, whatever they were read from: the working tree,
 * another checkout, a git revision or a lock file. Deliberately small, so that the
 * check engine does not depend on the shape of the manifest loader.
 */
export interface ProjectSnapshot {
  readonly compatibility: CompatibilitySetting;
  /** By message name. */
  readonly messages: ReadonlyMap<string, MessageSnapshot>;
  readonly subscriptions: readonly SubscriptionSnapshot[];
}

/** Turns a loaded project into a snapshot (the manifest loader's `Project` → check facts). */
export function snapshotFromProject(project: Project): ProjectSnapshot {
  const messages = new Map<string, MessageSnapshot>();
  for (const m of project.model.messages) {
    const bundle = project.schemas.get(m.name);
    const schema = bundle?.schema;
    if (typeof schema !== 'boolean' && !isJsonObject(schema)) {
      throw new KsdkCliError('KSDK_SCHEMA_INVALID', { file: m.schemaDisplay, message: `message ${m.name}: its schema is not a JSON Schema` });
    }
    messages.set(m.name, {
      name: m.name,
      schemaFile: m.schemaDisplay,
      schema: schema as JsonSchema,
      topic: m.topic,
      type: m.type,
      partitionKey: partitionKeyFacts(m.partitionKey),
      ...(m.compatibility === undefined ? {} : { compatibility: setting(m.compatibility, `messages.${m.name}.compatibility`) }),
      history: [],
    });
  }
  return {
    compatibility: project.model.compatibility === undefined ? {} : setting(project.model.compatibility, 'compatibility'),
    messages,
    subscriptions: project.model.subscriptions.map((s) => ({ name: s.name, topic: s.topic, messages: [...s.messages], groupId: s.groupId })),
  };
}

function setting(c: { mode: string | undefined; lenient: boolean | undefined }, where: string): CompatibilitySetting {
  return {
    ...(c.mode === undefined ? {} : { mode: parseCompatibilityMode(c.mode, `mode in ${where}`) }),
    ...(c.lenient === undefined ? {} : { lenient: c.lenient }),
  };
}

/** The strategy and what decides the key; settings that do not move keys (a sticky duration) are kept too. */
function partitionKeyFacts(key: PartitionKeyModel | undefined): { [key: string]: JsonValue } {
  if (key === undefined) return { strategy: 'message-id' };
  return { ...key } as { [key: string]: JsonValue };
}
