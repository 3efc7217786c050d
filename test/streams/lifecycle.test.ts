// A stream app is a worker component: a Worker starts it and stops it gracefully
// mid-stream; the chunk in hand is finished and committed, so even at-least-once
// counts nothing twice across a graceful stop and restart. What at-least-once does
// not promise is a chunk whose commit Kafka refused (the member's session lapsed on a
// stalled broker, a rebalance): its records may already be written, and are written
// again. The runtime reports each such chunk (`stream.commit-failed`); the first test
// allows exactly those, the second forces one and checks that it stays one.
import { Kafka } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { kafkajsClientFactory, RuntimeEvents, StreamApp, Worker, type KafkajsClientFactory, type StreamCommitFailedEvent } from '@ksdk/runtime';
import { closeRawProducer, orderRecord, sendRaw } from '../fixtures/rawRecords.js';
import { admin, brokers, createTopic, kafkaConfig, readAll, uniqueTopic, waitFor } from '../helpers/kafka.js';
import { latestTable, slowCustomerCounts, windowRows } from './streamFixtures.js';

const apps: StreamApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.stop();
  await closeRawProducer();
});

const T0 = 1_700_000_000_000;
const N = 300;
const CHUNK = 10;

interface Scenario {
  input: string;
  output: string;
  applicationId: string;
  refused: StreamCommitFailedEvent[];
  build(factory?: KafkajsClientFactory): StreamApp;
}

/** 300 orders of 5 customers on 2 partitions, counted per customer in 10 s windows through a repartition topic. */
async function scenario(): Promise<Scenario> {
  const input = uniqueTopic('life-in');
  const output = uniqueTopic('life-out');
  await Promise.all([createTopic(input, 2), createTopic(output, 1)]);
  const applicationId = uniqueTopic('life-app');
  const refused: StreamCommitFailedEvent[] = [];
  const events = new RuntimeEvents();
  events.on('stream.commit-failed', (e) => refused.push(e));
  await sendRaw(input, Array.from({ length: N }, (_, i) => orderRecord({ orderId: `o${i}`, customerId: `k${i % 5}` }, { partition: i % 2, timestamp: T0 + i * 100 })));
  const build = (factory?: KafkajsClientFactory) => {
    const app = new StreamApp({
      applicationId,
      brokers: brokers(),
      ...(factory ? { factory } : {}),
      events,
      maxRecordsPerCommit: CHUNK,
      maxWaitTimeMs: 100,
      sessionTimeoutMs: 6000,
      heartbeatIntervalMs: 500,
    });
    apps.push(app);
    slowCustomerCounts(app, input, output);
    return app;
  };
  return { input, output, applicationId, refused, build };
}

const countedTotal = async (output: string) => Object.values(latestTable(windowRows(await readAll(output)))).reduce((n, v) => n + v, 0);
const refusedRecords = (refused: readonly StreamCommitFailedEvent[], topic: (t: string) => boolean) => refused.filter((e) => topic(e.topic)).reduce((n, e) => n + e.records, 0);

describe('stream app lifecycle', () => {
  it('stops gracefully under a Worker mid-stream and resumes without counting anything twice', async () => {
    const { input, output, refused, build } = await scenario();
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
    await waitFor(async () => (await countedTotal(output)) >= N, { timeoutMs: 30_000, message: 'everything counted' });
    await waitFor(() => processed(first) + processed(second) >= 2 * N, { message: 'both stages done' });
    console.log(`graceful stop after ${processedBeforeStop} of ${2 * N} records processed; restarted instance processed ${processed(second)}`);
    if (refused.length > 0) console.log(`commits Kafka refused (at-least-once redoes these chunks): ${refused.map((e) => `${e.topic}/${e.partition}@${e.firstOffset}..${e.lastOffset}: ${e.error.message}`).join('; ')}`);

    // Each input record was committed exactly once, across the stop and whatever else happened.
    expect(first.status().processedRecords + second.status().processedRecords).toBe(N);
    // The graceful stop counts nothing twice: without a refused commit, both stages and the
    // counts are exact. A refused input chunk may have written its repartition records before
    // the refusal (then they are written again), a refused repartition chunk its count updates.
    const repartitioned = first.status().repartitionRecords + second.status().repartitionRecords;
    const total = await countedTotal(output);
    expect(repartitioned - N).toBeGreaterThanOrEqual(0);
    expect(repartitioned - N).toBeLessThanOrEqual(refusedRecords(refused, (t) => t === input));
    expect(total - repartitioned).toBeGreaterThanOrEqual(0);
    expect(total - repartitioned).toBeLessThanOrEqual(refusedRecords(refused, (t) => t !== input));
  });

  it('redoes only the chunk whose commit the group refused after the session lapsed, then rejoins', async () => {
    const { input, output, applicationId, refused, build } = await scenario();
    // The stimulus: the consumer's 5th commit of an input chunk is held (its records are written
    // already) until the broker has dropped the member for missing heartbeats; the broker then
    // refuses it. Before the fix, the app went on with the fetch round's next batch, whose commit
    // the broker refused as well: two chunks written twice for one lapse.
    const base = kafkajsClientFactory(new Kafka(kafkaConfig({ clientId: 'life-lapse' })));
    let inputCommits = 0;
    let released = false;
    const factory: KafkajsClientFactory = {
      ...base,
      createConsumer: (config) => {
        const consumer = base.createConsumer(config);
        if (config.groupId !== applicationId) return consumer;
        return {
          ...consumer,
          run: (run) =>
            consumer.run({
              ...run,
              eachBatch: async (payload) =>
                run!.eachBatch!({
                  ...payload,
                  commitOffsetsIfNecessary: async (offsets) => {
                    if (offsets?.topics[0]?.topic === input && ++inputCommits === 5) {
                      const a = await admin();
                      await waitFor(async () => (await a.describeGroups([applicationId])).groups[0]!.members.length === 0, {
                        timeoutMs: 30_000,
                        intervalMs: 200,
                        message: 'the broker to drop the silent member',
                      });
                      released = true;
                    }
                    return payload.commitOffsetsIfNecessary(offsets);
                  },
                }),
            }),
        };
      },
    };
    const app = build(factory);
    await app.start();
    await waitFor(() => released && app.status().processedRecords >= N, { timeoutMs: 60_000, message: 'every input record committed' });
    const a = await admin();
    const repartitionTopic = `${applicationId}-by-customer-repartition`;
    const written = async () => (await a.fetchTopicOffsets(repartitionTopic)).reduce((n, p) => n + Number(p.high), 0);
    await waitFor(async () => app.status().repartitionRecords === (await written()), { timeoutMs: 30_000, message: 'the repartition topic processed' });
    await waitFor(async () => (await countedTotal(output)) >= app.status().repartitionRecords, { timeoutMs: 30_000, message: 'counts written' });

    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ application: applicationId, guarantee: 'at-least-once', topic: input, records: CHUNK, leftGroup: true });
    expect(refused[0]!.error.message).toMatch(/not aware of this member|generation|rebalanc/i);
    expect(app.status()).toMatchObject({ state: 'running', healthy: true, processedRecords: N });
    // The refused chunk's repartition records were written before the refusal and again when
    // redone: exactly one chunk over, and the counts follow the repartition topic.
    expect(await written()).toBe(N + CHUNK);
    expect(app.status().repartitionRecords).toBe(N + CHUNK);
    expect(await countedTotal(output)).toBe(N + CHUNK);
  });
});
