/**
 * Text from a manifest or a schema never becomes code (issue 13, item 1).
 *
 * Every field that reaches generated code carries payloads that try to leave
 * the place the text lands in (a doc comment, a line comment, a string literal,
 * a template literal) and run `(globalThis.__ksdkPwned ??= []).push(label)`. The
 * projects are generated, compiled with plain `tsc --strict`, and every client's
 * index is imported in a child `node`: tsc must pass, no label may be pushed,
 * and each payload must still be in the output as text (it was not dropped).
 * Fields with a grammar (CloudEvents type, group id, topic, names, module paths,
 * URI references) refuse such text with a located error instead.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generate, KsdkCliError } from '../../cli/src/index.js';
import { hashTree, project, readTree, tempDir, writeFiles } from './helpers.js';
import { compileAndImport } from './runGenerated.js';

const run = (label: string): string => `(globalThis.__ksdkPwned??=[]).push('${label}')`;

/** Ways out of the places text lands in. Each payload keeps the label readable, so the test can find it in the output. */
const STYLES: Array<[name: string, payload: (label: string) => string]> = [
  // The payload of the issue: closes a doc comment, declares, runs, reopens one.
  ['block comment', (l) => `com.example */ interface Pwn {} ${run(l)}; /** x`],
  // json-schema-to-typescript escapes the first `*/` of a pattern only.
  ['block comment twice', (l) => `a*/b*/ ${run(l)}; /*`],
  ['single quote', (l) => `x'; ${run(l)}; '`],
  ['double quote', (l) => `x"; ${run(l)}; "`],
  ['backslash and quote', (l) => `x\\'; ${run(l)}; //`],
  ['template literal', (l) => `x\`; ${run(l)}; \` \${${run(l)}}`],
  ['line separator', (l) => `x\u2028${run(l)};//`],
  ['paragraph separator', (l) => `x\u2029${run(l)};//`],
  ['line feed', (l) => `x\n${run(l)};//`],
  ['carriage return', (l) => `x\r${run(l)};//`],
];

/** A value in YAML: double-quoted, everything outside printable ASCII escaped. */
const yaml = (value: string): string => JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

interface StyleProject {
  dir: string;
  manifest: string;
  /** Labels that must appear in the generated files. */
  labels: string[];
  /** A body the validator must accept: the hostile property name, enum and const value. */
  good: Record<string, unknown>;
}

function validRegex(text: string): boolean {
  try {
    new RegExp(text, 'u');
    return true;
  } catch {
    return false;
  }
}

