/**
 * Names JavaScript or the generated code treats specially (issue 13, item 5):
 * `__proto__`, `constructor`, `prototype` as topic names, subscription names,
 * schema property names and map keys; message and producer names that clash
 * with what the generated code imports or relies on (`Promise`, `KsdkProducer`,
 * `MessageMetadata`, ...). Each is either refused at generate time with a
 * located error, or emitted correctly: compiled with tsc and checked at run
 * time. Never dropped silently, never left to fail in tsc.
 */
import path from 'node:path';
import { RUNTIME_IMPORTS } from '@ksdk/templates/reservedNames';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generate, KsdkCliError, type CliErrorCode } from '../../cli/src/index.js';
import { hashTree, project, readTree, tempDir, writeFiles } from './helpers.js';
import { compileAndImport } from './runGenerated.js';

const SCHEMA = { type: 'object', properties: { name: { type: 'string' } } };
const MANIFEST = `source: urn:ksdk:test
messages:
  OrderPlaced:
    schema: schemas/order.json
    topic: orders
producers:
  OrderProducer:
    messages: [OrderPlaced]
subscriptions:
  - name: orderProcessor
    message: OrderPlaced
    groupId: order-processor
`;

const renameMessage = (name: string): Record<string, string> => ({ 'ksdk.yaml': MANIFEST.replaceAll('OrderPlaced', name) });

