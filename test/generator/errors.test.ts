import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { generate, KsdkCliError, type CliErrorCode } from '../../cli/src/index.js';
import { BIN, hashTree, project, writeFiles } from './helpers.js';

const SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string' }, customerId: { type: 'string' } },
};

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

interface BadCase {
  /** Files written over the valid project. */
  files: Record<string, string | object>;
  code: CliErrorCode;
  file: string;
  /** Expected line, when the problem has one. */
  line?: number;
  pointer?: string;
  message: RegExp;
}

/** One case per kind of bad input: each names file, line and field, and leaves the output folder as it was. */
const cases: Array<[string, BadCase]> = [
  [
    'malformed YAML',
    {
      files: { 'ksdk.yaml': 'source: urn:ksdk:test\nmessages:\n  OrderPlaced: { schema: schemas/order.json, topic: orders\n' },
      code: 'KSDK_MANIFEST_SYNTAX',
      file: 'ksdk.yaml',
      line: 4,
      message: /YAML syntax error/,
    },
  ],
  [
    'manifest violating its schema',
    {
      files: { 'ksdk.yaml': MANIFEST.replace('    topic: orders\n', '    topic: orders\n    partitionKey: { strategy: by-magic }\n') },
      code: 'KSDK_MANIFEST_INVALID',
      file: 'ksdk.yaml',
      line: 6,
      pointer: '/messages/OrderPlaced/partitionKey/strategy',
      message: /must be one of "message-id", "unique-key"/,
    },
  ],
  [
    'manifest with a misspelt field',
    {
      files: { 'ksdk.yaml': MANIFEST.replace('    groupId: order-processor', '    groupID: order-processor') },
      code: 'KSDK_MANIFEST_INVALID',
      file: 'ksdk.yaml',
      line: 12,
      pointer: '/subscriptions/0/groupID',
      message: /unknown field "groupID"; did you mean "groupId"\?/,
    },
  ],
  [
    'missing schema file',
    {
      files: { 'ksdk.yaml': MANIFEST.replace('schemas/order.json', 'schemas/ordr.json') },
      code: 'KSDK_SCHEMA_NOT_FOUND',
      file: 'ksdk.yaml',
      line: 4,
      pointer: '/messages/OrderPlaced/schema',
      message: /schema file schemas\/ordr\.json of message OrderPlaced not found/,
    },
  ],
  [
    'schema that is not valid JSON',
    {
      files: { 'schemas/order.json': '{\n  "type": "object",\n  "properties": { "name": { "type": "string" }, }\n}\n' },
      code: 'KSDK_SCHEMA_SYNTAX',
      file: 'schemas/order.json',
      line: 3,
      message: /not valid JSON/,
    },
  ],
  [
    'invalid JSON Schema',
    {
      files: { 'schemas/order.json': '{\n  "type": "object",\n  "properties": {\n    "name": { "type": "strin" }\n  }\n}\n' },
      code: 'KSDK_SCHEMA_INVALID',
      file: 'schemas/order.json',
      line: 4,
      pointer: '/properties/name/type',
      message: /invalid JSON Schema: must be equal to one of the allowed values/,
    },
  ],
  [
    'JSON Schema with an unknown keyword (ajv strict mode)',
    {
      files: { 'schemas/order.json': '{\n  "type": "object",\n  "properties": {\n    "name": { "type": "string", "formt": "email" }\n  }\n}\n' },
      code: 'KSDK_SCHEMA_INVALID',
      file: 'schemas/order.json',
      line: 4,
      pointer: '/properties/name/formt',
      message: /unknown keyword: "formt"/,
    },
  ],
  [
    'JSON Schema with an unknown format',
    {
      files: { 'schemas/order.json': '{\n  "type": "object",\n  "properties": {\n    "name": { "type": "string", "format": "e-mail" }\n  }\n}\n' },
      code: 'KSDK_SCHEMA_INVALID',
      file: 'schemas/order.json',
      line: 4,
      pointer: '/properties/name/format',
      message: /unknown format "e-mail"/,
    },
  ],
  [
    'unresolvable $ref (no such definition)',
    {
      files: {
        'schemas/order.json': '{\n  "type": "object",\n  "properties": {\n    "total": { "$ref": "common.json#/definitions/Mony" }\n  }\n}\n',
        'schemas/common.json': { definitions: { Money: { type: 'number' } } },
      },
      code: 'KSDK_REF_UNRESOLVED',
      file: 'schemas/order.json',
      line: 4,
      pointer: '/properties/total/$ref',
      message: /cannot resolve \$ref "common\.json#\/definitions\/Mony": schemas\/common\.json has nothing at "\/definitions\/Mony"/,
    },
  ],
  [
    'unresolvable $ref (no such file)',
    {
      files: { 'schemas/order.json': '{\n  "type": "object",\n  "properties": {\n    "total": { "$ref": "comon.json#/definitions/Money" }\n  }\n}\n' },
      code: 'KSDK_REF_UNRESOLVED',
      file: 'schemas/order.json',
      line: 4,
      pointer: '/properties/total/$ref',
      message: /file schemas\/comon\.json not found/,
    },
  ],
  [
    'remote $ref',
    {
      files: { 'schemas/order.json': '{\n  "type": "object",\n  "properties": {\n    "total": { "$ref": "https://example.com/money.json" }\n  }\n}\n' },
      code: 'KSDK_REF_REMOTE',
      file: 'schemas/order.json',
      line: 4,
      pointer: '/properties/total/$ref',
      message: /remote \$ref "https:\/\/example\.com\/money\.json" refused.*--allow-remote-refs/,
    },
  ],
  [
    'duplicate message names',
    {
      files: { 'ksdk.yaml': MANIFEST.replace('producers:', '  OrderPlaced:\n    schema: schemas/order.json\n    topic: other\nproducers:') },
      code: 'KSDK_DUPLICATE_MESSAGE',
      file: 'ksdk.yaml',
      line: 6,
      pointer: '/messages/OrderPlaced',
      message: /message "OrderPlaced" is declared twice/,
    },
  ],
  [
    'subscription naming an unknown message',
    {
      files: { 'ksdk.yaml': MANIFEST.replace('    message: OrderPlaced', '    message: OrderPlacd') },
      code: 'KSDK_UNKNOWN_MESSAGE',
      file: 'ksdk.yaml',
      line: 11,
      pointer: '/subscriptions/0/message',
      message: /subscription orderProcessor names unknown message "OrderPlacd"; declared messages: OrderPlaced/,
    },
  ],
  [
    'producer naming an unknown message',
    {
      files: { 'ksdk.yaml': MANIFEST.replace('messages: [OrderPlaced]', 'messages: [OrderPlaced, OrderShipped]') },
      code: 'KSDK_UNKNOWN_MESSAGE',
      file: 'ksdk.yaml',
      line: 8,
      pointer: '/producers/OrderProducer/messages/1',
      message: /producer OrderProducer names unknown message "OrderShipped"/,
    },
  ],
  [
    'output path outside the project',
    {
      files: { 'ksdk.yaml': `output: ../outside\n${MANIFEST}` },
      code: 'KSDK_OUTPUT_OUTSIDE_PROJECT',
      file: 'ksdk.yaml',
      line: 1,
      pointer: '/output',
      message: /resolves to a folder outside the project/,
    },
  ],
  [
    'reserved property name in a message schema',
    {
      files: { 'schemas/order.json': '{\n  "type": "object",\n  "properties": {\n    "name": { "type": "string" },\n    "tenant": { "type": "string" }\n  }\n}\n' },
      code: 'KSDK_RESERVED_PROPERTY',
      file: 'schemas/order.json',
      line: 5,
      pointer: '/properties/tenant',
      message: /property "tenant" of message OrderPlaced is reserved/,
    },
  ],
  [
    'partition-key property the schema does not have',
    {
      files: { 'ksdk.yaml': MANIFEST.replace('    topic: orders\n', '    topic: orders\n    partitionKey: { strategy: property, property: customerID }\n') },
      code: 'KSDK_UNKNOWN_PROPERTY',
      file: 'ksdk.yaml',
      line: 6,
      pointer: '/messages/OrderPlaced/partitionKey/property',
      message: /partition-key property "customerID" is not a property of message OrderPlaced .*known: customerId, name/,
    },
  ],
];

