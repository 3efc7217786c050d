// Stateless operators on the real broker: peek, filter, branch, flatMap, map and typed
// `to(topic)` write what they should, poison input is skipped and reported, output ids
// are derived from the input (stable when input is processed again), and a value that
// fails its topic's schema stops the app without committing.
import { afterAll, describe, expect, it } from 'vitest';
import { RuntimeEvents, StreamApp, type MessageMetadata, type StreamRecordSkippedEvent } from '@ksdk/runtime';
import type { MessageDescriptor } from '@ksdk/runtime/codegen';
import { decodeRecord, MessageTypeIndex } from '@ksdk/runtime/wire';
import type { TestOrder } from '../fixtures/orderDescriptor.js';
import { closeRawProducer, orderRecord, sendRaw } from '../fixtures/rawRecords.js';
import { admin, brokers, committedOffsets, createTopic, readAll, uniqueTopic, waitFor, type ReadRecord } from '../helpers/kafka.js';
import { lineItemOn, orderTopic, shipmentOn, topicOf, type LineItem, type Shipment } from './streamFixtures.js';

const apps: StreamApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.stop();
  await closeRawProducer();
});

const fast = { brokers: brokers(), maxWaitTimeMs: 100, sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 };

function decodeAll<T extends MessageMetadata>(records: readonly ReadRecord[], topic: { messages: readonly MessageDescriptor[] }) {
  const index = new MessageTypeIndex(topic.messages);
  return records.map((r) => {
    const decoded = decodeRecord({ value: r.value, headers: r.headers, timestamp: r.timestamp, coordinates: `${r.topic}/${r.partition}/${r.offset}` }, index);
    return { message: decoded.message as T, type: decoded.descriptor.name, wireFormat: decoded.wireFormat, key: r.key?.toString(), timestamp: Number(r.timestamp) };
  });
}