/** Refused: [name, files written over the valid project, code, file, line, pointer, message]. */
const refused: Array<[string, Record<string, string | object>, CliErrorCode, string, number, string, RegExp]> = [
  ['message Promise (a global the generated code uses)', renameMessage('Promise'), 'KSDK_RESERVED_NAME', 'ksdk.yaml', 3, '/messages/Promise', /message Promise would generate "Promise", a reserved name \(the global Promise/],
  ['message KsdkProducer (a runtime import)', renameMessage('KsdkProducer'), 'KSDK_RESERVED_NAME', 'ksdk.yaml', 3, '/messages/KsdkProducer', /imported from @ksdk\/runtime by the generated code/],
  ['message MessageMetadata', renameMessage('MessageMetadata'), 'KSDK_RESERVED_NAME', 'ksdk.yaml', 3, '/messages/MessageMetadata', /imported from @ksdk\/runtime/],
  ['message Error', renameMessage('Error'), 'KSDK_RESERVED_NAME', 'ksdk.yaml', 3, '/messages/Error', /the global Error/],
  ['message NewMessage', renameMessage('NewMessage'), 'KSDK_RESERVED_NAME', 'ksdk.yaml', 3, '/messages/NewMessage', /imported from @ksdk\/runtime/],
  ['message Readonly', renameMessage('Readonly'), 'KSDK_RESERVED_NAME', 'ksdk.yaml', 3, '/messages/Readonly', /the global Readonly/],
  ['message TopicMessages (a generated declaration)', renameMessage('TopicMessages'), 'KSDK_RESERVED_NAME', 'ksdk.yaml', 3, '/messages/TopicMessages', /declared by every generated client/],
  ['message TopicSpec', renameMessage('TopicSpec'), 'KSDK_RESERVED_NAME', 'ksdk.yaml', 3, '/messages/TopicSpec', /imported from @ksdk\/runtime/],
  [
    'producer PublishResult',
    { 'ksdk.yaml': MANIFEST.replace('OrderProducer', 'PublishResult') },
    'KSDK_RESERVED_NAME',
    'ksdk.yaml',
    7,
    '/producers/PublishResult',
    /producer PublishResult would generate "PublishResult", a reserved name/,
  ],
  ['producer Promise', { 'ksdk.yaml': MANIFEST.replace('OrderProducer', 'Promise') }, 'KSDK_RESERVED_NAME', 'ksdk.yaml', 7, '/producers/Promise', /the global Promise/],
  [
    'subscription "message" (its handler would be MessageHandler)',
    { 'ksdk.yaml': MANIFEST.replace('name: orderProcessor', 'name: message') },
    'KSDK_RESERVED_NAME',
    'ksdk.yaml',
    10,
    '/subscriptions/0/name',
    /subscription message would generate "MessageHandler", a reserved name/,
  ],
  [
    'schema property __proto__',
    { 'schemas/order.json': '{\n  "type": "object",\n  "properties": {\n    "__proto__": { "type": "string" }\n  }\n}\n' },
    'KSDK_RESERVED_PROPERTY',
    'schemas/order.json',
    4,
    '/properties/__proto__',
    /"__proto__" cannot be a name in a schema/,
  ],
  [
    'definition named __proto__',
    { 'schemas/order.json': '{\n  "type": "object",\n  "definitions": {\n    "__proto__": { "type": "string" }\n  }\n}\n' },
    'KSDK_RESERVED_PROPERTY',
    'schemas/order.json',
    4,
    '/definitions/__proto__',
    /"__proto__" cannot be a name in a schema/,
  ],
  [
    'pattern property (map key) __proto__',
    { 'schemas/order.json': '{\n  "type": "object",\n  "properties": { "m": { "type": "object", "patternProperties": {\n    "__proto__": { "type": "string" } } } }\n}\n' },
    'KSDK_RESERVED_PROPERTY',
    'schemas/order.json',
    4,
    '/properties/m/patternProperties/__proto__',
    /"__proto__" cannot be a name in a schema/,
  ],
];

describe('names that would clash are refused with a located error', () => {
  let dir: string;
  let before: string;

  beforeEach(async () => {
    dir = await project({ 'ksdk.yaml': MANIFEST, 'schemas/order.json': SCHEMA, 'package.json': { type: 'module' } });
    await generate('ksdk.yaml', { cwd: dir });
    before = await hashTree(path.join(dir, 'src/generated'));
  });

  it.each(refused)('%s', async (_name, files, code, file, line, pointer, message) => {
    await writeFiles(dir, files);
    const error = await generate('ksdk.yaml', { cwd: dir }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(KsdkCliError);
    const e = error as KsdkCliError;
    expect(e.code, e.message).toBe(code);
    expect(e.issues.find((i) => message.test(i.message)), e.message).toMatchObject({ file, line, pointer });
    expect(await hashTree(path.join(dir, 'src/generated'))).toBe(before);
  });
});

/** Topic, subscription and property names that are legal and must come out working. */
const SPECIAL = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

describe('special names that are legal are emitted correctly', () => {
  let root: string;
  let outcome: Awaited<ReturnType<typeof compileAndImport>>;

  beforeAll(async () => {
    root = await tempDir('ksdk-names-');
    const dir = path.join(root, 'app');
    const properties = Object.fromEntries(SPECIAL.filter((n) => n !== '__proto__').map((n) => [n, { type: 'string' }]));
    const manifest = [
      'source: urn:ksdk:test',
      'messages:',
      // A global that is not reserved: emitted as it is.
      '  Event:',
      '    schema: schemas/event.json',
      '    topic: __proto__',
      ...SPECIAL.slice(1).flatMap((t, i) => [`  Event${i}:`, '    schema: schemas/event.json', `    topic: ${t}`, `    type: event.${i}`]),
      'topics:',
      '  __proto__: { partitions: 3 }',
      '  constructor: { partitions: 2 }',
      'producers:',
      '  EventProducer:',
      '    messages: [Event]',
      'subscriptions:',
      ...['constructor', 'toString', 'valueOf'].flatMap((name, i) => [`  - name: ${name}`, `    message: ${i === 0 ? 'Event' : `Event${i}`}`, `    groupId: g-${name}`]),
      '',
    ].join('\n');
    await writeFiles(dir, { 'ksdk.yaml': manifest, 'schemas/event.json': { type: 'object', required: Object.keys(properties), properties } });
    await generate('ksdk.yaml', { cwd: dir });
    const body = Object.fromEntries(Object.keys(properties).map((n) => [n, 'x']));
    outcome = await compileAndImport(
      root,
      [path.join(dir, 'src/generated')],
      `const [c] = clients;
       const body = ${JSON.stringify(body)};
       result = {
         topicKeys: Object.getOwnPropertyNames(c.topics).sort(),
         topicsPrototypeIntact: Object.getPrototypeOf(c.topics) === Object.prototype,
         protoTopic: c.topics['__proto__'] && { name: c.topics['__proto__'].name, partitions: c.topics['__proto__'].partitions, messages: c.topics['__proto__'].messages.map((m) => m.name) },
         eventTopic: c.messages.Event.topic,
         specs: Object.getOwnPropertyNames(c.subscriptionSpecs).sort().map((n) => [n, c.subscriptionSpecs[n].name, c.subscriptionSpecs[n].topic]),
         accepts: c.messages.Event.validate(body),
         rejectsInherited: c.messages.Event.validate({}),
       };`,
    );
  }, 120_000);

  it('compiles under tsc --strict and imports', () => {
    expect(outcome.tsc).toBe('');
    expect(outcome.importErrors).toEqual([]);
  });

  it('a topic named __proto__ is a real entry of `topics`, not the prototype', () => {
    const r = outcome.result as Record<string, unknown>;
    expect(r.topicKeys).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'prototype', 'toString', 'valueOf']);
    expect(r.topicsPrototypeIntact).toBe(true);
    expect(r.protoTopic).toEqual({ name: '__proto__', partitions: 3, messages: ['Event'] });
    expect(r.eventTopic).toBe('__proto__');
  });

  it('subscriptions named constructor, toString and valueOf are their own entries', () => {
    expect((outcome.result as { specs: unknown }).specs).toEqual([
      ['constructor', 'constructor', '__proto__'],
      ['toString', 'toString', 'prototype'],
      ['valueOf', 'valueOf', 'toString'],
    ]);
  });

  it('properties named constructor, prototype, toString... are required as own properties (an empty object has them only inherited)', () => {
    const r = outcome.result as { accepts: boolean; rejectsInherited: boolean };
    expect(r.accepts).toBe(true);
    expect(r.rejectsInherited).toBe(false);
  });
});