describe('bad input', () => {
  let dir: string;
  let output: string;
  let before: string;

  beforeEach(async () => {
    dir = await project({ 'ksdk.yaml': MANIFEST, 'schemas/order.json': SCHEMA, 'package.json': { type: 'module' } });
    await generate('ksdk.yaml', { cwd: dir });
    output = path.join(dir, 'src/generated');
    before = await hashTree(output);
  });

  it.each(cases)('%s', async (_name, c) => {
    await writeFiles(dir, c.files);
    const error = await generate('ksdk.yaml', { cwd: dir }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(KsdkCliError);
    const e = error as KsdkCliError;
    expect(e.code).toBe(c.code);
    // The issue this case is about (a manifest error may come with others, e.g. a missing field next to a misspelt one).
    const issue = e.issues.find((i) => c.message.test(i.message));
    expect(issue, e.message).toBeDefined();
    expect(issue?.file).toBe(c.file);
    if (c.line !== undefined) expect(issue?.line).toBe(c.line);
    if (c.pointer !== undefined) expect(issue?.pointer).toBe(c.pointer);
    // The message names file:line:column and field, as the CLI prints it.
    const where = `${c.file}${c.line === undefined ? '' : `:${c.line}:`}`;
    expect(e.message.split('\n').some((l) => l.startsWith(where) && c.message.test(l) && (c.pointer === undefined || l.includes(` ${c.pointer}: `)))).toBe(true);
    expect(await hashTree(output)).toBe(before);
    expect(existsSync(path.join(dir, '../outside'))).toBe(false);
  });

  it('through the bin: a non-zero exit code, the error on stderr, the output folder as it was', async () => {
    await writeFiles(dir, { 'ksdk.yaml': MANIFEST.replace('    message: OrderPlaced', '    message: OrderPlacd') });
    const run = spawnSync(process.execPath, [BIN, 'generate', '--cwd', dir], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('\n  ksdk.yaml:11:14 /subscriptions/0/message: subscription orderProcessor names unknown message "OrderPlacd"; declared messages: OrderPlaced\n');
    expect(run.stderr).toContain('KSDK_UNKNOWN_MESSAGE');
    expect(await hashTree(output)).toBe(before);
  });

  it('--json reports the code and every located issue', async () => {
    await writeFiles(dir, { 'ksdk.yaml': MANIFEST.replace('    groupId: order-processor', '    groupID: order-processor') });
    const run = spawnSync(process.execPath, [BIN, 'generate', '--cwd', dir, '--json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status).toBe(2);
    const body = JSON.parse(run.stdout) as { error: { code: string; issues: Array<{ file: string; line: number; pointer: string }> } };
    expect(body.error.code).toBe('KSDK_MANIFEST_INVALID');
    expect(body.error.issues).toContainEqual(expect.objectContaining({ file: 'ksdk.yaml', line: 12, pointer: '/subscriptions/0/groupID' }));
  });

  it('a JSON manifest: duplicate message names are caught too (JSON.parse would keep the last silently)', async () => {
    const json = '{\n  "source": "urn:ksdk:test",\n  "messages": {\n    "OrderPlaced": { "schema": "schemas/order.json", "topic": "a" },\n    "OrderPlaced": { "schema": "schemas/order.json", "topic": "b" }\n  }\n}\n';
    await writeFiles(dir, { 'ksdk.json': json });
    const error = (await generate('ksdk.json', { cwd: dir }).catch((e: unknown) => e)) as KsdkCliError;
    expect(error.code).toBe('KSDK_DUPLICATE_MESSAGE');
    expect(error.message).toBe('ksdk.json:5:5 /messages/OrderPlaced: message "OrderPlaced" is declared twice');
    expect(await hashTree(output)).toBe(before);
  });

  it('warnings (ajv strictTypes) are reported with file, line and field, and do not fail the run', async () => {
    await writeFiles(dir, { 'schemas/order.json': '{\n  "type": "object",\n  "properties": {\n    "name": { "properties": { "a": { "type": "string" } } }\n  }\n}\n' });
    const result = await generate('ksdk.yaml', { cwd: dir });
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ file: 'schemas/order.json', line: 4, pointer: '/properties/name', message: expect.stringMatching(/missing type "object" for keyword "properties"/) }),
    );
  });
});