async function styleProject(root: string, index: number, payload: (label: string) => string): Promise<StyleProject> {
  const p = (vector: string): string => payload(`s${index}-${vector}`);
  const labels: string[] = [];
  const reach = (vector: string): string => {
    labels.push(`s${index}-${vector}`);
    return p(vector);
  };
  const propertyName = reach('property.name');
  const enumValue = reach('enum.value');
  const constValue = reach('const.value');
  const definitionKey = p('definition.key');
  const pattern = validRegex(p('pattern')) ? reach('pattern') : undefined;
  const schema = {
    type: 'object',
    title: p('schema.title'),
    description: reach('schema.description'),
    required: [propertyName],
    properties: {
      [propertyName]: { type: 'string', title: p('property.title'), description: reach('property.description') },
      status: { enum: [enumValue, 'ok'] },
      fixed: { const: constValue },
      nested: { type: 'object', title: p('nested.title'), description: reach('nested.description'), properties: { a: { type: 'string' } } },
      map: {
        type: 'object',
        additionalProperties: false,
        patternProperties: { [pattern ?? '^m']: { type: 'object', description: reach('pattern.description'), properties: { z: { type: 'string' } } } },
      },
      annotated: { type: 'string', default: p('default'), examples: [p('examples')], $comment: p('comment') },
      shared: { $ref: `#/definitions/${encodeURIComponent(definitionKey.replace(/~/g, '~0').replace(/\//g, '~1'))}` },
    },
    definitions: { [definitionKey]: { type: 'object', description: reach('definition.description'), properties: { d: { type: 'string' } } } },
  };
  // A folder name can hold `*/`: the schema path is shown in doc comments.
  const schemaPath = payload === STYLES[0]![1] ? `schemas/x*/ ${run(`s${index}-schema.path`)}; /*/order.json` : 'schemas/order.json';
  if (schemaPath !== 'schemas/order.json') labels.push(`s${index}-schema.path`);
  // A file name can hold line terminators: the manifest's name is shown in a `// source:` line comment.
  const terminator = /[\n\r\u2028\u2029]/.exec(payload(''))?.[0];
  const manifest = terminator === undefined ? 'ksdk.yaml' : `ksdk${terminator}${run(`s${index}-manifest.name`)};${terminator}.yaml`;
  if (terminator !== undefined) labels.push(`s${index}-manifest.name`);
  const manifestText = [
    `source: ${yaml(`urn:x';${run(`s${index}-source`)};'*/${run(`s${index}-source2`)};/*`)}`,
    'messages:',
    '  Order:',
    `    schema: ${yaml(schemaPath)}`,
    '    topic: orders',
    `    description: ${yaml(reach('message.description'))}`,
    `    subject: ${yaml(reach('message.subject'))}`,
    'producers:',
    '  OrderProducer:',
    `    description: ${yaml(reach('producer.description'))}`,
    `    clientId: ${yaml(reach('producer.clientId'))}`,
    '    messages: [Order]',
    'subscriptions:',
    '  - name: orderProcessor',
    '    message: Order',
    '    groupId: order-processor',
    `    description: ${yaml(reach('subscription.description'))}`,
    '',
  ].join('\n');
  labels.push(`s${index}-source`, `s${index}-source2`);
  const dir = path.join(root, `style${index}`);
  await mkdir(dir, { recursive: true });
  await writeFiles(dir, { [manifest]: manifestText, [schemaPath]: schema });
  return { dir, manifest, labels, good: { [propertyName]: 'text', status: enumValue, fixed: constValue } };
}

describe('no text from a manifest or schema runs as code', () => {
  let root: string;
  let projects: StyleProject[];
  let failures: string[];
  let outcome: Awaited<ReturnType<typeof compileAndImport>>;

  beforeAll(async () => {
    root = await tempDir('ksdk-inject-');
    projects = await Promise.all(STYLES.map(([, payload], i) => styleProject(root, i, payload)));
    failures = [];
    const generated: StyleProject[] = [];
    for (const [i, p] of projects.entries()) {
      await generate(p.manifest, { cwd: p.dir }).then(
        () => generated.push(p),
        (err: unknown) => failures.push(`${STYLES[i]![0]}: ${(err as Error).message}`),
      );
    }
    const bodies = JSON.stringify(projects.map((p) => p.good));
    outcome = await compileAndImport(
      root,
      generated.map((p) => path.join(p.dir, 'src/generated')),
      `const bodies = ${bodies};
       result = clients.map((c, i) => ({
         exports: Object.keys(c).sort(),
         accepts: c.messages?.Order.validate(bodies[i]),
         rejectsMissing: c.messages?.Order.validate({}) === false,
         type: c.messages?.Order.type,
       }));`,
    );
  }, 240_000);

  it('every project generates', () => {
    expect(failures).toEqual([]);
  });

  it('the generated clients compile with tsc --strict', () => {
    expect(outcome.tsc).toBe('');
    expect(outcome.tscStatus).toBe(0);
  });

  it('importing every client runs no payload', () => {
    expect(outcome.pwned).toEqual([]);
    expect(outcome.importErrors).toEqual([]);
    expect(outcome.stderr).toBe('');
  });

  it.each(STYLES.map(([name], i) => [name, i] as const))('%s: every payload is still in the output, as text', async (_name, i) => {
    const p = projects[i]!;
    const text = [...(await readTree(path.join(p.dir, 'src/generated'))).values()].join('\n');
    for (const label of p.labels) expect(text, label).toContain(label);
    const client = (outcome.result as Array<{ exports: string[]; accepts: boolean; rejectsMissing: boolean; type: string }>)[i]!;
    expect(client.exports).toEqual(expect.arrayContaining(['OrderProducer', 'createSubscriptions', 'messages', 'topics']));
    // The hostile property name, enum and const values were emitted as they are: the validator accepts them.
    expect(client.accepts).toBe(true);
    expect(client.rejectsMissing).toBe(true);
    expect(client.type).toBe('Order');
  });
});

const MANIFEST = `source: urn:ksdk:test
typePrefix: com.example
messages:
  OrderPlaced:
    schema: schemas/order.json
    topic: orders
    partitionKey: { strategy: custom, module: src/keys.ts, export: orderKey }
producers:
  OrderProducer:
    messages: [OrderPlaced]
subscriptions:
  - name: orderProcessor
    message: OrderPlaced
    groupId: order-processor
    deadLetterTopic: orders.dlt
    retry: { mode: topic-chain, nextTopic: orders.retry }
topics:
  orders.dlt: {}
  orders.retry: {}
`;

const PAYLOAD = 'com.example */ interface Pwn {} console.log("PWNED"); /** x';

/** Fields with a grammar: a payload is refused where it is written, and nothing is generated. */
const refused: Array<[field: string, from: string, to: string, line: number, pointer: string, message: RegExp]> = [
  ['typePrefix', 'typePrefix: com.example', `typePrefix: ${yaml(PAYLOAD)}`, 2, '/typePrefix', /must be a CloudEvents type/],
  ['message type', '    topic: orders\n', `    topic: orders\n    type: ${yaml(PAYLOAD)}\n`, 7, '/messages/OrderPlaced/type', /must be a CloudEvents type/],
  ['groupId', 'groupId: order-processor', `groupId: ${yaml("g */ console.log('PWNED'); /**")}`, 14, '/subscriptions/0/groupId', /must be a Kafka group id/],
  ['topic', 'topic: orders', `topic: ${yaml("orders'; console.log('PWNED'); '")}`, 6, '/messages/OrderPlaced/topic', /must be a Kafka topic name/],
  ['topic "."', 'topic: orders', 'topic: "."', 6, '/messages/OrderPlaced/topic', /"\." and "\.\." are not valid Kafka topic names/],
  ['topic of 250 characters', 'topic: orders', `topic: ${'t'.repeat(250)}`, 6, '/messages/OrderPlaced/topic', /must be a Kafka topic name/],
  ['dead-letter topic', 'deadLetterTopic: orders.dlt', `deadLetterTopic: ${yaml('orders\u2028dlt')}`, 15, '/subscriptions/0/deadLetterTopic', /must be a Kafka topic name/],
  ['retry topic', 'nextTopic: orders.retry', `nextTopic: ${yaml('a */ b')}`, 16, '/subscriptions/0/retry/nextTopic', /must be a Kafka topic name/],
  ['source', 'source: urn:ksdk:test', `source: ${yaml('urn:x"; console.log(1); "')}`, 1, '/source', /must be a URI reference/],
  ['producer source', '    messages: [OrderPlaced]\n', `    messages: [OrderPlaced]\n    source: ${yaml('urn:a\nb')}\n`, 11, '/producers/OrderProducer/source', /must be a URI reference/],
  ['partition-key module', 'module: src/keys.ts', `module: ${yaml("src/keys'; console.log(1); '.ts")}`, 7, '/messages/OrderPlaced/partitionKey/module', /must be a relative module path/],
  ['partition-key export', 'export: orderKey', `export: ${yaml('orderKey } from "x"; console.log(1); //')}`, 7, '/messages/OrderPlaced/partitionKey/export', /must be an identifier/],
  ['message name', '  OrderPlaced:\n', `  ${yaml('Order */ console.log(1) /**')}:\n`, 4, '/messages/Order *~1 console.log(1) ~1**', /invalid name/],
  ['producer name', '  OrderProducer:', `  ${yaml("P'; console.log(1); '")}:`, 9, "/producers/P'; console.log(1); '", /invalid name/],
  ['subscription name', 'name: orderProcessor', `name: ${yaml('a.b')}`, 12, '/subscriptions/0/name', /must be a camelCase identifier/],
];

describe('fields with a grammar refuse what does not fit it', () => {
  let dir: string;
  let output: string;
  let before: string;

  beforeEach(async () => {
    dir = await project({
      'ksdk.yaml': MANIFEST,
      'schemas/order.json': { type: 'object', properties: { name: { type: 'string' } } },
      'src/keys.ts': 'export function orderKey(): string {\n  return "k";\n}\n',
      'package.json': { type: 'module' },
    });
    await generate('ksdk.yaml', { cwd: dir });
    output = path.join(dir, 'src/generated');
    before = await hashTree(output);
  });

  it.each(refused)('%s', async (_field, from, to, line, pointer, message) => {
    expect(MANIFEST).toContain(from);
    await writeFiles(dir, { 'ksdk.yaml': MANIFEST.replace(from, to) });
    const error = await generate('ksdk.yaml', { cwd: dir }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(KsdkCliError);
    const e = error as KsdkCliError;
    expect(e.code).toBe('KSDK_MANIFEST_INVALID');
    const issue = e.issues.find((i) => message.test(i.message));
    expect(issue, e.message).toMatchObject({ file: 'ksdk.yaml', line, pointer });
    // One line per issue, whatever the value held (line terminators are shown escaped).
    expect(e.message.split('\n')).toHaveLength(e.issues.length);
    expect(await hashTree(output)).toBe(before);
  });
});
