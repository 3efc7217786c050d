import type { SymbolName } from '@ksdk/runtime/codegen';
import { StructureKind, VariableDeclarationKind, type WriterFunction } from 'ts-morph';
import { array, doc, ident, key, literal, member, moduleSpecifier, object, str, ts, union, type Code, type Entry } from './lib/code.js';
import { emitFile, type Statement } from './lib/emit.js';
import { importPath, messageModule, validatorName, VALIDATORS_MODULE } from './lib/modules.js';
import { runtimeImports } from './lib/runtimeImports.js';
import type { ClientCodeModel, GeneratedFile, MessageTemplate, PartitionKeyTemplate, TopicTemplate } from './model.js';

const STRATEGY_FACTORY: Record<PartitionKeyTemplate['strategy'], SymbolName> = {
  'message-id': 'byMessageId',
  'unique-key': 'byUniqueKey',
  'round-robin': 'roundRobin',
  sticky: 'sticky',
  'time-window': 'timeWindow',
  property: 'byProperty',
  murmur3: 'murmur3',
  custom: 'custom',
};

/**
 * `registry.ts`: one `MessageDescriptor` per message (name, CloudEvents type,
 * topic, precompiled validator, partition-key strategy) and the typed topic
 * registry (topic name → the union of the message types it carries, and the
 * settings the manifest declares for it).
 */
export function renderRegistryFile(model: ClientCodeModel): GeneratedFile {
  const path = 'registry.ts';
  const factories = [...new Set(model.messages.flatMap((m) => (m.partitionKey ? [STRATEGY_FACTORY[m.partitionKey.strategy]] : [])))].sort();
  const content = emitFile(path, model.manifest, [
    ...runtimeImports([...factories, 'MessageDescriptor', 'TopicDescriptor', 'TopicSpec']),
    ...model.messages.map((m): Statement => ({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: importPath(path, messageModule(m.name)), namedImports: [ident(m.name)] })),
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: importPath(path, VALIDATORS_MODULE), namedImports: model.messages.map((m) => validatorName(m.name)) },
    ...model.messages.flatMap((m): Statement[] =>
      m.partitionKey?.strategy === 'custom'
        ? [
            {
              kind: StructureKind.ImportDeclaration,
              moduleSpecifier: moduleSpecifier(m.partitionKey.module),
              namedImports: [{ name: ident(m.partitionKey.exportName), alias: customKeyName(m) }],
            },
          ]
        : [],
    ),
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: 'MessageTypes',
      docs: ['Every message type of this client, by manifest name.'],
      properties: model.messages.map((m) => ({ name: ident(m.name), type: ident(m.name) })),
    },
    { kind: StructureKind.TypeAlias, isExported: true, name: 'MessageName', type: 'keyof MessageTypes', docs: ['A message name from the manifest.'] },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: ['What the runtime needs to publish, validate and decode each message. The descriptor carries the message type.'],
      declarations: [
        {
          name: 'messages',
          type: '{ readonly [N in MessageName]: MessageDescriptor<MessageTypes[N]> }',
          initializer: object(model.messages.map((m): Entry => [m.name, descriptor(m)])),
        },
      ],
    },
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: 'TopicMessages',
      docs: ['The message types each topic carries, by topic name: what a typed `to(topic)` accepts.'],
      properties: model.topics.map((t) => ({ name: key(t.name), type: union(t.messages.map(ident)) })),
    },
    { kind: StructureKind.TypeAlias, isExported: true, name: 'TopicName', type: 'keyof TopicMessages', docs: ['A topic of this client (see `topics`).'] },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        doc`Every topic this client publishes to, reads, forwards or dead-letters to, with the messages it carries
(what \`app.stream(topic)\` reads and \`to(topic)\` writes) and the settings the manifest declares for it
(what \`ensureTopics(factory, Object.values(topics))\` and \`ksdk topics apply\` create it with).`,
      ],
      declarations: [
        {
          name: 'topics',
          type: '{ readonly [N in TopicName]: TopicDescriptor<TopicMessages[N]> & TopicSpec & { readonly name: N; } }',
          initializer: object(model.topics.map((t): Entry => [t.name, topic(t)])),
        },
      ],
    },
  ]);
  return { path, content };
}

function topic(t: TopicTemplate): WriterFunction {
  const entries: Entry[] = [
    ['name', str(t.name)],
    ['messages', array(t.messages.map((m) => member(ident('messages'), m)))],
  ];
  if (t.partitions !== undefined) entries.push(['partitions', literal(t.partitions)]);
  if (t.replicationFactor !== undefined) entries.push(['replicationFactor', literal(t.replicationFactor)]);
  if (Object.keys(t.config).length > 0) entries.push(['config', literal(t.config)]);
  if (t.deadLetter) entries.push(['deadLetter', literal(true)]);
  return object(entries);
}

function customKeyName(m: MessageTemplate): Code {
  return ts`${ident(m.name.replace(/^./, (c) => c.toLowerCase()))}PartitionKey`;
}

function descriptor(m: MessageTemplate): WriterFunction {
  const entries: Entry[] = [
    ['name', str(m.name)],
    ['type', str(m.cloudEventType)],
  ];
  if (m.subject !== undefined) entries.push(['subject', str(m.subject)]);
  entries.push(['topic', str(m.topic)], ['validate', validatorName(m.name)]);
  if (m.partitionKey) entries.push(['partitionKey', strategyCall(m, m.partitionKey)]);
  return object(entries);
}

function strategyCall(m: MessageTemplate, key: PartitionKeyTemplate): Code {
  const factory = ident(STRATEGY_FACTORY[key.strategy]);
  const type = ident(m.name);
  switch (key.strategy) {
    case 'message-id':
    case 'unique-key':
    case 'round-robin':
      return ts`${factory}<${type}>()`;
    case 'sticky':
      return ts`${factory}<${type}>(${key.durationMs})`;
    case 'time-window':
      return ts`${factory}<${type}>(${key.windowMs})`;
    case 'property':
    case 'murmur3':
      return ts`${factory}<${type}>(${str(key.property)})`;
    case 'custom':
      return ts`${factory}<${type}>(${customKeyName(m)})`;
  }
}
