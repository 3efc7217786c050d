// Shared pieces of the stream tests: message descriptors besides TestOrder, a topic
// registry shaped like the generated one, and readers for window results.
import Ajv from 'ajv';
import { tumbling, type MessageMetadata, type StreamApp } from '@ksdk/runtime';
import type { MessageDescriptor, TopicDescriptor, ValidateFunction } from '@ksdk/runtime/codegen';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';
import type { ReadRecord } from '../helpers/kafka.js';

const ajv = new Ajv.default({ allErrors: true });

export interface Shipment extends MessageMetadata {
  orderId: string;
  address: string;
}

export interface LineItem extends MessageMetadata {
  orderId: string;
  sku: string;
  quantity: number;
}

export function shipmentOn(topic: string): MessageDescriptor<Shipment> {
  return {
    name: 'Shipment',
    type: 'com.example.test.Shipment',
    topic,
    validate: ajv.compile({
      type: 'object',
      required: ['orderId', 'address'],
      properties: { orderId: { type: 'string' }, address: { type: 'string' } },
      additionalProperties: false,
    }) as ValidateFunction,
  };
}

export function lineItemOn(topic: string): MessageDescriptor<LineItem> {
  return {
    name: 'LineItem',
    type: 'com.example.test.LineItem',
    topic,
    validate: ajv.compile({
      type: 'object',
      required: ['orderId', 'sku', 'quantity'],
      properties: { orderId: { type: 'string' }, sku: { type: 'string' }, quantity: { type: 'integer' } },
      additionalProperties: false,
    }) as ValidateFunction,
  };
}

/** A registry entry as the generator emits it: `{ name, messages: [descriptor] }`. */
export function orderTopic(name: string): { name: string; messages: MessageDescriptor<TestOrder>[] } {
  return { name, messages: [descriptorOn(name)] };
}

export function topicOf<T extends MessageMetadata>(descriptor: MessageDescriptor<T>): TopicDescriptor<T> {
  return { name: descriptor.topic, messages: [descriptor] };
}

export interface WindowRow {
  key: string;
  windowStart: number;
  windowEnd: number;
  value: number | null;
}

/** Parses the plain JSON window results `table.to(topic)` writes. */
export function windowRows(records: readonly ReadRecord[]): WindowRow[] {
  return records.map((r) => JSON.parse(r.value!.toString('utf8')) as WindowRow);
}

/**
 * The table a reader keeps from update results: the last value per key and window,
 * a null value (a session merged away) deleting the entry. Keyed `key@start..end`.
 */
export function latestTable(rows: readonly WindowRow[]): Record<string, number> {
  const table: Record<string, number> = {};
  for (const row of rows) {
    const id = `${row.key}@${row.windowStart}..${row.windowEnd}`;
    if (row.value === null) delete table[id];
    else table[id] = row.value;
  }
  return Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Per-customer order counts in 10 s tumbling windows, with a first stage slowed by ~2 ms a
 * record so that commits, rebalances and purges happen while records still flow.
 */
export function slowCustomerCounts(app: StreamApp, input: string, output: string): void {
  app
    .stream(orderTopic(input))
    .peek(() => {
      const until = Date.now() + 2;
      while (Date.now() < until);
    })
    .groupBy((o) => o.customerId ?? 'none', { name: 'by-customer' })
    .windowedBy(tumbling(10_000).grace(3_600_000))
    .count({ name: 'counts' })
    .to(output);
}
