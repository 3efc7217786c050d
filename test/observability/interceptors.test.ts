// The consumer runs interceptors around the handler *and* the record's outcome, so a
// tracing span covers retries and dead-lettering. An interceptor must never lose a
// record: one that throws or forgets next() settles it as a failed attempt.
import { afterAll, describe, expect, it } from 'vitest';
import { RuntimeEvents, Subscription, type ProcessInterceptor } from '@ksdk/runtime';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';
import { closeRawProducer, orderRecord, sendRaw } from '../fixtures/rawRecords.js';
import { brokers, committedOffsets, createTopic, uniqueTopic, waitFor } from '../helpers/kafka.js';

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await closeRawProducer();
});

describe('process interceptors', () => {
  it('see the outcome events inside next(), and a throwing interceptor costs one attempt, not the record', async () => {
    const topic = await createTopic(uniqueTopic('icpt'), 1);
    const groupId = `${topic}-g`;
    await sendRaw(topic, [orderRecord({ orderId: 'a' }), orderRecord({ orderId: 'b' })]);
    const events = new RuntimeEvents();
    const log: string[] = [];
    let insideNext = false;
    events.on('consumer.processed', (e) => log.push(`processed ${e.offset} inside=${insideNext}`));
    events.on('consumer.failed', (e) => log.push(`failed ${e.offset}#${e.retryAttempt} ${e.error.message} inside=${insideNext}`));
    let thrown = false;
    const flaky: ProcessInterceptor = async (ctx, next) => {
      // Throws once, before next(), on the first record's first attempt.
      if (ctx.offset === '0' && !thrown) {
        thrown = true;
        throw new Error('interceptor bug');
      }
      insideNext = true;
      try {
        return await next();
      } finally {
        insideNext = false;
      }
    };
    const sub = new Subscription<TestOrder>(
      { name: 'icpt', topic, groupId, messages: [descriptorOn(topic)], retry: { mode: 'in-process', maxAttempts: 3, initialBackoffMs: 20 } },
      { handle: () => true },
      { brokers: brokers(), heartbeatIntervalMs: 500, maxWaitTimeMs: 100, events, interceptors: [flaky] },
    );
    closers.push(() => sub.stop());
    await sub.start();
    await waitFor(async () => (await committedOffsets(groupId, topic))[0] === '2', { timeoutMs: 20_000, message: 'both committed' });
    expect(log).toEqual(['failed 0#1 interceptor bug inside=false', 'processed 0 inside=true', 'processed 1 inside=true']);
  });
});
