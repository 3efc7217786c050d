/**
 * Schema edge cases, as a table: each case is a small project (schemas plus a
 * manifest naming them), message bodies its validator must accept and reject,
 * and a file snapshot of the TypeScript generated for it
 * (`__snapshots__/schemas/<name>.ts.snap`). The compile test type-checks all
 * of them with `tsc --strict`.
 */
import path from 'node:path';
import { generate } from '../../cli/src/index.js';
import { manifestFor, project } from './helpers.js';

export interface SchemaCase {
  /** Schema files by path relative to the project. */
  files: Record<string, object | string>;
  /** Messages: name → schema path (topic `test-topic`). */
  messages: Record<string, string>;
  /** Extra manifest YAML appended after `messages`. */
  manifest?: string;
  /** Bodies the validator of the first message accepts. */
  valid: unknown[];
  /** Bodies it rejects. */
  invalid: unknown[];
}

const D7 = 'http://json-schema.org/draft-07/schema#';
const D2020 = 'https://json-schema.org/draft/2020-12/schema';

export const schemaCases: Array<[name: string, SchemaCase]> = [
  [
    'nested-objects',
    {
      files: {
        'schemas/a.json': {
          $schema: D7,
          description: 'Nested objects, three levels deep.',
          type: 'object',
          required: ['customer'],
          properties: {
            customer: {
              description: 'Who ordered.',
              type: 'object',
              required: ['name', 'address'],
              properties: {
                name: { type: 'string' },
                address: {
                  type: 'object',
                  required: ['city'],
                  properties: { city: { type: 'string' }, geo: { type: 'object', properties: { lat: { type: 'number' }, lon: { type: 'number' } } } },
                },
              },
            },
          },
        },
      },
      messages: { Nested: 'schemas/a.json' },
      valid: [{ customer: { name: 'a', address: { city: 'b', geo: { lat: 1, lon: 2 } } } }],
      invalid: [{ customer: { name: 'a', address: {} } }, { customer: { name: 1, address: { city: 'b' } } }],
    },
  ],
  [
    'arrays',
    {
      files: {
        'schemas/a.json': {
          $schema: D7,
          type: 'object',
          required: ['tags'],
          properties: {
            tags: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
            matrix: { type: 'array', items: { type: 'array', items: { type: 'integer' } } },
            lines: { type: 'array', items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } } } },
            pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false },
          },
        },
      },
      messages: { WithArrays: 'schemas/a.json' },
      valid: [{ tags: ['a'], matrix: [[1, 2], []], lines: [{ sku: 'x', qty: 2 }], pair: ['a', 1] }],
      invalid: [{ tags: [] }, { tags: ['a', 'a'] }, { tags: ['a'], lines: [{ qty: 0 }] }, { tags: ['a'], pair: ['a', 1, 2] }],
    },
  ],
  [
    'enums-and-const',
    {
      files: {
        'schemas/a.json': {
          $schema: D7,
          type: 'object',
          required: ['status', 'kind'],
          properties: {
            status: { description: 'Lifecycle state.', type: 'string', enum: ['new', 'paid', 'shipped'] },
            priority: { type: 'integer', enum: [1, 2, 3] },
            mixed: { enum: ['auto', 0, true, null] },
            kind: { const: 'order' },
            quote: { enum: ["it's", 'say "hi"'] },
          },
        },
      },
      messages: { WithEnums: 'schemas/a.json' },
      valid: [{ status: 'new', kind: 'order', priority: 2, mixed: null, quote: "it's" }],
      invalid: [{ status: 'lost', kind: 'order' }, { status: 'new', kind: 'other' }, { status: 'new', kind: 'order', priority: 4 }],
    },
  ],
  [
    'optional-and-nullable',
    {
      files: {
        'schemas/a.json': {
          $schema: D7,
          type: 'object',
          required: ['required', 'requiredNullable'],
          properties: {
            required: { type: 'string' },
            optional: { type: 'string' },
            requiredNullable: { type: ['string', 'null'] },
            optionalNullable: { type: ['integer', 'null'] },
            oneOfNull: { oneOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'null' }] },
            anyOfNull: { anyOf: [{ type: 'number' }, { type: 'null' }] },
          },
        },
      },
      messages: { Nullable: 'schemas/a.json' },
      valid: [{ required: 'a', requiredNullable: null }, { required: 'a', requiredNullable: 'b', optionalNullable: null, oneOfNull: null, anyOfNull: 1 }],
      invalid: [{ required: 'a' }, { required: null, requiredNullable: null }, { required: 'a', requiredNullable: null, optional: null }],
    },
  ],
  [
    'formats',
    {
      files: {
        'schemas/a.json': {
          $schema: D7,
          type: 'object',
          required: ['uuid', 'at'],
          properties: {
            uuid: { type: 'string', format: 'uuid' },
            at: { type: 'string', format: 'date-time' },
            day: { type: 'string', format: 'date' },
            email: { type: 'string', format: 'email' },
            site: { type: 'string', format: 'uri' },
            host: { type: 'string', format: 'hostname' },
            ip: { type: 'string', format: 'ipv4' },
          },
        },
      },
      messages: { WithFormats: 'schemas/a.json' },
      valid: [{ uuid: '6b0f3c0e-0000-4000-8000-000000000001', at: '2025-01-02T03:04:05Z', day: '2025-01-02', email: 'a@example.com', site: 'https://example.com/x', host: 'example.com', ip: '127.0.0.1' }],
      invalid: [
        { uuid: 'not-a-uuid', at: '2025-01-02T03:04:05Z' },
        { uuid: '6b0f3c0e-0000-4000-8000-000000000001', at: 'yesterday' },
        { uuid: '6b0f3c0e-0000-4000-8000-000000000001', at: '2025-01-02T03:04:05Z', email: 'nope' },
      ],
    },
  ],
  [
    'ref-across-files',
    {
      files: {
        'schemas/order.json': {
          $schema: D7,
          type: 'object',
          required: ['total', 'ship'],
          properties: {
            total: { $ref: 'shared/money.json#/definitions/Money' },
            ship: { $ref: 'shared/address.json', description: 'Where it goes.' },
            bill: { $ref: './shared/address.json#' },
            item: { $ref: '#/definitions/Item' },
          },
          definitions: { Item: { type: 'object', properties: { price: { $ref: 'shared/money.json#/definitions/Money' } } } },
        },
        'schemas/shared/money.json': {
          definitions: {
            Money: { type: 'object', required: ['amount', 'currency'], properties: { amount: { type: 'number' }, currency: { $ref: '#/definitions/Currency' } } },
            Currency: { type: 'string', enum: ['EUR', 'USD'] },
          },
        },
        'schemas/shared/address.json': {
          title: 'Postal address',
          type: 'object',
          required: ['city'],
          properties: { city: { type: 'string' }, country: { $ref: '../shared/money.json#/definitions/Currency', description: 'A misplaced ref, kept to test relative paths.' } },
        },
      },
      messages: { Order: 'schemas/order.json' },
      valid: [{ total: { amount: 1, currency: 'EUR' }, ship: { city: 'x' }, item: { price: { amount: 2, currency: 'USD' } } }],
      invalid: [{ total: { amount: 1, currency: 'YEN' }, ship: { city: 'x' } }, { total: { amount: 1, currency: 'EUR' }, ship: {} }],
    },
  ],
  [
    'one-any-all-of',
    {
      files: {
        'schemas/a.json': {
          $schema: D7,
          type: 'object',
          required: ['payment'],
          properties: {
            payment: {
              oneOf: [
                { title: 'Card payment', type: 'object', required: ['card'], properties: { card: { type: 'string' } }, additionalProperties: false },
                { title: 'Bank payment', type: 'object', required: ['iban'], properties: { iban: { type: 'string' } }, additionalProperties: false },
              ],
            },
            contact: { anyOf: [{ type: 'string', format: 'email' }, { type: 'object', properties: { phone: { type: 'string' } } }] },
            audited: {
              allOf: [
                { type: 'object', required: ['by'], properties: { by: { type: 'string' } } },
                { type: 'object', required: ['at'], properties: { at: { type: 'string', format: 'date-time' } } },
              ],
            },
          },
        },
      },
      messages: { Composed: 'schemas/a.json' },
      valid: [{ payment: { card: '4111' }, contact: 'a@b.co', audited: { by: 'me', at: '2025-01-02T03:04:05Z' } }],
      invalid: [{ payment: { card: '4111', iban: 'x' } }, { payment: { iban: 'x' }, audited: { by: 'me' } }],
    },
  ],
  [
    'root-composition',
    {
      files: {
        'schemas/a.json': {
          $schema: D7,
          description: 'A body that is one of two shapes.',
          type: 'object',
          oneOf: [
            { type: 'object', required: ['kind', 'a'], properties: { kind: { const: 'a' }, a: { type: 'string' } } },
            { type: 'object', required: ['kind', 'b'], properties: { kind: { const: 'b' }, b: { type: 'number' } } },
          ],
        },
      },
      messages: { Either: 'schemas/a.json' },
      valid: [{ kind: 'a', a: 'x' }, { kind: 'b', b: 1 }],
      invalid: [{ kind: 'a', b: 1 }, {}],
    },
  ],
  [
    'additional-properties',
    {
      files: {
        'schemas/a.json': {
          $schema: D7,
          type: 'object',
          properties: {
            closed: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
            open: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true },
            map: { type: 'object', additionalProperties: { type: 'integer' } },
            typedMap: { type: 'object', properties: { fixed: { type: 'integer' } }, additionalProperties: { type: 'integer' } },
            patterned: { type: 'object', patternProperties: { '^x-': { type: 'string' } }, additionalProperties: false },
          },
          additionalProperties: false,
        },
      },
      messages: { WithMaps: 'schemas/a.json' },
      valid: [{ closed: { a: 'x' }, open: { a: 'x', extra: 1 }, map: { a: 1, b: 2 }, typedMap: { fixed: 1, other: 2 }, patterned: { 'x-a': 'y' } }],
      invalid: [{ closed: { a: 'x', b: 1 } }, { map: { a: 'x' } }, { patterned: { y: 'z' } }, { unknown: 1 }],
    },
  ],
  [
    'recursive-ref',
    {
      files: {
        'schemas/tree.json': {
          $schema: D7,
          type: 'object',
          required: ['root'],
          properties: {
            root: { $ref: '#/definitions/Node' },
            category: { $ref: 'category.json' },
          },
          definitions: {
            Node: {
              description: 'A tree node.',
              type: 'object',
              required: ['name'],
              properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/definitions/Node' } } },
            },
          },
        },
        'schemas/category.json': {
          title: 'Category',
          type: 'object',
          required: ['label'],
          properties: { label: { type: 'string' }, parent: { oneOf: [{ $ref: '#' }, { type: 'null' }] } },
        },
      },
      messages: { Tree: 'schemas/tree.json' },
      valid: [{ root: { name: 'a', children: [{ name: 'b', children: [] }] }, category: { label: 'x', parent: { label: 'y', parent: null } } }],
      invalid: [{ root: { name: 'a', children: [{ children: [] }] } }, { root: { name: 'a' }, category: { label: 'x', parent: { parent: null } } }],
    },
  ],
  [
    'self-recursive-body',
    {
      files: {
        'schemas/comment.json': {
          $schema: D7,
          type: 'object',
          required: ['text'],
          properties: { text: { type: 'string' }, replies: { type: 'array', items: { $ref: '#' } } },
        },
      },
      messages: { Comment: 'schemas/comment.json' },
      valid: [{ text: 'a', replies: [{ text: 'b', replies: [] }] }],
      invalid: [{ text: 'a', replies: [{}] }],
    },
  ],
  [
    'odd-property-names',
    {
      files: {
        'schemas/a.json': {
          $schema: D7,
          description: 'Property names that are reserved words, not identifiers, or not ASCII. A description with */ inside.',
          type: 'object',
          required: ['class', 'my-prop'],
          properties: {
            class: { type: 'string', description: 'A reserved word.' },
            default: { type: 'boolean' },
            function: { type: 'number' },
            'my-prop': { type: 'string' },
            '1st': { type: 'integer' },
            'with space': { type: 'string' },
            $dollar: { type: 'string' },
            naïve: { type: 'string' },
            'prix€': { type: 'number' },
            '日本': { type: 'string' },
            constructor: { type: 'string' },
            __proto__x: { type: 'string' },
          },
        },
      },
      messages: { OddNames: 'schemas/a.json' },
      valid: [{ class: 'x', 'my-prop': 'y', '1st': 1, 'with space': 'z', naïve: 'n', '日本': 'j' }],
      invalid: [{ class: 'x' }, { class: 1, 'my-prop': 'y' }],
    },
  ],
  [
    'draft-2020-12',
    {
      files: {
        'schemas/a.json': {
          $schema: D2020,
          type: 'object',
          required: ['point'],
          properties: {
            point: { $ref: '#/$defs/Point' },
            tuple: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false },
            limit: { $ref: '#/$defs/Limit', description: '2020-12 applies keywords next to $ref.', maximum: 10 },
          },
          unevaluatedProperties: false,
          $defs: {
            Point: { type: 'object', required: ['x', 'y'], properties: { x: { type: 'number' }, y: { type: 'number' } } },
            Limit: { type: 'integer', minimum: 0 },
          },
        },
      },
      messages: { Drafty: 'schemas/a.json' },
      valid: [{ point: { x: 1, y: 2 }, tuple: ['a', 1], limit: 10 }],
      invalid: [{ point: { x: 1 } }, { point: { x: 1, y: 2 }, extra: true }, { point: { x: 1, y: 2 }, limit: 11 }, { point: { x: 1, y: 2 }, tuple: ['a', 1, 2] }],
    },
  ],
  [
    'titles-and-name-collisions',
    {
      files: {
        'schemas/order.json': {
          $schema: D7,
          type: 'object',
          properties: {
            home: { $ref: 'shipping.json#/definitions/Address' },
            office: { $ref: 'billing.json#/definitions/Address' },
            status: { title: 'Order status', type: 'string', enum: ['open', 'closed'] },
          },
        },
        'schemas/shipping.json': { definitions: { Address: { type: 'object', properties: { street: { type: 'string' } } } } },
        'schemas/billing.json': { definitions: { Address: { type: 'object', properties: { iban: { type: 'string' } } } } },
        'schemas/other.json': {
          $schema: D7,
          type: 'object',
          properties: { status: { $ref: 'order.json#/properties/status' }, order: { $ref: 'order.json' } },
        },
      },
      messages: { Order: 'schemas/order.json', Other: 'schemas/other.json' },
      valid: [{ home: { street: 'x' }, office: { iban: 'y' }, status: 'open' }],
      invalid: [{ status: 'lost' }],
    },
  ],
  [
    'yaml-schema',
    {
      files: {
        'schemas/a.yaml': [
          '$schema: http://json-schema.org/draft-07/schema#',
          'description: A schema written in YAML.',
          'type: object',
          'required: [name]',
          'properties:',
          '  name: { type: string, minLength: 2 }',
          '  tags: { type: array, items: { type: string } }',
          '',
        ].join('\n'),
      },
      messages: { FromYaml: 'schemas/a.yaml' },
      valid: [{ name: 'ab', tags: [] }],
      invalid: [{ name: 'a' }],
    },
  ],
  [
    'annotations',
    {
      files: {
        'schemas/a.json': {
          $schema: D7,
          $id: 'https://example.com/schemas/annotated.json',
          $comment: 'Not in the output.',
          description: 'Multi-line\n\ndescription, with `code`.',
          type: 'object',
          properties: {
            old: { type: 'string', deprecated: true, description: 'Use new.' },
            new: { type: 'string', examples: ['x'], default: 'y', 'x-owner': 'team-a' },
          },
        },
      },
      messages: { Annotated: 'schemas/a.json' },
      valid: [{ old: 'a', new: 'b' }, {}],
      invalid: [{ new: 1 }],
    },
  ],
];

/** Generates one schema case into a temporary project; returns the output folder. */
export async function generateCase(c: SchemaCase): Promise<string> {
  const messages = Object.fromEntries(Object.entries(c.messages).map(([name, schema]) => [name, { schema }]));
  // Generated code is ESM (`.js` import specifiers, NodeNext): the project is an ES module package.
  const dir = await project({ ...c.files, 'ksdk.yaml': manifestFor(messages, c.manifest ?? ''), 'package.json': { type: 'module' } });
  await generate('ksdk.yaml', { cwd: dir });
  return path.join(dir, 'src/generated');
}

