import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a synthetic ksdk project of `count` message schemas into `dir`: a shared
 * common.schema.json, one shared types file per 20 messages (refs into common), and
 * per message nested objects (three levels), arrays of objects, local
 * `#/definitions` refs, refs into common and its types file and, for all but the
 * first message of each group of ten, a ref into that first message's schema; a
 * manifest with up to 25 topics, a producer per 10 messages and a subscription per
 * topic. What a large real project looks like to the generator.
 *
 * `chain: true` instead makes message i refer to message i - 1: every schema then
 * reaches all earlier ones through $refs (a worst case for bundling).
 */
export function writeSyntheticProject(dir: string, count: number, options: { chain?: boolean } = {}): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'schemas'), { recursive: true });
  const json = (file: string, value: unknown) => writeFileSync(path.join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
  const common = 'common.schema.json#/definitions';

  json('schemas/common.schema.json', {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Common definitions',
    definitions: {
      Money: { type: 'object', required: ['amount', 'currency'], properties: { amount: { type: 'number', minimum: 0 }, currency: { type: 'string', enum: ['EUR', 'USD', 'GBP'] } }, additionalProperties: false },
      Address: {
        type: 'object',
        required: ['line1', 'city', 'country'],
        properties: { line1: { type: 'string', minLength: 1 }, line2: { type: 'string' }, city: { type: 'string' }, postalCode: { type: 'string' }, country: { type: 'string', pattern: '^[A-Z]{2}$' } },
        additionalProperties: false,
      },
      Party: { type: 'object', required: ['partyId'], properties: { partyId: { type: 'string', format: 'uuid' }, email: { type: 'string', format: 'email' }, address: { $ref: '#/definitions/Address' } } },
      Audit: { type: 'object', required: ['createdAt'], properties: { createdAt: { type: 'string', format: 'date-time' }, createdBy: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } },
    },
  });

  const typeFiles = Math.ceil(count / 20);
  for (let k = 0; k < typeFiles; k++) {
    json(`schemas/types-${k}.schema.json`, {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: `Shared types ${k}`,
      definitions: {
        Dimensions: { type: 'object', required: ['width', 'height'], properties: { width: { type: 'number' }, height: { type: 'number' }, unit: { type: 'string', enum: ['cm', 'in'] } } },
        Parcel: {
          type: 'object',
          required: ['parcelId', 'dimensions'],
          properties: { parcelId: { type: 'string' }, dimensions: { $ref: '#/definitions/Dimensions' }, destination: { $ref: `${common}/Address` }, value: { $ref: `${common}/Money` } },
        },
      },
    });
  }
  const topics = Math.min(25, count);
  const messages: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const name = `Entity${String(i).padStart(3, '0')}Changed`;
    const file = `entity-${i}.schema.json`;
    json(`schemas/${file}`, {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: `Entity ${i} changed`,
      description: `Synthetic message ${i} for the generation benchmark.`,
      type: 'object',
      required: ['entityId', 'owner', 'items', 'audit'],
      properties: {
        entityId: { type: 'string', format: 'uuid' },
        revision: { type: 'integer', minimum: 0 },
        status: { type: 'string', enum: ['draft', 'active', 'retired'] },
        owner: { $ref: `${common}/Party` },
        total: { $ref: `${common}/Money` },
        items: { type: 'array', minItems: 1, items: { $ref: '#/definitions/Item' } },
        details: {
          type: 'object',
          properties: {
            summary: { type: 'string', maxLength: 200 },
            metrics: {
              type: 'object',
              properties: {
                score: { type: 'number' },
                ranks: { type: 'array', items: { type: 'integer' } },
                window: { type: 'object', required: ['from', 'to'], properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' } } },
              },
            },
          },
        },
        parcels: { type: 'array', items: { $ref: `types-${Math.floor(i / 20)}.schema.json#/definitions/Parcel` } },
        ...(options.chain
          ? i > 0 ? { previous: { $ref: `entity-${i - 1}.schema.json#/definitions/Item` } } : {}
          : i % 10 > 0 ? { related: { $ref: `entity-${i - (i % 10)}.schema.json#/definitions/Item` } } : {}),
        audit: { $ref: `${common}/Audit` },
      },
      additionalProperties: false,
      definitions: {
        Item: {
          type: 'object',
          required: ['sku', 'quantity'],
          properties: {
            sku: { type: 'string', minLength: 1 },
            quantity: { type: 'integer', minimum: 1 },
            price: { $ref: `${common}/Money` },
            shipTo: { oneOf: [{ $ref: `${common}/Address` }, { type: 'null' }] },
            attributes: { type: 'object', additionalProperties: { type: 'string' } },
          },
          additionalProperties: false,
        },
      },
    });
    messages[name] = {
      schema: `schemas/${file}`,
      topic: `domain-${i % topics}`,
      ...(i % 2 === 0 ? { partitionKey: { strategy: 'property', property: 'entityId' } } : {}),
    };
  }
  const names = Object.keys(messages);
  const producers: Record<string, unknown> = {};
  for (let p = 0; p * 10 < count; p++) producers[`Producer${p}`] = { messages: names.slice(p * 10, p * 10 + 10), acks: 'all' };
  const subscriptions = Array.from({ length: topics }, (_, t) => ({
    name: `domain${t}Processor`,
    topic: `domain-${t}`,
    messages: names.filter((_, i) => i % topics === t),
    groupId: `domain-${t}-processor`,
    retry: { mode: 'in-process', maxAttempts: 3, initialBackoff: '1s' },
    deadLetterTopic: `domain-${t}.dlt`,
  }));
  const deadLetterTopics = Object.fromEntries(subscriptions.map((s) => [s.deadLetterTopic, { partitions: 1 }]));
  json('ksdk.json', { source: 'urn:ksdk:bench:synthetic', output: 'src/generated', typePrefix: 'dev.ksdk.synthetic', messages, producers, subscriptions, topics: deadLetterTopics });
}
