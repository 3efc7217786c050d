/**
 * Input limits (issue 13, item 4): deep nesting, `$ref` cycles that cannot be
 * represented, YAML alias bombs, file size and the number of schema files and
 * schemas each stop with `KSDK_LIMIT_EXCEEDED` or `KSDK_REF_CYCLE`, naming the
 * file, line and pointer, never with `KSDK_INTERNAL` or a stack overflow; and
 * the output folder stays as it was. Timing of large enums is measured by
 * `bench/large-enum.ts`, not here.
 */
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { generate, KsdkCliError, type CliErrorCode } from '../../cli/src/index.js';
import type { GenerateOptions } from '../../cli/src/generate/generate.js';
import { hashTree, project, readTree, writeFiles } from './helpers.js';

const MANIFEST = `source: urn:ksdk:test
messages:
  OrderPlaced:
    schema: schemas/order.json
    topic: orders
`;

/** `{"type":"object","properties":{"x": <n levels of {"type":"object","properties":{"a": ...}}> }}` on one line. */
function nestedJson(levels: number): string {
  const open = '{"type":"object","properties":{"a":'.repeat(levels);
  return `{"type":"object","properties":{"x":${open}{"type":"string"}${'}}'.repeat(levels)}}}\n`;
}

/** The same nesting as YAML block mappings, one space of indentation per level. */
function nestedYamlBlock(levels: number): string {
  const lines = ['type: object', 'properties:'];
  for (let i = 0; i < levels; i++) lines.push(`${' '.repeat(i + 1)}a${i}:`);
  lines.push(`${' '.repeat(levels + 1)}type: string`);
  return `${lines.join('\n')}\n`;
}

/** A YAML "billion laughs": each anchor aliases the previous one ten times. */
function aliasBomb(prefix: string): string {
  const lines = [prefix, 'l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

interface Case {
  files: Record<string, string | object>;
  options?: GenerateOptions;
  code: CliErrorCode;
  file: string;
  line?: number;
  /** The issue's pointer, or a pattern for long ones. */
  pointer: string | RegExp;
  message: RegExp;
}

const cases: Array<[string, Case]> = [
  [
    'a schema nested deeper than the limit (JSON)',
    {
      files: { 'schemas/order.json': nestedJson(150) },
      code: 'KSDK_LIMIT_EXCEEDED',
      file: 'schemas/order.json',
      line: 1,
      pointer: /^\/properties\/x(\/properties\/a){99}$/,
      message: /nested more than 200 levels deep/,
    },
  ],
  [
    'a JSON document nested 100,000 levels deep (no stack overflow)',
    {
      files: { 'schemas/order.json': `{"type":"object","default":${'['.repeat(100_000)}${']'.repeat(100_000)}}` },
      code: 'KSDK_LIMIT_EXCEEDED',
      file: 'schemas/order.json',
      line: 1,
      pointer: /^\/default(\/0){199}$/,
      message: /nested more than 200 levels deep/,
    },
  ],
  [
    'a YAML schema nested by indentation',
    {
      files: { 'ksdk.yaml': MANIFEST.replace('schemas/order.json', 'schemas/order.yaml'), 'schemas/order.yaml': nestedYamlBlock(250) },
      code: 'KSDK_LIMIT_EXCEEDED',
      file: 'schemas/order.yaml',
      pointer: /^\/properties\/a0\/a1\//,
      message: /nested more than 200 levels deep/,
    },
  ],
  [
    'a YAML manifest with deep flow collections',
    {
      files: { 'ksdk.yaml': `${MANIFEST}x-deep: ${'['.repeat(5000)}${']'.repeat(5000)}\n` },
      code: 'KSDK_LIMIT_EXCEEDED',
      file: 'ksdk.yaml',
      line: 6,
      pointer: '',
      message: /nested more than 200 levels deep/,
    },
  ],
  [
    'a $ref cycle between two files (A → B → A)',
    {
      files: {
        'schemas/order.json': '{\n  "type": "object",\n  "properties": {\n    "x": { "$ref": "a.json" }\n  }\n}\n',
        'schemas/a.json': '{\n  "$ref": "b.json"\n}\n',
        'schemas/b.json': '{\n  "$ref": "a.json"\n}\n',
      },
      code: 'KSDK_REF_CYCLE',
      file: 'schemas/a.json',
      line: 2,
      pointer: '/$ref',
      message: /\$ref cycle that never reaches a property or an item: schemas\/a\.json# → schemas\/b\.json# → schemas\/a\.json#/,
    },
  ],
  [
    'a definition that is a union with itself (anyOf → $ref to itself)',
    {
      files: {
        'schemas/order.json':
          '{\n  "type": "object",\n  "properties": { "x": { "$ref": "#/definitions/Loop" } },\n  "definitions": {\n    "Loop": { "anyOf": [{ "type": "string" }, { "$ref": "#/definitions/Loop" }] }\n  }\n}\n',
      },
      code: 'KSDK_REF_CYCLE',
      file: 'schemas/order.json',
      line: 5,
      pointer: '/definitions/Loop/anyOf/1/$ref',
      message: /\$ref cycle .*#\/definitions\/Loop → .*#\/definitions\/Loop\/anyOf\/1 → .*#\/definitions\/Loop/,
    },
  ],
  [
    'a YAML alias bomb in the manifest',
    {
      files: { 'ksdk.yaml': aliasBomb(MANIFEST.trimEnd()) },
      code: 'KSDK_LIMIT_EXCEEDED',
      file: 'ksdk.yaml',
      line: 7,
      pointer: '',
      message: /YAML aliases expand to more than 1000 copies/,
    },
  ],
  [
    'a YAML alias bomb in a schema',
    {
      files: { 'ksdk.yaml': MANIFEST.replace('schemas/order.json', 'schemas/order.yaml'), 'schemas/order.yaml': aliasBomb('type: object') },
      code: 'KSDK_LIMIT_EXCEEDED',
      file: 'schemas/order.yaml',
      line: 3,
      pointer: '',
      message: /YAML aliases expand to more than 1000 copies/,
    },
  ],
  [
    'a manifest over the size limit',
    {
      files: { 'ksdk.yaml': `${MANIFEST}# ${'x'.repeat(5000)}\n` },
      options: { limits: { fileBytes: 4096 } },
      code: 'KSDK_LIMIT_EXCEEDED',
      file: 'ksdk.yaml',
      pointer: '',
      message: /ksdk\.yaml is \d+ bytes, over the limit of 4096 bytes per file/,
    },
  ],
  [
    'more schema files than the limit',
    {
      files: {
        'schemas/order.json': '{\n  "type": "object",\n  "properties": {\n    "x": { "$ref": "s1.json" }\n  }\n}\n',
        'schemas/s1.json': '{\n  "type": "object",\n  "properties": { "y": { "$ref": "s2.json" } }\n}\n',
        'schemas/s2.json': '{\n  "type": "object",\n  "properties": { "z": { "$ref": "s3.json" } }\n}\n',
        'schemas/s3.json': { type: 'string' },
      },
      options: { limits: { schemaFiles: 3 } },
      code: 'KSDK_LIMIT_EXCEEDED',
      file: 'schemas/s2.json',
      line: 3,
      pointer: '/properties/z/$ref',
      message: /\$ref "s3\.json": more than 3 schema files in one run/,
    },
  ],
  [
    'more schemas than the limit',
    {
      files: { 'schemas/order.json': { type: 'object', properties: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`p${i}`, { type: 'string' }])) } },
      options: { limits: { subschemas: 50 } },
      code: 'KSDK_LIMIT_EXCEEDED',
      file: 'schemas/order.json',
      pointer: /^\/properties\/p\d+$/,
      message: /more than 50 schemas \(subschemas included\) in one run/,
    },
  ],
  [
    'a duplicate in a large enum (checked in linear time)',
    {
      files: { 'schemas/order.json': { type: 'object', properties: { x: { enum: [...Array.from({ length: 150 }, (_, i) => `v${i}`), 'v7'] } } } },
      code: 'KSDK_SCHEMA_INVALID',
      file: 'schemas/order.json',
      pointer: '/properties/x/enum/150',
      message: /enum values must be unique; item 150 repeats item 7/,
    },
  ],
];

