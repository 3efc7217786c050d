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
import { kafkajsClientFactory, RuntimeEvents, StreamApp, type KafkajsClientFactory, type ProcessingGuarantee, type StreamCommitFailedEvent } from '@ksdk/runtime';
import { closeRawProducer, orderRecord, sendRaw } from '../fixtures/rawRecords.js';
import { admin, brokers, committedOffsets, createTopic, kafkaConfig, readAll, uniqueTopic } from '../helpers/kafka.js';
import { waitForProgress } from '../helpers/waitForProgress.js';
import { latestTable, slowCustomerCounts, windowRows } from './streamFixtures.js';

const apps: StreamApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.stop();
  await closeRawProducer();
});

const T0 = 1_700_000_000_000;
const N = 200;
const PURGE_MS = 200;
const HOLD_MS = 5 * PURGE_MS;

/** What the test sees of the app's commits of one topic's offsets, through its clients. */
interface CommitWatch {
  /** When the second commit began to be held. */
  heldAt?: number;
  /**
   * Per partition, the highest offset whose commit the broker acknowledged (the consumer's
   * offset commit; for exactly-once, the commit of the transaction that carried it). The
   * purge may delete below it, and only below it. The group's offsets as OffsetFetch reports
   * them are no witness for exactly-once: a committed transaction's offsets show there only
   * once its markers are written, a moment after the commit was acknowledged.
   */
  acknowledged: Map<number, number>;
}

/**
 * kafkajs clients that watch the commits of `topic`'s offsets and hold the second one
 * (the consumer's, or the transaction's that sends them) `HOLD_MS` before it goes to the broker.
 */
function watchingCommits(topic: string, watch: CommitWatch): KafkajsClientFactory {
  const base = kafkajsClientFactory(new Kafka(kafkaConfig({ clientId: 'purge-hold' })));
  let commits = 0;
  const hold = async () => {
    if (++commits !== 2) return;
    watch.heldAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
  };
  const acknowledge = (offsets: { topics: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }> }) => {
    for (const t of offsets.topics) {
      if (t.topic !== topic) continue;
      for (const { partition, offset } of t.partitions) watch.acknowledged.set(partition, Math.max(Number(offset), watch.acknowledged.get(partition) ?? 0));
    }
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
                        if (!offsets?.topics.some((t) => t.topic === topic)) return payload.commitOffsetsIfNecessary(offsets);
                        await hold();
                        await payload.commitOffsetsIfNecessary(offsets);
                        acknowledge(offsets);
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
        const sent: Parameters<Transaction['sendOffsets']>[0][] = [];
        const sendOffsets = tx.sendOffsets.bind(tx);
        const commit = tx.commit.bind(tx);
        return {
          ...tx,
          sendOffsets: async (offsets) => {
            await sendOffsets(offsets);
            sent.push(offsets);
          },
          commit: async () => {
            const ofTopic = sent.some((o) => o.topics.some((t) => t.topic === topic));
            if (ofTopic) await hold();
            await commit();
            for (const offsets of sent) acknowledge(offsets);
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

    const watch: CommitWatch = { acknowledged: new Map() };
    const factory = watchingCommits(repartition, watch);
    const app = new StreamApp({ applicationId, brokers: brokers(), factory, guarantee, events, repartitionPurgeIntervalMs: PURGE_MS, maxRecordsPerCommit: 10, maxWaitTimeMs: 100 });
    apps.push(app);
    slowCustomerCounts(app, input, output);
    await app.start();

    const a = await admin();
    const offsets = async (topic: string) => Object.fromEntries((await a.fetchTopicOffsets(topic)).map((o) => [o.partition, { low: Number(o.low), high: Number(o.high) }]));
    // Transactional writes end with a commit marker: the committed offset is one short of the high watermark.
    const marker = guarantee === 'exactly-once' ? 1 : 0;
    const aboveCommitted: string[] = [];
    let purgedWhileRunning = 0;
    let observations = 0;
    let duringHold = 0;
    const holding = () => watch.heldAt !== undefined && Date.now() < watch.heldAt + HOLD_MS;
    const observe = async () => {
      const wasHolding = holding();
      // The log start first, then the acknowledged commits: a commit in between only widens the gap.
      const re = await offsets(repartition);
      const acknowledged = new Map(watch.acknowledged);
      observations++;
      if (wasHolding && holding()) duringHold++;
      for (const [p, { low }] of Object.entries(re)) {
        const committed = acknowledged.get(Number(p)) ?? 0;
        if (low > committed) aboveCommitted.push(`${repartition}/${p}: log start ${low} above the last acknowledged commit ${committed}`);
      }
      if (Object.values(re).some(({ low }) => low > 0)) purgedWhileRunning++;
      return { re, reDone: await committedOffsets(applicationId, repartition) };
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
    // Nothing more comes: within an interval or two the purge catches up with the last commits
    // (the group's committed offsets, as the broker reports them once everything settled).
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
    expect(watch.heldAt).toBeDefined();
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
