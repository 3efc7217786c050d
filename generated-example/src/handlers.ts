import { currentMessageContext } from '@ksdk/runtime';
import type { SubscriptionHandlers } from './generated/index.js';

/** What the handlers did, in order; main.ts prints it. */
export const journal: string[] = [];

const where = () => {
  const ctx = currentMessageContext();
  return ctx ? `${ctx.topic}[${ctx.partition}]@${ctx.offset} attempt ${ctx.attempt}` : 'outside a handler';
};

const failedOnce = new Set<string>();

export const handlers: SubscriptionHandlers = {
  // Two message types on one topic: one function per type, each with its own message type.
  orderHistory: {
    OrderPlaced(order) {
      journal.push(`order ${order.orderId} placed by ${order.customer.email}: ${order.lines.length} line(s), ${order.total.amount} ${order.total.currency} (${where()})`);
      return true;
    },
    OrderCancelled(cancellation) {
      journal.push(`order ${cancellation.orderId} cancelled: ${cancellation.reason} (${where()})`);
      return true;
    },
  },
  paymentProcessor: {
    async handle(message, context) {
      if (message.payer.name === 'Mallory') throw new Error(`card of ${message.payer.email} declined`);
      if (message.method === 'bank-transfer' && !failedOnce.has(message.paymentId)) {
        failedOnce.add(message.paymentId);
        journal.push(`payment ${message.paymentId}: bank not reachable, will retry (${where()})`);
        return false;
      }
      journal.push(`payment ${message.paymentId} of ${message.amount.amount} ${message.amount.currency} for order ${message.orderId} booked on attempt ${context.attempt}`);
      return true;
    },
  },
  shipmentNotifier: {
    handle(message) {
      if (message.carrier === 'postal') {
        journal.push(`shipment ${message.shipmentId}: postal tracking not available yet, to the retry topic (${where()})`);
        return false;
      }
      journal.push(`shipment ${message.shipmentId} via ${message.carrier}: ${message.parcels.length} parcel(s), customer notified`);
      return true;
    },
  },
  shipmentNotifierRetry: {
    handle(message, context) {
      journal.push(`shipment ${message.shipmentId} retried from ${context.headers['ksdk-original-topic']} after ${context.lagMs} ms: customer notified (attempt ${context.attempt})`);
      return true;
    },
  },
};