describe('the reserved runtime names are the ones generated code imports', () => {
  it('every name a rich client imports from @ksdk/runtime (and /codegen) is in RUNTIME_IMPORTS', async () => {
    const strategies = [
      '{ strategy: message-id }',
      '{ strategy: unique-key }',
      '{ strategy: round-robin }',
      '{ strategy: sticky, duration: 1s }',
      '{ strategy: time-window, window: 1m }',
      '{ strategy: property, property: name }',
      '{ strategy: murmur3, property: name }',
      '{ strategy: custom, module: src/keys.ts, export: key }',
    ];
    const manifest = [
      'source: urn:ksdk:test',
      'messages:',
      ...strategies.flatMap((s, i) => [`  M${i}:`, '    schema: schemas/order.json', '    topic: orders', `    partitionKey: ${s}`]),
      'producers:',
      '  P:',
      `    messages: [${strategies.map((_, i) => `M${i}`).join(', ')}]`,
      'subscriptions:',
      '  - name: one',
      '    message: M0',
      '    groupId: g1',
      '  - name: several',
      '    messages: [M0, M1]',
      '    groupId: g2',
      '',
    ].join('\n');
    const dir = await project({ 'ksdk.yaml': manifest, 'schemas/order.json': SCHEMA, 'src/keys.ts': 'export const key = (): string => "k";\n' });
    await generate('ksdk.yaml', { cwd: dir });
    const imported = new Set<string>();
    for (const text of (await readTree(path.join(dir, 'src/generated'))).values()) {
      for (const [, names] of text.matchAll(/import (?:type )?\{([^}]*)\} from '@ksdk\/runtime(?:\/codegen)?'/g)) {
        for (const n of names!.split(',')) imported.add(n.trim().replace(/^type /, ''));
      }
    }
    expect([...imported].filter((n) => !RUNTIME_IMPORTS.includes(n))).toEqual([]);
    // A rich client imports every name of the symbols table.
    expect([...imported].sort()).toEqual([...RUNTIME_IMPORTS]);
  });
});
