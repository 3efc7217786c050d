import { afterAll, describe, expect, it } from 'vitest';
import { KsdkProducer, Subscription, type MessageContext, type WireFormat } from '@ksdk/runtime';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';
import { brokers, committedOffsets, createTopic, uniqueTopic, waitFor } from '../helpers/kafka.js';

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
});

function producerFor(format: WireFormat): KsdkProducer {
  const p = new KsdkProducer({ brokers: brokers(), name: `rt-${format}`, source: 'urn:ksdk:test', wireFormat: format, defaults: { raisingComponent: 'roundtrip-test' } });
  closers.push(() => p.close());
  return p;
}

function collect(topic: string, descriptor = descriptorOn(topic)) {
  const seen: Array<{ message: TestOrder; context: MessageContext }> = [];
  const sub = new Subscription(
    { name: 'rt', topic, groupId: `${topic}-g`, messages: [descriptor], retry: { mode: 'none' }, onExhausted: 'skip' },
    { handle: (message, context) => (seen.push({ message, context }), true) },
    { brokers: brokers() },
  );
  closers.push(() => sub.stop());
  return { sub, seen };
}

describe('publish and consume on the broker', () => {
  it.each<WireFormat>(['structured', 'binary', 'plain'])('round-trips payload and every metadata field in %s mode', async (format) => {
    const topic = uniqueTopic(`rt-${format}`);
    await createTopic(topic, 1);
    const producer = producerFor(format);
    const descriptor = descriptorOn(topic);
    const sent = {
      id: '6b0f3c0e-0000-4000-8000-000000000001',
      timeStamp: '2025-01-02T03:04:05.678Z',
      tenant: 'tenant-42',
      conversation: 'conv-7',
      orderId: 'o-1',
      amount: 12.5,
      customerId: 'c-9',
      lines: [{ sku: 'sku-1', quantity: 2 }],
    };
    // CloudEvents extensions ride along in both CloudEvents modes (plain JSON has no place for them).
    const extensions = { region: 'eu-west-1', priority: 3, replay: false };
    const result = await producer.publish(descriptor, sent, format === 'plain' ? {} : { extensions });
    expect(result).toMatchObject({ messageId: sent.id, topic, partition: 0, offset: '0' });

    const { sub, seen } = collect(topic, descriptor);
    await sub.start();
    await waitFor(() => seen.length === 1, { message: 'message consumed' });
    const [{ message, context }] = seen as [(typeof seen)[number]];
    expect(message).toEqual({ ...sent, raisingComponent: 'roundtrip-test' });
    expect(context.wireFormat).toBe(format);
    expect(context.topic).toBe(topic);
    expect(context.offset).toBe('0');
    expect(context.key).toBe(sent.id);
    if (format === 'plain') expect(context.cloudEvent).toBeUndefined();
    else {
      expect(context.cloudEvent).toEqual({
        id: sent.id,
        type: descriptor.type,
        source: 'urn:ksdk:test',
        specversion: '1.0',
        time: sent.timeStamp,
        datacontenttype: 'application/json',
        subject: 'TestOrder',
        // ksdk's own extensions too; binary mode carries every attribute as a header string.
        extensions:
          format === 'structured'
            ? { raisingcomponent: 'roundtrip-test', tenant: 'tenant-42', conversation: 'conv-7', region: 'eu-west-1', priority: 3, replay: false }
            : { raisingcomponent: 'roundtrip-test', tenant: 'tenant-42', conversation: 'conv-7', region: 'eu-west-1', priority: '3', replay: 'false' },
      });
    }
  });

  it('consumes one topic carrying all three formats', async () => {
    const topic = uniqueTopic('rt-mixed');
    await createTopic(topic, 1);
    const descriptor = descriptorOn(topic);
    const ids: string[] = [];
    for (const format of ['structured', 'binary', 'plain', 'structured'] as const) {
      const r = await producerFor(format).publish(descriptor, { orderId: `o-${format}`, amount: 1 });
      ids.push(r.messageId);
    }
    const { sub, seen } = collect(topic, descriptor);
    await sub.start();
    await waitFor(() => seen.length === 4, { message: 'all four consumed' });
    expect(seen.map((s) => s.message.id)).toEqual(ids);
    expect(seen.map((s) => s.context.wireFormat)).toEqual(['structured', 'binary', 'plain', 'structured']);
  });

  it('refuses to publish a message that fails its schema, and sends nothing', async () => {
    const topic = uniqueTopic('rt-invalid');
    await createTopic(topic, 1);
    const producer = producerFor('structured');
    await expect(producer.publish(descriptorOn(topic), { orderId: '', amount: -3 })).rejects.toMatchObject({
      code: 'KSDK_VALIDATION',
      violations: expect.arrayContaining([expect.objectContaining({ instancePath: '/amount' })]),
    });
    await producer.publish(descriptorOn(topic), { orderId: 'ok', amount: 1 });
    const { sub, seen } = collect(topic);
    await sub.start();
    await waitFor(() => seen.length === 1);
    expect(seen[0]?.message.orderId).toBe('ok');
  });

  it('commits an offset only after the handler succeeded', async () => {
    const topic = uniqueTopic('rt-commit');
    await createTopic(topic, 1);
    const descriptor = descriptorOn(topic);
    const producer = producerFor('structured');
    for (const orderId of ['first', 'second', 'third']) await producer.publish(descriptor, { orderId, amount: 1 });
    const groupId = `${topic}-g`;

    // A handler that fails on "second", with no retry and no DLT: the subscription must stop
    // with "second" uncommitted, whatever it did with "first".
    const failing = new Subscription(
      { name: 'commit', topic, groupId, messages: [descriptor], retry: { mode: 'none' }, onExhausted: 'stop' },
      { handle: (m) => m.orderId !== 'second' },
      { brokers: brokers() },
    );
    closers.push(() => failing.stop());
    await failing.start();
    await waitFor(() => failing.status().state === 'failed', { message: 'subscription stopped on the failure' });
    expect(failing.status().lastError?.message).toMatch(/no dead-letter topic/);
    expect((await committedOffsets(groupId, topic))[0]).toBe('1');

    // The next consumer of the group starts at the failed record.
    const handled: string[] = [];
    const healthy = new Subscription(
      { name: 'commit', topic, groupId, messages: [descriptor] },
      { handle: (m) => (handled.push(m.orderId), true) },
      { brokers: brokers() },
    );
    closers.push(() => healthy.stop());
    await healthy.start();
    await waitFor(() => handled.length === 2, { message: 'second and third handled' });
    expect(handled).toEqual(['second', 'third']);
    await waitFor(async () => (await committedOffsets(groupId, topic))[0] === '3', { message: 'all committed' });
  });
});
