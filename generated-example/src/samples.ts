import type { NewMessage } from '@ksdk/runtime';
import type { OrderCancelled, OrderPlaced, PaymentReceived, ShipmentDispatched } from './generated/index.js';

const address = { line1: '1 Harbour Street', city: 'Bristol', postalCode: 'BS1 4RN', country: 'GB' };
const now = () => new Date().toISOString();
/** Readable UUIDs: the first hex digit names the kind (a order, b payment, c customer, d shipment). */
const uuid = (kind: 'a' | 'b' | 'c' | 'd', n: number) => `${kind}0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const orderId = (n: number) => uuid('a', n);

/** A small, valid data set touching every message type. */
export function sampleOrders() {
  const placed: Array<NewMessage<OrderPlaced>> = ['ada', 'grace', 'linus'].map((name, i) => ({
    orderId: orderId(i + 1),
    customerId: uuid('c', i + 1),
    customer: { customerId: uuid('c', i + 1), email: `${name}@example.com`, name },
    lines: [{ sku: `sku-${i}`, quantity: i + 1, unitPrice: { amount: 9.5, currency: 'GBP' } }],
    total: { amount: 9.5 * (i + 1), currency: 'GBP' },
    placedAt: now(),
    shippingAddress: address,
    billingAddress: i === 0 ? null : address,
    channel: i === 2 ? 'store' : 'web',
    tenant: 'uk',
  }));
  const cancelled: Array<NewMessage<OrderCancelled>> = [
    { orderId: orderId(3), reason: 'customer-request', cancelledAt: now(), refund: { amount: 28.5, currency: 'GBP' }, tenant: 'uk' },
  ];
  const payer = (name: string) => ({ name, email: `${name.toLowerCase()}@example.com` });
  const payments: Array<NewMessage<PaymentReceived>> = [
    { paymentId: uuid('b', 1), orderId: orderId(1), amount: { amount: 9.5, currency: 'GBP' }, method: 'card', receivedAt: now(), payer: payer('Ada'), card: { brand: 'visa', last4: '4242' } },
    { paymentId: uuid('b', 2), orderId: orderId(2), amount: { amount: 19, currency: 'GBP' }, method: 'bank-transfer', receivedAt: now(), payer: payer('Grace') },
    { paymentId: uuid('b', 3), orderId: orderId(9), amount: { amount: 999, currency: 'GBP' }, method: 'card', receivedAt: now(), payer: payer('Mallory'), card: { brand: 'amex', last4: '0005' } },
  ];
  const shipments: Array<NewMessage<ShipmentDispatched>> = [
    { shipmentId: uuid('d', 1), orderId: orderId(1), carrier: 'dhl', trackingNumber: 'JD0001', dispatchedAt: now(), address, parcels: [{ parcelId: 'p-1', weightGrams: 800 }] },
    { shipmentId: uuid('d', 2), orderId: orderId(2), carrier: 'postal', trackingNumber: 'RM0002', dispatchedAt: now(), address, notify: ['grace@example.com'], parcels: [{ parcelId: 'p-2', weightGrams: 300, dimensions: { lengthCm: 20, widthCm: 10, heightCm: 5 } }] },
  ];
  return { placed, cancelled, payments, shipments };
}
