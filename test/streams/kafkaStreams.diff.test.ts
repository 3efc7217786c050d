// Differential test against real Kafka Streams 3.9: the same generated input (several
// keys, 3 partitions, explicit record timestamps, out-of-order and late records) is
// counted by ksdk and by Kafka Streams (scripts/java/kafka-streams-windows, run on the JVM)
// in tumbling, hopping and session windows with grace, and the answers must be equal.
//
// What is compared, per window kind:
// - the final table: the last result per (key, window) of the update stream, a null
//   session result deleting its window. It says the aggregation's state is the same
//   whatever the emission timing (ksdk coalesces updates per commit, Kafka Streams with
//   its cache off forwards every one);
// - the final results: ksdk's `emit: 'final'` against Kafka Streams'
//   `suppress(untilWindowCloses(unbounded()))`, as multisets of (key, window, count), so
//   a window emitted twice or never shows. A last record per partition far ahead in event
//   time closes every other window, so both sides have emitted all they ever will;
// - the dropped-records count (`status().droppedRecords` against the sum of the task-level
//   `dropped-records-total` metric).
// ksdk runs twice: grouped by the record key in place (`groupByKey`) and grouped through
// a repartition topic (`groupBy` on the same key), which must not change the answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byProperty, hopping, KsdkProducer, session, StreamApp, tumbling, type GroupedStream } from '@ksdk/runtime';
import { javaPartition } from '@ksdk/runtime/wire';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';
import { admin, brokers, createTopic, readAll, uniqueTopic } from '../helpers/kafka.js';
import { waitForProgress } from '../helpers/waitForProgress.js';
import { kafkaStreamsClasspath, startKafkaStreamsWindows, type KafkaStreamsWindows } from './kafkaStreamsJava.js';
import { latestTable, orderTopic, windowRows, type WindowRow } from './streamFixtures.js';
import { generateWindowInput } from './windowInput.js';

const SEED = Number(process.env.KSDK_DIFF_SEED ?? 14_039);
const PARTITIONS = 3;
const KEYS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'zoë', '名前'];
const T0 = 1_700_000_000_000;
const WINDOWS = {
  tumbling: { sizeMs: 10_000, graceMs: 3000 },
  hopping: { sizeMs: 10_000, advanceMs: 3000, graceMs: 2000 },
  session: { gapMs: 3000, graceMs: 2000 },
};
const KINDS = ['tumbling', 'hopping', 'sessions'] as const;
type Kind = (typeof KINDS)[number];

const apps: StreamApp[] = [];
let java: KafkaStreamsWindows | undefined;
afterAll(async () => {
  java?.kill();
  for (const app of apps) await app.stop();
});

beforeAll(() => {
  // The first run builds the Java program with Maven (jars from Maven Central); later runs reuse .cache/.
  kafkaStreamsClasspath();
}, 600_000);

/**
 * How far `groupId` got through `topics`: `committed/end` per partition, and whether
 * every partition with records is committed to its end. Fails when the broker removed
 * records from the start of a topic: the apps could never commit what is gone, and
 * their answers would be wrong (time retention deletes by record timestamp, and this
 * input is timestamped in 2023).
 */
async function progressOf(name: string, groupId: string, topics: readonly string[]): Promise<{ done: boolean; state: string; failed?: string }> {
  const a = await admin();
  let done = true;
  const parts: string[] = [];
  for (const topic of topics) {
    const ends = await a.fetchTopicOffsets(topic);
    const removed = ends.filter((e) => e.low !== '0');
    if (removed.length > 0) {
      const where = removed.map((e) => `${topic}/${e.partition} starts at ${e.low}`).join(', ');
      return { done: false, state: where, failed: `the broker removed input records (${where}): does it delete old-timestamped records by time retention?` };
    }
    const [committed] = await a.fetchOffsets({ groupId, topics: [topic] });
    for (const end of ends) {
      const offset = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
      if (end.high !== '0' && offset !== end.high) done = false;
      parts.push(`${end.partition}:${offset}/${end.high}`);
    }
  }
  return { done, state: `${name} ${parts.join(' ')}` };
}

const windowId = (r: WindowRow) => `${r.key}@${r.windowStart}..${r.windowEnd}`;

/** Entries of `a` and `b` that differ, as readable lines (at most 20). */
function differences(a: Record<string, number>, b: Record<string, number>, names: [string, string]): string[] {
  const out: string[] = [];
  for (const id of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (a[id] !== b[id]) out.push(`${id}: ${names[0]} ${a[id] ?? '-'}, ${names[1]} ${b[id] ?? '-'}`);
  }
  return out.slice(0, 20);
}