describe('stream operators', () => {
  it('peek, filter, branch, flatMap, map and to() route and transform every record as specified', async () => {
    const input = uniqueTopic('ops-in');
    const names = { big: uniqueTopic('ops-big'), small: uniqueTopic('ops-small'), lines: uniqueTopic('ops-lines'), shipments: uniqueTopic('ops-ship'), mixed: uniqueTopic('ops-mixed') };
    await Promise.all([createTopic(input, 2), ...Object.values(names).map((t) => createTopic(t, 1))]);
    const topics = {
      orders: orderTopic(input),
      big: orderTopic(names.big),
      small: orderTopic(names.small),
      lines: topicOf(lineItemOn(names.lines)),
      shipments: topicOf(shipmentOn(names.shipments)),
      // A topic carrying two message types, as a generated registry entry may.
      mixed: { name: names.mixed, messages: [shipmentOn(names.mixed), lineItemOn(names.mixed)] },
    };
    const events = new RuntimeEvents();
    const skipped: StreamRecordSkippedEvent[] = [];
    events.on('stream.record-skipped', (e) => skipped.push(e));
    const applicationId = uniqueTopic('ops-app');
    const peeked: string[] = [];
    const build = () => {
      const app = new StreamApp({ applicationId, events, ...fast });
      apps.push(app);
      const valid = app
        .stream(topics.orders)
        .peek((o, ctx) => peeked.push(`${o.orderId}@${ctx.partition}`))
        .filter((o) => o.amount > 0);
      const [big, small] = valid.branch((o) => o.amount >= 100, () => true);
      big.to(topics.big);
      small.to(topics.small);
      valid.flatMap((o) => (o.lines ?? []).map((l): Omit<LineItem, 'id' | 'timeStamp'> => ({ orderId: o.orderId, sku: l.sku, quantity: l.quantity }))).to(topics.lines);
      valid.map((o) => ({ orderId: o.orderId, address: `street ${o.customerId ?? '?'}` })).to(topics.shipments);
      valid
        .filter((o) => o.orderId === 'o1')
        .flatMap((o): Array<Omit<Shipment, 'id' | 'timeStamp'> | Omit<LineItem, 'id' | 'timeStamp'>> => [
          { orderId: o.orderId, address: 'mixed street' },
          { orderId: o.orderId, sku: 'mixed-sku', quantity: 9 },
        ])
        .to(topics.mixed);
      return app;
    };

    const at = 1_700_000_000_000;
    await sendRaw(input, [
      orderRecord({ orderId: 'o1', amount: 150, customerId: 'c1', lines: [{ sku: 'a', quantity: 1 }, { sku: 'b', quantity: 2 }] }, { partition: 0, timestamp: at + 1 }),
      orderRecord({ orderId: 'o2', amount: 20, customerId: 'c2', lines: [] }, { partition: 0, timestamp: at + 2 }),
      orderRecord({ orderId: 'o3', amount: 0 }, { partition: 0, timestamp: at + 3 }),
      orderRecord({ orderId: 'o4', amount: 100, customerId: 'c1', lines: [{ sku: 'c', quantity: 3 }] }, { partition: 0, timestamp: at + 4 }),
      { partition: 1, key: 'poison', value: '{not json', timestamp: at + 5 },
      orderRecord({ orderId: 'o5', amount: 5 }, { partition: 1, timestamp: at + 6 }),
    ]);
    let app = build();
    await app.start();

    const big = decodeAll<TestOrder>(await readAll(names.big, { expected: 2 }), topics.big);
    const small = decodeAll<TestOrder>(await readAll(names.small, { expected: 2 }), topics.small);
    const lines = decodeAll<LineItem>(await readAll(names.lines, { expected: 3 }), topics.lines);
    const shipments = decodeAll<Shipment>(await readAll(names.shipments, { expected: 4 }), topics.shipments);
    const mixed = decodeAll<Shipment | LineItem>(await readAll(names.mixed, { expected: 2 }), topics.mixed);

    // peek saw every decodable record, in partition order, before the filter.
    expect(peeked.filter((p) => p.endsWith('@0'))).toEqual(['o1@0', 'o2@0', 'o3@0', 'o4@0']);
    expect(peeked.filter((p) => p.endsWith('@1'))).toEqual(['o5@1']);
    // branch: first matching predicate wins; amount 0 was filtered before.
    expect(big.map((r) => r.message.orderId)).toEqual(['o1', 'o4']);
    expect(small.map((r) => r.message.orderId).sort()).toEqual(['o2', 'o5']);
    // A message passed through keeps its id and time; it is written as a CloudEvent, keyed by id.
    expect(big[0]).toMatchObject({ wireFormat: 'structured', type: 'TestOrder', key: 'id-o1', timestamp: at + 1, message: { id: 'id-o1', amount: 150 } });
    // flatMap: one message per line, in order, each with its own derived id.
    expect(lines.map((r) => `${r.message.orderId}:${r.message.sku}x${r.message.quantity}`)).toEqual(['o1:ax1', 'o1:bx2', 'o4:cx3']);
    expect(new Set(lines.map((r) => r.message.id)).size).toBe(3);
    for (const r of lines) expect(r.message.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // map: new messages get derived ids and the record's event time as timeStamp.
    const o1Shipment = shipments.find((r) => r.message.orderId === 'o1')!;
    expect(o1Shipment.message).toMatchObject({ address: 'street c1', timeStamp: new Date(at + 1).toISOString() });
    expect(o1Shipment.key).toBe(o1Shipment.message.id);
    expect(shipments.map((r) => r.message.orderId).sort()).toEqual(['o1', 'o2', 'o4', 'o5']);
    // Several message types on one topic: each value is written as the type whose schema it satisfies.
    expect(mixed.map((r) => r.type)).toEqual(['Shipment', 'LineItem']);
    // The poison record was skipped and reported, and did not stall its partition.
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ reason: 'poison', topic: input, partition: 1, offset: '0' });
    expect(app.status()).toMatchObject({ state: 'running', healthy: true, skippedRecords: 1 });

    // Processing the same input again (offsets reset) writes the same ids: duplicates are recognisable.
    await app.stop();
    await (await admin()).resetOffsets({ groupId: applicationId, topic: input, earliest: true });
    app = build();
    await app.start();
    const again = decodeAll<Shipment>(await readAll(names.shipments, { expected: 8 }), topics.shipments);
    const ids = (rs: typeof again) => rs.map((r) => r.message.id).sort();
    expect(ids(again.slice(4))).toEqual(ids(shipments));
  });

  it('stops the app, committing nothing, when a value does not match its topic schema', async () => {
    const input = uniqueTopic('ops-bad-in');
    const output = uniqueTopic('ops-bad-out');
    await Promise.all([createTopic(input, 1), createTopic(output, 1)]);
    const applicationId = uniqueTopic('ops-bad-app');
    const errors: Error[] = [];
    const app = new StreamApp({ applicationId, onError: (e) => errors.push(e), ...fast });
    apps.push(app);
    // The cast defeats the type check on purpose: the schema check at run time is the last line.
    app
      .stream(orderTopic(input))
      .map((o) => ({ orderId: o.orderId }) as unknown as Shipment)
      .to(topicOf(shipmentOn(output)));
    await sendRaw(input, [orderRecord({ orderId: 'x1' }, { partition: 0 })]);
    await app.start();
    await waitFor(() => app.status().state === 'failed' && errors.length === 1, { message: 'app failed' });
    expect(errors[0]!.message).toMatch(/Shipment does not match its schema/);
    expect(app.status().healthy).toBe(false);
    expect(await committedOffsets(applicationId, input)).toEqual({ 0: '-1' });
    expect(await readAll(output)).toEqual([]);
  });
});
