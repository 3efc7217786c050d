// A stream app is a worker component: a Worker starts it and stops it gracefully
// mid-stream; the chunk in hand is finished and committed, so even at-least-once
// counts nothing twice across a graceful stop and restart.
import { afterAll, describe, expect, it } from 'vitest';
import { StreamApp, tumbling, Worker } from '@ksdk/runtime';
import { closeRawProducer, orderRecord, sendRaw } from '../fixtures/rawRecords.js';
import { brokers, createTopic, readAll, uniqueTopic, waitFor } from '../helpers/kafka.js';
import { latestTable, orderTopic, windowRows } from './streamFixtures.js';

const apps: StreamApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.stop();
  await closeRawProducer();
});

const T0 = 1_700_000_000_000;
const N = 300;

describe('stream app lifecycle', () => {
  it('stops gracefully under a Worker mid-stream and resumes without counting anything twice', async () => {
    const input = uniqueTopic('life-in');
    const output = uniqueTopic('life-out');
    await Promise.all([createTopic(input, 2), createTopic(output, 1)]);
    const applicationId = uniqueTopic('life-app');
    const build = () => {
      const app = new StreamApp({ applicationId, brokers: brokers(), maxRecordsPerCommit: 10, maxWaitTimeMs: 100, sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 });
      apps.push(app);
      app
        .stream(orderTopic(input))
        .peek(() => {
          const until = Date.now() + 2;
          while (Date.now() < until);
        })
        .groupBy((o) => o.customerId ?? 'none', { name: 'by-customer' })
        .windowedBy(tumbling(10_000).grace(3_600_000))
        .count({ name: 'counts' })
        .to(output);
      return app;
    };
    await sendRaw(input, Array.from({ length: N }, (_, i) => orderRecord({ orderId: `o${i}`, customerId: `k${i % 5}` }, { partition: i % 2, timestamp: T0 + i * 100 })));

    const first = build();
    const worker = new Worker([first], { signals: [], shutdownTimeoutMs: 20_000 });
    await worker.start();
    expect(worker.status()).toMatchObject({ state: 'running' });
    // Records of both stages (input, repartition topic) processed by an app.
    const processed = (app: StreamApp) => app.status().processedRecords + app.status().repartitionRecords;
    await waitFor(() => processed(first) >= N / 2, { timeoutMs: 30_000, intervalMs: 20, message: 'progress before the stop' });
    expect(await worker.stop()).toBe(true);
    const processedBeforeStop = processed(first);
    expect(first.status()).toMatchObject({ state: 'stopped', healthy: false });
    expect(processedBeforeStop).toBeLessThan(2 * N);

    const second = build();
    await second.start();
    const total = async () => Object.values(latestTable(windowRows(await readAll(output)))).reduce((n, v) => n + v, 0);
    await waitFor(async () => (await total()) >= N, { timeoutMs: 30_000, message: 'everything counted' });
    await waitFor(() => processed(first) + processed(second) >= 2 * N, { message: 'both stages done' });
    console.log(`graceful stop after ${processedBeforeStop} of ${2 * N} records processed; restarted instance processed ${processed(second)}`);
    expect(await total()).toBe(N);
    // Nothing was processed twice: the two runs together processed each record of both stages exactly once.
    expect(first.status().processedRecords + second.status().processedRecords).toBe(N);
    expect(first.status().repartitionRecords + second.status().repartitionRecords).toBe(N);
  });
});
