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
  orderHistory: {
    handle(message) {
      if ('lines' in message) journal.push(`order ${message.orderId} placed by ${message.customer.email}: ${message.lines.length} line(s), ${message.total.amount} ${message.total.currency} (${where()})`);
      else journal.push(`order ${message.orderId} cancelled: ${message.reason} (${where()})`);
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
