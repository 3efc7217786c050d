// The example of docs/testing.md, run as written against the example app's generated
// client and handlers, through the package entries an application imports
// (`@ksdk/runtime/testing` resolves to runtime/dist, which `npm test` builds first).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const built = existsSync(join(import.meta.dirname, '..', '..', 'runtime', 'dist', 'testing', 'index.js'));

describe.runIf(built)('docs/testing.md: the example app\'s payment handler on the in-memory transport', async () => {
  const { createTestHarness } = await import('@ksdk/runtime/testing');
  const { createSubscriptions, messages } = await import('../../generated-example/src/generated/index.js');
  const { handlers } = await import('../../generated-example/src/handlers.js');
  const { sampleOrders } = await import('../../generated-example/src/samples.js');

  const harness = createTestHarness({ subscriptions: (options) => createSubscriptions(options, handlers) });
  afterAll(() => harness.stop());
  const [card, bankTransfer, declined] = sampleOrders().payments;

  it('books a card payment at once', async () => {
    const { messageId } = await harness.publish(messages.PaymentReceived, card!);
    expect(await harness.outcome(messageId)).toMatchObject({ status: 'handled', attempts: 1 });
  });

  it('books a bank transfer on the second attempt (the 500 ms backoff is skipped)', async () => {
    const { messageId } = await harness.publish(messages.PaymentReceived, bankTransfer!);
    expect(await harness.outcome(messageId)).toMatchObject({ status: 'handled', attempts: 2 });
  });

  it('dead-letters a declined card after three attempts', async () => {
    const { messageId } = await harness.publish(messages.PaymentReceived, declined!);
    const outcome = await harness.outcome(messageId);
    expect(outcome).toMatchObject({ status: 'dead-lettered', attempts: 3, deadLetterTopic: 'payment-events.dlt' });
    expect(outcome.error?.message).toMatch(/declined/);
    expect(harness.kafka.records('payment-events.dlt')).toHaveLength(1);
  });
});
