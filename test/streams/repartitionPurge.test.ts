// A repartition topic has no time retention (`retention.ms=-1`), so, as Kafka Streams
// does, the app deletes its records once they are committed (DeleteRecords up to the
// committed offset, every `repartitionPurgeIntervalMs`). Observed on the broker: the
// log start of every repartition partition ends at the group's committed offset, it is
// never seen above it while the app runs, and every record is still counted.
//
// Left alone, the repartition stage reads its records a moment after they are written
// and commits them soon after, so a purge that deleted too far would rarely be caught
// in the act. The test holds one repartition commit (through the client factory: the
// consumer's offset commit for at-least-once, the transaction's commit for exactly-once)
// for a few purge intervals, so purges run while records above the committed offset sit
// in the topic; one deleting up to the high watermark fails the test.
import { Kafka, type Transaction } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { kafkajsClientFactory, RuntimeEvents, StreamApp, tumbling, type KafkajsClientFactory, type ProcessingGuarantee, type StreamCommitFailedEvent } from '@ksdk/runtime';
import { closeRawProducer, orderRecord, sendRaw } from '../fixtures/rawRecords.js';
import { admin, brokers, committedOffsets, createTopic, kafkaConfig, readAll, uniqueTopic } from '../helpers/kafka.js';
import { waitForProgress } from '../helpers/waitForProgress.js';
import { latestTable, orderTopic, windowRows } from './streamFixtures.js';

const apps: StreamApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.stop();
  await closeRawProducer();
});

const T0 = 1_700_000_000_000;
const N = 200;
const PURGE_MS = 200;
const HOLD_MS = 5 * PURGE_MS;

/**
 * kafkajs clients whose second commit of `topic`'s offsets (the consumer's, or a
 * transaction's `sendOffsets`) waits `HOLD_MS` before it goes to the broker.
 */
function holdingSecondCommit(topic: string, held: { at?: number }): KafkajsClientFactory {
  const base = kafkajsClientFactory(new Kafka(kafkaConfig({ clientId: 'purge-hold' })));
  let commits = 0;
  const hold = async () => {
    if (++commits !== 2) return;
    held.at = Date.now();
    await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
  };
  return {
    ...base,
    createConsumer: (config) => {
      const consumer = base.createConsumer(config);
      return {
        ...consumer,
        run: (run) =>
          consumer.run({
            ...run,
            ...(run?.eachBatch
              ? {
                  eachBatch: (payload) =>
                    run.eachBatch!({
                      ...payload,
                      commitOffsetsIfNecessary: async (offsets) => {
                        if (offsets?.topics.some((t) => t.topic === topic)) await hold();
                        return payload.commitOffsetsIfNecessary(offsets);
                      },
                    }),
                }
              : {}),
          }),
      };
    },
    createProducer: (config) => {
      const producer = base.createProducer(config);
      const transaction = producer.transaction.bind(producer);
      producer.transaction = async (): Promise<Transaction> => {
        const tx = await transaction();
        let ofTopic = false;
        const sendOffsets = tx.sendOffsets.bind(tx);
        const commit = tx.commit.bind(tx);
        return {
          ...tx,
          sendOffsets: async (offsets) => {
            ofTopic ||= offsets.topics.some((t) => t.topic === topic);
            return sendOffsets(offsets);
          },
          commit: async () => {
            if (ofTopic) await hold();
            return commit();
          },
        };
      };
      return producer;
    },
  };
}

