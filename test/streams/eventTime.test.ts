// Event time from a timestamp extractor, and groupByKey, on the real broker: windows go
// by the extracted time (not the record timestamp), records written downstream carry it,
// an invalid extracted time or a missing key skips the record (counted as dropped).
import { afterAll, describe, expect, it } from 'vitest';
import { fieldTimestamp, RuntimeEvents, StreamApp, tumbling, type StreamRecordSkippedEvent } from '@ksdk/runtime';
import type { TestOrder } from '../fixtures/orderDescriptor.js';
import { closeRawProducer, orderRecord, sendRaw } from '../fixtures/rawRecords.js';
import { brokers, createTopic, readAll, uniqueTopic, waitFor } from '../helpers/kafka.js';
import { latestTable, orderTopic, windowRows } from './streamFixtures.js';

const apps: StreamApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.stop();
  await closeRawProducer();
});

const T0 = 1_700_000_000_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('event time', () => {
  it("windows by a message field when asked, carries it downstream, and skips what has no usable time or key", async () => {
    const input = await createTopic(uniqueTopic('et-in'), 2);
    const counts = await createTopic(uniqueTopic('et-counts'));
    const copies = await createTopic(uniqueTopic('et-copies'));
    const events = new RuntimeEvents();
    const skipped: StreamRecordSkippedEvent[] = [];
    events.on('stream.record-skipped', (e) => skipped.push(e));
    const app = new StreamApp({ applicationId: uniqueTopic('et-app'), brokers: brokers(), events, maxWaitTimeMs: 100, sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 });
    apps.push(app);
    // Message time, except for the order that says its time is unknown.
    const byMessageTime = fieldTimestamp<TestOrder>('timeStamp');
    const orders = app.stream(orderTopic(input), { timestamp: (o, record) => (o.orderId === 'unknown-time' ? -1 : byMessageTime(o, record)) });
    orders.groupByKey().windowedBy(tumbling(10_000)).count({ name: 'per-10s' }).to(counts);
    orders.to(orderTopic(copies));

    // Record timestamps say "now"; the messages' timeStamps put them into two windows of 2023.
    const order = (orderId: string, customerId: string, at: number) => orderRecord({ orderId, customerId, timeStamp: iso(T0 + at) }, { partition: 0 });
    await sendRaw(input, [
      { ...order('a1', 'alice', 1000), key: 'alice' },
      { ...order('a2', 'alice', 4000), key: 'alice' },
      { ...order('a3', 'alice', 12_000), key: 'alice' },
      { ...order('no-key', 'alice', 2000), key: null },
      { ...order('unknown-time', 'alice', 3000), key: 'alice' },
    ]);
    await app.start();

    const table = await waitFor(
      async () => {
        const t = latestTable(windowRows(await readAll(counts)));
        return Object.keys(t).length === 2 ? t : undefined;
      },
      { timeoutMs: 30_000, message: 'two windows counted' },
    );
    expect(table).toEqual({ [`alice@${T0}..${T0 + 10_000}`]: 2, [`alice@${T0 + 10_000}..${T0 + 20_000}`]: 1 });

    // Records written downstream carry the extracted event time, not the input record's timestamp.
    const written = await readAll(copies, { expected: 4 });
    const timeOf = Object.fromEntries(written.map((r) => [JSON.parse(String(r.value)).data.orderId as string, Number(r.timestamp)]));
    expect(timeOf).toEqual({ a1: T0 + 1000, a2: T0 + 4000, a3: T0 + 12_000, 'no-key': T0 + 2000 });

    await waitFor(() => skipped.length === 2, { message: 'two skipped records' });
    expect(skipped.map((e) => e.reason).sort()).toEqual(['invalid-timestamp', 'null-key']);
    expect(app.status()).toMatchObject({ processedRecords: 5, skippedRecords: 2, droppedRecords: 2, lateRecords: 0 });
  });

  it('refuses a second, different extractor for the same topic', () => {
    const app = new StreamApp({ applicationId: 'et-units', brokers: ['127.0.0.1:1'] });
    const topic = orderTopic('in');
    app.stream(topic, { timestamp: fieldTimestamp('timeStamp') });
    expect(() => app.stream(topic, { timestamp: fieldTimestamp('timeStamp') })).toThrow(/another timestamp extractor/);
    expect(() => app.stream(topic)).not.toThrow();
  });
});