/** Final results as a multiset: `key@start..end=count` → how many times it was emitted. */
function finals(rows: readonly WindowRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[`${windowId(r)}=${r.value}`] = (out[`${windowId(r)}=${r.value}`] ?? 0) + 1;
  return out;
}

describe('windowed counts against Kafka Streams 3.9', () => {
  // Every wait inside follows progress (a minute without any committed offset moving
  // fails it); the test timeout is only a backstop for a machine that is slow but moving.
  // Quiet machine: about 20 s.
  it('equal per key and window for tumbling, hopping and session windows on 3 partitions, updates and final results', { timeout: 600_000 }, async () => {
    const t0 = performance.now();
    const input = await createTopic(uniqueTopic('diff-in'), PARTITIONS);
    const prefix = { java: uniqueTopic('diff-java'), byKey: uniqueTopic('diff-bykey'), repartitioned: uniqueTopic('diff-repart') };
    const sides = Object.keys(prefix) as Array<keyof typeof prefix>;
    await Promise.all(sides.flatMap((side) => KINDS.flatMap((kind) => [createTopic(`${prefix[side]}-${kind}`), createTopic(`${prefix[side]}-${kind}-final`)])));

    // ---- input: written by a ksdk producer, keyed by customer (placed as Java places keys), record time = timeStamp ----
    const records = generateWindowInput({ seed: SEED, keys: KEYS, t0: T0, durationMs: 240_000 });
    const last = Math.max(...records.map((r) => r.timestamp));
    const descriptor = descriptorOn(input, { partitionKey: byProperty<TestOrder>('customerId') });
    const producer = new KsdkProducer({ brokers: brokers(), recordTimestamp: 'timeStamp' });
    try {
      const batch = await producer.publishBatch(
        descriptor,
        records.map((r, i) => ({ orderId: `o-${i}`, amount: 1, customerId: r.key, timeStamp: new Date(r.timestamp) })),
        { batchSize: 200 },
      );
      expect(batch.failed).toEqual([]);
      // Co-partitioning holds: each key is where Java's partitioner puts its UTF-8 bytes.
      expect(batch.succeeded.filter((s, i) => s.partition !== javaPartition(records[i]!.key, PARTITIONS))).toEqual([]);
      // One record per partition, far ahead in event time, closes every window of the others.
      for (let p = 0; p < PARTITIONS; p++) {
        let n = 0;
        while (javaPartition(`flush-${n}`, PARTITIONS) !== p) n++;
        const flushed = await producer.publish(descriptor, { orderId: `flush-${p}`, amount: 0, customerId: `flush-${n}` }, { timestamp: last + 120_000 });
        expect(flushed.partition).toBe(p);
      }
    } finally {
      await producer.close();
    }

    // ---- Kafka Streams and the two ksdk apps process it ----
    const javaApp = uniqueTopic('diff-kstreams');
    java = startKafkaStreamsWindows({ bootstrap: brokers().join(','), input, applicationId: javaApp, outputPrefix: `${prefix.java}-`, ...WINDOWS });
    const build = (side: 'byKey' | 'repartitioned') => {
      const applicationId = uniqueTopic(`diff-${side}`);
      const app = new StreamApp({ applicationId, brokers: brokers(), maxWaitTimeMs: 100, sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 });
      apps.push(app);
      const orders = app.stream(orderTopic(input));
      const grouped: GroupedStream<string, TestOrder> =
        side === 'byKey' ? orders.groupByKey({ name: 'by-key' }) : orders.groupBy((o) => o.customerId ?? '', { name: 'by-customer' });
      const windowsOf = {
        tumbling: () => grouped.windowedBy(tumbling(WINDOWS.tumbling.sizeMs).grace(WINDOWS.tumbling.graceMs)),
        hopping: () => grouped.windowedBy(hopping(WINDOWS.hopping.sizeMs, WINDOWS.hopping.advanceMs).grace(WINDOWS.hopping.graceMs)),
        sessions: () => grouped.windowedBy(session(WINDOWS.session.gapMs).grace(WINDOWS.session.graceMs)),
      };
      for (const kind of KINDS) {
        windowsOf[kind]().count({ name: kind }).to(`${prefix[side]}-${kind}`);
        windowsOf[kind]().count({ name: `${kind}-final`, emit: 'final' }).to(`${prefix[side]}-${kind}-final`);
      }
      return { app, applicationId, topics: side === 'byKey' ? [input] : [input, `${applicationId}-by-customer-repartition`] };
    };
    const ksdk = { byKey: build('byKey'), repartitioned: build('repartitioned') };
    const inputWritten = performance.now();
    await Promise.all([java.running, ksdk.byKey.app.start(), ksdk.repartitioned.app.start()]);
    const running = performance.now();

    // However slow the machine, the three apps are waited for as long as their committed
    // offsets keep moving; a minute without any of them moving is a failure.
    const caughtUpAfterMs = await waitForProgress(
      async () => {
        const failures = Object.entries(ksdk).flatMap(([side, { app }]) => (app.status().state === 'failed' ? [`ksdk ${side} app failed: ${app.status().lastError?.message}`] : []));
        const javaFailure = java!.failure();
        if (javaFailure) failures.push(javaFailure);
        const all = [
          await progressOf('kstreams', javaApp, [input]),
          await progressOf('byKey', ksdk.byKey.applicationId, ksdk.byKey.topics),
          await progressOf('repartitioned', ksdk.repartitioned.applicationId, ksdk.repartitioned.topics),
        ];
        failures.push(...all.flatMap((p) => (p.failed ? [p.failed] : [])));
        const state = all.map((p) => p.state).join('; ');
        return failures.length > 0 ? { done: false, state, failed: failures.join('; ') } : { done: all.every((p) => p.done), state };
      },
      { stallMs: 60_000, message: 'Kafka Streams and both ksdk apps to commit all their input' },
    );
    const { droppedRecords: javaDropped } = await java.stop();
    const status = { byKey: ksdk.byKey.app.status(), repartitioned: ksdk.repartitioned.app.status() };
    for (const { app } of Object.values(ksdk)) await app.stop();

    // ---- compare ----
    const rows = async (side: keyof typeof prefix, topic: string) => windowRows(await readAll(`${prefix[side]}-${topic}`));
    const report: string[] = [`seed ${SEED}: ${records.length + PARTITIONS} records on ${PARTITIONS} partitions, ${KEYS.length} keys`];
    const failures: string[] = [];
    for (const kind of KINDS) {
      const javaTable = latestTable(await rows('java', kind));
      const javaFinals = finals(await rows('java', `${kind}-final`));
      for (const side of ['byKey', 'repartitioned'] as const) {
        const table = latestTable(await rows(side, kind));
        const final = finals(await rows(side, `${kind}-final`));
        const ids = new Set([...Object.keys(javaTable), ...Object.keys(table)]);
        const equal = [...ids].filter((id) => javaTable[id] === table[id]).length;
        const finalIds = new Set([...Object.keys(javaFinals), ...Object.keys(final)]);
        const equalFinals = [...finalIds].filter((id) => javaFinals[id] === final[id]).length;
        report.push(
          `${kind.padEnd(8)} ${side.padEnd(13)} table: ${equal}/${ids.size} (key, window) counts equal; ` +
            `final results: ${equalFinals}/${finalIds.size} equal (Kafka Streams emitted ${Object.values(javaFinals).reduce((n, c) => n + c, 0)})`,
        );
        failures.push(...differences(table, javaTable, ['ksdk', 'kstreams']).map((d) => `${kind} ${side} table ${d}`));
        failures.push(...differences(final, javaFinals, ['ksdk', 'kstreams']).map((d) => `${kind} ${side} final ${d}`));
      }
    }
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    report.push(`time: input written after ${seconds(inputWritten - t0)}, the JVM and both ksdk apps running ${seconds(running - inputWritten)} later, all input committed ${seconds(caughtUpAfterMs)} later`);
    report.push(`dropped records: Kafka Streams ${javaDropped}, ksdk by key ${status.byKey.droppedRecords}, ksdk repartitioned ${status.repartitioned.droppedRecords}`);
    console.log(`ksdk vs Kafka Streams 3.9\n  ${report.join('\n  ')}`);

    expect(failures).toEqual([]);
    // Both sides saw late records and dropped the same windows of them.
    expect(javaDropped).toBeGreaterThan(0);
    expect(status.byKey.droppedRecords).toBe(javaDropped);
    expect(status.repartitioned.droppedRecords).toBe(javaDropped);
    // Every input record was processed once; the repartitioned app also read each once from its repartition topic.
    expect(status.byKey.processedRecords).toBe(records.length + PARTITIONS);
    expect(status.repartitioned).toMatchObject({ processedRecords: records.length + PARTITIONS, repartitionRecords: records.length + PARTITIONS });
  });
});
