// Generated declaration names (issue 16): every name the generated code declares or
// refers to comes from one function, `typeName`, whose names json-schema-to-typescript
// keeps as they are. A message named `OrderA1b` once generated `OrderA1bData` in the
// producer but `OrderA1BData` in the type module, and tsc failed.
import path from 'node:path';
import { toSafeString } from 'json-schema-to-typescript/dist/src/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../cli/src/index.js';
import { dataTypeName, handlerTypeName, typeName } from '../../cli/src/util/naming.js';
import { tempDir, writeFiles } from './helpers.js';
import { compileAndImport } from './runGenerated.js';

/** [what the name comes from, the text, the declaration name]. */
const NAMES: Array<[string, string, string]> = [
  ['digit then lower-case', 'OrderA1b', 'OrderA1B'],
  ['digits then a word', 'Order2go', 'Order2Go'],
  ['digits between letters', 'A1b2c3', 'A1B2C3'],
  ['ends in a digit', 'V2', 'V2'],
  ['acronym', 'HTTPRequest', 'HTTPRequest'],
  ['acronym at the end', 'OrderID', 'OrderID'],
  ['one letter', 'X', 'X'],
  ['leading lower-case', 'orderProcessor', 'OrderProcessor'],
  ['leading lower-case and digit', 's3uploader', 'S3Uploader'],
  ['snake_case', 'line_item', 'LineItem'],
  ['leading underscore', '_private', 'Private'],
  ['underscore after a digit', 'v2_item', 'V2Item'],
  ['kebab-case file stem', 'order-line', 'OrderLine'],
  ['leading digit', '2fa code', 'T2FaCode'],
  ['accented letters', 'éclair_crème', 'EclairCreme'],
  ['nothing usable', '---', 'Unnamed'],
];

describe('typeName', () => {
  it.each(NAMES)('%s: %s → %s', (_what, text, want) => {
    expect(typeName(text)).toBe(want);
  });

  it.each(NAMES)('%s: json-schema-to-typescript keeps %s as typeName writes it', (_what, text) => {
    const name = typeName(text);
    expect(toSafeString(name)).toBe(name);
    expect(typeName(name)).toBe(name);
    expect(name).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
  });

  it('names message bodies and handlers with it', () => {
    expect(dataTypeName('OrderA1b')).toBe('OrderA1BData');
    expect(dataTypeName('OrderPlaced')).toBe('OrderPlacedData');
    expect(handlerTypeName('s3uploader')).toBe('S3UploaderHandler');
    expect(handlerTypeName('orderProcessor')).toBe('OrderProcessorHandler');
  });
});

/** Messages (the manifest allows `[A-Z][A-Za-z0-9]*`) and subscriptions (`[A-Za-z][A-Za-z0-9]*`) with awkward names. */
const MESSAGES = ['OrderA1b', 'Order2go', 'A1b2c3', 'V2', 'HTTPRequest', 'OrderID', 'X'];
const SUBSCRIPTIONS = ['orderProcessor', 's3uploader', 'x', 'HTTPHandler', 'v2orders2b'];

describe('a project whose names have digits, underscores, leading lower-case letters and acronyms', () => {
  let outcome: Awaited<ReturnType<typeof compileAndImport>>;
  let declared: string[];

  beforeAll(async () => {
    const root = await tempDir('ksdk-type-names-');
    const dir = path.join(root, 'app');
    // Shared definitions whose keys, titles and file stem need renaming.
    const common = {
      $defs: {
        line_item: { type: 'object', properties: { sku: { type: 'string' } } },
        _private: { type: 'string' },
        v2_item: { type: 'integer' },
        money1b: { title: 'money 1b', type: 'number' },
        httpURL: { type: 'string' },
      },
    };
    const body = (i: number) => ({
      type: 'object',
      required: ['n'],
      properties: {
        n: { type: 'string' },
        line: { $ref: 'order_line2b.schema.json#/$defs/line_item' },
        hidden: { $ref: 'order_line2b.schema.json#/$defs/_private' },
        item: { $ref: 'order_line2b.schema.json#/$defs/v2_item' },
        amount: { $ref: 'order_line2b.schema.json#/$defs/money1b' },
        url: { $ref: 'order_line2b.schema.json#/$defs/httpURL' },
        whole: { $ref: 'order_line2b.schema.json' },
        titled: { title: `step ${i}a`, type: 'object', properties: { at: { type: 'string' } } },
      },
    });
    const manifest = [
      'source: urn:ksdk:test',
      'messages:',
      ...MESSAGES.flatMap((m, i) => [`  ${m}:`, `    schema: schemas/m${i}.json`, `    topic: t-${i}`]),
      'producers:',
      '  Producer1b:',
      `    messages: [${MESSAGES.join(', ')}]`,
      'subscriptions:',
      ...SUBSCRIPTIONS.flatMap((s, i) => [`  - name: ${s}`, `    message: ${MESSAGES[i % MESSAGES.length]}`, `    groupId: g-${i}`]),
      '',
    ].join('\n');
    await writeFiles(dir, {
      'ksdk.yaml': manifest,
      'schemas/order_line2b.schema.json': common,
      ...Object.fromEntries(MESSAGES.map((_m, i) => [`schemas/m${i}.json`, body(i)])),
    });
    await generate('ksdk.yaml', { cwd: dir });

    // Names the app refers to: tsc fails on any the generated code does not declare.
    declared = [
      ...MESSAGES.flatMap((m) => [m, dataTypeName(m)]),
      ...SUBSCRIPTIONS.map(handlerTypeName),
      'LineItem',
      'Private',
      'V2Item',
      'Money1B',
      'HttpURL',
      'OrderLine2B',
      'Step0A',
      'Producer1b',
    ];
    await writeFiles(dir, {
      'src/index.ts': [
        `import type { ${declared.join(', ')} } from './generated/index.js';`,
        `export type Declared = [${declared.join(', ')}];`,
        `export const body: ${dataTypeName('OrderA1b')} = { n: 'x', amount: 1, line: { sku: 'a' }, titled: { at: 'b' } };`,
        `export * as client from './generated/index.js';`,
        '',
      ].join('\n'),
    });
    outcome = await compileAndImport(
      root,
      [path.join(dir, 'src')],
      `const [app] = clients;
       result = { messages: Object.keys(app.client.messages).sort(), accepts: app.client.messages.OrderA1b.validate(app.body) };`,
    );
  }, 180_000);

  it('declares every name the code refers to: tsc --strict compiles the client and an app using them', () => {
    expect(declared).toContain('OrderA1BData');
    expect(declared).toContain('S3UploaderHandler');
    expect(outcome.tsc).toBe('');
  });

  it('imports and runs', () => {
    expect(outcome.importErrors).toEqual([]);
    expect(outcome.result).toEqual({ messages: [...MESSAGES].sort(), accepts: true });
  });
});
