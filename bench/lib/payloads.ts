import { randomUUID } from 'node:crypto';
import type { BenchOrder, BenchTick } from '../client/src/generated/index.js';
import type { NewMessage } from '@ksdk/runtime';

/** The two payload sizes of the issue: about 1 KiB and 10 KiB of JSON on the wire. */
export type PayloadSize = '1k' | '10k';
export const SIZES: readonly PayloadSize[] = ['1k', '10k'];
export const SIZE_LABEL: Record<PayloadSize, string> = { '1k': '1 KiB', '10k': '10 KiB' };

/** Order lines per size: 4 lines make a ~1 KiB CloudEvent, 70 lines ~10 KiB. */
const LINES: Record<PayloadSize, number> = { '1k': 4, '10k': 70 };

/**
 * A new BenchOrder (no id/timeStamp: the producer fills them in). Deterministic
 * apart from the ids, so both sides of a comparison send the same bytes.
 */
export function order(size: PayloadSize, i: number): NewMessage<BenchOrder> {
  const lines = Array.from({ length: LINES[size] }, (_, l) => ({
    sku: `SKU-${(i * 31 + l) % 100_000}`.padEnd(12, '0'),
    quantity: 1 + ((i + l) % 5),
    unitPrice: { amount: 10 + ((i + l) % 90) + 0.99, currency: 'EUR' as const },
    description: `Item ${l} of order ${i}: a reasonably descriptive line`,
  }));
  const total = lines.reduce((n, l) => n + l.quantity * l.unitPrice.amount, 0);
  return {
    orderId: randomUUID(),
    customer: { customerId: randomUUID(), email: `customer${i % 1000}@example.com`, name: 'Ada Lovelace' },
    lines,
    total: { amount: Math.round(total * 100) / 100, currency: 'EUR' },
    placedAt: '2025-01-01T12:00:00.000Z',
    shippingAddress: { line1: '12 Analytical Engine Way', city: 'London', postalCode: 'NW1 2DB', country: 'GB' },
    sentAt: 0,
    notes: 'Please leave the parcel with the neighbour if nobody answers.',
  };
}

/** A small sensor reading: the memory scenario's message. */
export function tick(i: number): NewMessage<BenchTick> {
  return { sensorId: `sensor-${i % 64}`, seq: i, value: (i % 1000) / 10 };
}

/**
 * What the plain-kafkajs baseline sends for the same message: the same fields
 * plus the id and timestamp a real application would add, as one JSON object.
 * (`Object.assign` rather than `{ ...input, id }`: V8 copies a spread with extra
 * properties on a slow path, and the baseline should not be handicapped.)
 */
export function baselineValue(input: NewMessage<BenchOrder> | NewMessage<BenchTick>): string {
  return JSON.stringify(Object.assign({ id: randomUUID(), timeStamp: new Date().toISOString() }, input));
}