describe('input limits give located errors', () => {
  let dir: string;
  let before: string;

  beforeEach(async () => {
    dir = await project({ 'ksdk.yaml': MANIFEST, 'schemas/order.json': { type: 'object', properties: { a: { type: 'string' } } }, 'package.json': { type: 'module' } });
    await generate('ksdk.yaml', { cwd: dir });
    before = await hashTree(path.join(dir, 'src/generated'));
  });

  it.each(cases)('%s', async (_name, c) => {
    await writeFiles(dir, c.files);
    const error = await generate('ksdk.yaml', { cwd: dir, ...c.options }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(KsdkCliError);
    const e = error as KsdkCliError;
    expect(e.code, e.message.slice(0, 500)).toBe(c.code);
    const issue = e.issues.find((i) => c.message.test(i.message));
    expect(issue, e.message.slice(0, 500)).toBeDefined();
    expect(issue?.file).toBe(c.file);
    if (c.line !== undefined) expect(issue?.line).toBe(c.line);
    if (typeof c.pointer === 'string') expect(issue?.pointer).toBe(c.pointer);
    else expect(issue?.pointer).toMatch(c.pointer);
    expect(await hashTree(path.join(dir, 'src/generated'))).toBe(before);
  });

  it('recursion through properties and items is not a cycle: it generates', async () => {
    await writeFiles(dir, {
      'schemas/order.json': {
        type: 'object',
        properties: { tree: { $ref: '#/definitions/Node' } },
        definitions: { Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/definitions/Node' } }, next: { anyOf: [{ type: 'null' }, { $ref: '#/definitions/Node' }] } } } },
      },
    });
    await generate('ksdk.yaml', { cwd: dir });
    const types = (await readTree(path.join(dir, 'src/generated'))).get('messages/OrderPlaced.ts') ?? '';
    expect(types).toContain('children?: Node[];');
  });

  it('an enum of 10,000 values generates (every value in the type and the validator)', async () => {
    const values = Array.from({ length: 10_000 }, (_, i) => `value-${i}`);
    await writeFiles(dir, { 'schemas/order.json': { type: 'object', properties: { code: { type: 'string', enum: values } } } });
    await generate('ksdk.yaml', { cwd: dir });
    const tree = await readTree(path.join(dir, 'src/generated'));
    expect(tree.get('messages/OrderPlaced.ts')).toContain("| 'value-9999'");
    expect(tree.get('validators/draft-07.ts')).toContain('"value-9999"');
  });
});