describe.each<ProcessingGuarantee>(['at-least-once', 'exactly-once'])('purging repartition topics (%s)', (guarantee) => {
  it('deletes repartition records up to the committed offset, never past it, and counts every record', { timeout: 120_000 }, async () => {
    const input = uniqueTopic('purge-in');
    const output = uniqueTopic('purge-out');
    await Promise.all([createTopic(input, 2), createTopic(output, 1)]);
    const applicationId = uniqueTopic('purge-app');
    const repartition = `${applicationId}-by-customer-repartition`;
    const refused: StreamCommitFailedEvent[] = [];
    const events = new RuntimeEvents();
    events.on('stream.commit-failed', (e) => refused.push(e));
    await sendRaw(input, Array.from({ length: N }, (_, i) => orderRecord({ orderId: `o${i}`, customerId: `k${i % 5}` }, { partition: i % 2, timestamp: T0 + i * 100 })));

    const held: { at?: number } = {};
    const factory = holdingSecondCommit(repartition, held);
    const app = new StreamApp({ applicationId, brokers: brokers(), factory, guarantee, events, repartitionPurgeIntervalMs: PURGE_MS, maxRecordsPerCommit: 10, maxWaitTimeMs: 100 });
    apps.push(app);
    app
      .stream(orderTopic(input))
      // Slow the first stage a little, so purges happen while records still flow.
      .peek(() => {
        const until = Date.now() + 2;
        while (Date.now() < until);
      })
      .groupBy((o) => o.customerId ?? 'none', { name: 'by-customer' })
      .windowedBy(tumbling(10_000).grace(3_600_000))
      .count({ name: 'counts' })
      .to(output);
    await app.start();

    const a = await admin();
    const offsets = async (topic: string) => Object.fromEntries((await a.fetchTopicOffsets(topic)).map((o) => [o.partition, { low: Number(o.low), high: Number(o.high) }]));
    // Transactional writes end with a commit marker: the committed offset is one short of the high watermark.
    const marker = guarantee === 'exactly-once' ? 1 : 0;
    const aboveCommitted: string[] = [];
    let purgedWhileRunning = 0;
    let observations = 0;
    let duringHold = 0;
    const observe = async () => {
      const holding = held.at !== undefined && Date.now() < held.at + HOLD_MS;
      // The log start first, then the committed offset: a commit in between only widens the gap.
      const re = await offsets(repartition);
      const reDone = await committedOffsets(applicationId, repartition);
      observations++;
      if (holding && Date.now() < held.at! + HOLD_MS) duringHold++;
      for (const [p, { low }] of Object.entries(re)) {
        const committed = Number(reDone[Number(p)]);
        if (low > Math.max(committed, 0)) aboveCommitted.push(`${repartition}/${p}: log start ${low} above committed ${committed}`);
      }
      if (Object.values(re).some(({ low }) => low > 0)) purgedWhileRunning++;
      return { re, reDone };
    };
    await waitForProgress(
      async () => {
        const { re, reDone } = await observe();
        const inHigh = await offsets(input);
        const inDone = await committedOffsets(applicationId, input);
        const done = Object.entries(inHigh).every(([p, o]) => Number(inDone[Number(p)]) === o.high) && Object.entries(re).every(([p, o]) => o.high > 0 && Number(reDone[Number(p)]) === o.high - marker);
        return { done, state: JSON.stringify({ inHigh, inDone, re, reDone }) };
      },
      { stallMs: 30_000, intervalMs: 50, message: `${guarantee}: all input and repartition records committed` },
    );
    // Nothing more comes: within an interval or two the purge catches up with the last commits.
    await waitForProgress(
      async () => {
        const { re, reDone } = await observe();
        const done = Object.entries(re).every(([p, o]) => o.low === Number(reDone[Number(p)]));
        return { done, state: JSON.stringify({ re, reDone }) };
      },
      { stallMs: 10 * PURGE_MS + 5000, intervalMs: 50, message: `${guarantee}: log start at the committed offset` },
    );
    const final = await offsets(repartition);
    const finalCommitted = await committedOffsets(applicationId, repartition);
    console.log(`${guarantee}: repartition ${JSON.stringify(final)}, committed ${JSON.stringify(finalCommitted)}; ${purgedWhileRunning} of ${observations} observations saw records purged, ${duringHold} during the held commit; refused commits ${refused.length}`);

    // The held commit happened, and the log start was watched while it was held.
    expect(held.at).toBeDefined();
    expect(duringHold).toBeGreaterThan(0);
    expect(aboveCommitted).toEqual([]);
    for (const [p, o] of Object.entries(final)) {
      expect(o.low, `${repartition}/${p} log start`).toBe(Number(finalCommitted[Number(p)]));
      expect(o.low, `${repartition}/${p} purged`).toBeGreaterThan(0);
    }
    // Reading the repartition topic now finds records removed from its start, and says so.
    await expect(readAll(repartition)).rejects.toThrow(/removed records from the start/);

    // Every record is counted: a purge that deleted an uncommitted repartition record would lose it.
    expect(app.status().processedRecords).toBe(N);
    const counted = Object.values(latestTable(windowRows(await readAll(output)))).reduce((n, v) => n + v, 0);
    // At-least-once may count a chunk Kafka refused to commit twice (reported); exactly-once never.
    const overCountBound = refused.reduce((n, e) => n + e.records, 0);
    expect(counted).toBeGreaterThanOrEqual(N);
    expect(counted - N).toBeLessThanOrEqual(guarantee === 'exactly-once' ? 0 : overCountBound);
  });
});
