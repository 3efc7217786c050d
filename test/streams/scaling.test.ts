// Two instances of one stream app (same applicationId) share the work and produce the same
// totals as one instance: groupBy repartitions by key, so each key is counted in exactly one
// task, and a task that moves to the second instance on the rebalance brings its state along
// through the changelog. Exactly-once, so the rebalance mid-stream cannot double-count.
import { afterAll, describe, expect, it } from 'vitest';
import { StreamApp, tumbling } from '@ksdk/runtime';
import { closeRawProducer, orderRecord, sendRaw } from '../fixtures/rawRecords.js';
import { brokers, createTopic, readAll, uniqueTopic, waitFor } from '../helpers/kafka.js';
import { latestTable, orderTopic, windowRows } from './streamFixtures.js';

const apps: StreamApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.stop();
  await closeRawProducer();
});

const T0 = 1_700_000_000_000;
const N = 240;
const KEYS = 6;

const total = (table: Record<string, number>) => Object.values(table).reduce((n, v) => n + v, 0);

describe('several instances', () => {
  it('two instances of one app give the same totals as one instance', async () => {
    const input = uniqueTopic('scale-in');
    const outOne = uniqueTopic('scale-out-one');
    const outTwo = uniqueTopic('scale-out-two');
    await Promise.all([createTopic(input, 4), createTopic(outOne, 1), createTopic(outTwo, 1)]);
    const records = Array.from({ length: N }, (_, i) =>
      // Keys and partitions deliberately unrelated: each input partition holds every key.
      orderRecord({ orderId: `o${i}`, customerId: `k${i % KEYS}` }, { partition: Math.floor(i / 7) % 4, timestamp: T0 + i * 250 }),
    );

    const build = (applicationId: string, output: string, clientId: string) => {
      const app = new StreamApp({
        applicationId,
        clientId,
        guarantee: 'exactly-once',
        brokers: brokers(),
        maxRecordsPerCommit: 20,
        maxWaitTimeMs: 100,
        sessionTimeoutMs: 6000,
        heartbeatIntervalMs: 500,
      });
      apps.push(app);
      app
        .stream(orderTopic(input))
        .groupBy((o) => o.customerId ?? 'none', { name: 'by-customer' })
        .windowedBy(tumbling(10_000).grace(3_600_000))
        .count({ name: 'counts' })
        .to(output);
      return app;
    };
    const one = build(uniqueTopic('scale-one'), outOne, 'one');
    const twoAppId = uniqueTopic('scale-two');
    const twoA = build(twoAppId, outTwo, 'two-a');
    const twoB = build(twoAppId, outTwo, 'two-b');

    // First half with one instance of each app; the second instance joins mid-stream.
    await sendRaw(input, records.slice(0, N / 2));
    await Promise.all([one.start(), twoA.start()]);
    await waitFor(() => twoA.status().processedRecords >= N / 4, { timeoutMs: 30_000, message: 'first instance made progress' });
    await twoB.start();
    await sendRaw(input, records.slice(N / 2));

    // Expected by definition: 10 s tumbling windows, nothing late (grace one hour).
    const expected: Record<string, number> = {};
    records.forEach((_, i) => {
      const ts = T0 + i * 250;
      const start = ts - (ts % 10_000);
      const id = `k${i % KEYS}@${start}..${start + 10_000}`;
      expected[id] = (expected[id] ?? 0) + 1;
    });
    const tableOf = async (topic: string) => latestTable(windowRows(await readAll(topic)));
    await waitFor(async () => total(await tableOf(outOne)) === N, { timeoutMs: 60_000, message: 'one instance counted everything' });
    await waitFor(async () => total(await tableOf(outTwo)) === N, { timeoutMs: 60_000, message: 'two instances counted everything' });
    const sorted = Object.fromEntries(Object.entries(expected).sort(([a], [b]) => a.localeCompare(b)));
    expect(await tableOf(outOne)).toEqual(sorted);
    expect(await tableOf(outTwo)).toEqual(sorted);

    // Both instances did part of the work and own tasks now.
    expect(twoA.status().processedRecords).toBeGreaterThan(0);
    expect(twoB.status().processedRecords).toBeGreaterThan(0);
    expect(twoA.status().tasks.length).toBeGreaterThan(0);
    expect(twoB.status().tasks.length).toBeGreaterThan(0);
    expect(twoA.status().tasks.length + twoB.status().tasks.length).toBe(8); // 4 input + 4 repartition partitions
  });
});
