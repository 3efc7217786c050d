// Windowed aggregations on the real broker: for a fixed input with known timestamps
// (out-of-order and late records included), the emitted tumbling, hopping and session
// counts equal values worked out here from the definitions, both by hand (literal
// tables) and by small reference models written from Kafka Streams' definitions.
// A second phase restarts the app: restored state and stream time carry on.
import { afterAll, describe, expect, it } from 'vitest';
import { hopping, RuntimeEvents, session, StreamApp, tumbling, type StreamLateRecordEvent } from '@ksdk/runtime';
import { closeRawProducer, orderRecord, sendRaw } from '../fixtures/rawRecords.js';
import { brokers, createTopic, readAll, uniqueTopic, waitFor } from '../helpers/kafka.js';
import { latestTable, orderTopic, windowRows, type WindowRow } from './streamFixtures.js';

const apps: StreamApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.stop();
  await closeRawProducer();
});

/** Aligned to 10 s so window starts are easy to read: T0 + n seconds. */
const T0 = 1_700_000_000_000;
const s = (seconds: number) => T0 + seconds * 1000;

interface In {
  key: string;
  at: number; // seconds after T0
}

// Phase 1, in the order they are written (one partition, so this is processing order).
const PHASE1: In[] = [
  { key: 'alice', at: 1 }, //  0
  { key: 'bob', at: 2 }, //  1
  { key: 'alice', at: 4 }, //  2  extends alice's session [1,1] to [1,4]
  { key: 'alice', at: 12 }, //  3  stream time 12
  { key: 'bob', at: 9 }, //  4  out of order, still in time
  { key: 'alice', at: 25 }, //  5  stream time 25: windows ending at or before 20 close (grace 5)
  { key: 'alice', at: 14 }, //  6  late: [10,20) is closed; its session [12,14] would end before 25-5-5
  { key: 'bob', at: 21 }, //  7
  { key: 'bob', at: 3 }, //  8  late everywhere
  { key: 'alice', at: 26 }, //  9
  { key: 'bob', at: 40 }, // 10  stream time 40
  { key: 'alice', at: 31 }, // 11  hopping: late for [25,35), in time for [30,40); a new session [31,31]: [25,26] ends
  //                              before 40 - gap - grace + 1 (out of the session store), though within the gap
  { key: 'alice', at: 29 }, // 12  late for tumbling and hopping; joins the session [31,31] into [29,31]
  { key: 'alice', at: 38 }, // 13  a new session [38,38]
  { key: 'alice', at: 34 }, // 14  bridges [29,31] and [38,38] into [29,38]
];
// Phase 2, after a restart: state and stream time (40) must have been restored.
const PHASE2: In[] = [
  { key: 'alice', at: 39 }, // 15  tumbling alice [30,40) becomes 4, not 1
  { key: 'bob', at: 3 }, // 16  late again: stream time is still 40 after the restart
  { key: 'zed', at: 100 }, // 17  moves stream time to 100 and closes every earlier window
];

/** `key@start..end` in absolute ms, the shape of `latestTable`. */
const w = (key: string, start: number, end: number) => `${key}@${s(start)}..${s(end)}`;
const sorted = (t: Record<string, number>) => Object.fromEntries(Object.entries(t).sort(([a], [b]) => a.localeCompare(b)));

/**
 * Tumbling/hopping windows by definition: windows `[k·advance, k·advance + size)`, k ≥ 0,
 * containing the timestamp; stream time is the largest timestamp so far (this record
 * included); a window takes the record only while `end > streamTime - grace`.
 */
function modelTimeWindows(input: readonly In[], size: number, advance: number, grace: number) {
  const table: Record<string, number> = {};
  const late: number[] = [];
  let streamTime = -1;
  input.forEach(({ key, at }, i) => {
    const ts = s(at);
    streamTime = Math.max(streamTime, ts);
    let dropped = false;
    for (let start = Math.floor(ts / advance) * advance; start > ts - size && start >= 0; start -= advance) {
      if (start + size <= streamTime - grace) dropped = true;
      else table[`${key}@${start}..${start + size}`] = (table[`${key}@${start}..${start + size}`] ?? 0) + 1;
    }
    if (dropped) late.push(i);
  });
  return { table: sorted(table), late };
}

/**
 * Session windows as Kafka Streams 3.9 defines them: a record merges every session of its
 * key within `gap` of it that the session store still holds, i.e. ending at or after
 * `streamTime - (gap + grace) + 1` (stream time before this record); it is late when the
 * merged session ends before `streamTime - grace - gap` (stream time including it).
 */
function modelSessions(input: readonly In[], gap: number, grace: number) {
  let sessions: Array<{ key: string; start: number; end: number; count: number }> = [];
  const late: number[] = [];
  let streamTime = -1;
  input.forEach(({ key, at }, i) => {
    const ts = s(at);
    const retained = streamTime - (gap + grace) + 1;
    streamTime = Math.max(streamTime, ts);
    const touching = sessions.filter((x) => x.key === key && x.end >= ts - gap && x.start <= ts + gap && x.end >= retained);
    const start = Math.min(ts, ...touching.map((x) => x.start));
    const end = Math.max(ts, ...touching.map((x) => x.end));
    if (end < streamTime - grace - gap) {
      late.push(i);
      return;
    }
    sessions = sessions.filter((x) => !touching.includes(x));
    sessions.push({ key, start, end, count: 1 + touching.reduce((n, x) => n + x.count, 0) });
  });
  return { table: sorted(Object.fromEntries(sessions.map((x) => [`${x.key}@${x.start}..${x.end}`, x.count]))), late };
}

const SIZE = 10_000;
const ADVANCE = 5_000;
const GRACE = 5_000;
const GAP = 5_000;

describe.each(['at-least-once', 'exactly-once'] as const)('windowed aggregations (%s)', (guarantee) => {
  it('emit tumbling, hopping and session counts that match the definitions, and carry on after a restart', async () => {
    const input = uniqueTopic('win-in');
    const outs = {
      tumbling: uniqueTopic('win-tumbling'),
      hopping: uniqueTopic('win-hopping'),
      sessions: uniqueTopic('win-sessions'),
      final: uniqueTopic('win-final'),
      sessionsFinal: uniqueTopic('win-sessions-final'),
    };
    await Promise.all([createTopic(input, 1), ...Object.values(outs).map((t) => createTopic(t, 1))]);
    const applicationId = uniqueTopic('win-app');
    const events = new RuntimeEvents();
    const late: StreamLateRecordEvent[] = [];
    events.on('stream.late-record', (e) => late.push(e));
    const restored: Array<{ aggregation: string; records: number; windows: number }> = [];
    events.on('stream.state-restored', (e) => restored.push(e));

    const build = () => {
      // Chunks of 4 records: results, changelog writes and commits happen mid-input too.
      const app = new StreamApp({ applicationId, guarantee, brokers: brokers(), events, maxRecordsPerCommit: 4, maxWaitTimeMs: 100, sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 });
      apps.push(app);
      const byCustomer = app.stream(orderTopic(input)).groupBy((o) => o.customerId ?? 'none', { name: 'by-customer' });
      byCustomer.windowedBy(tumbling(SIZE).grace(GRACE)).count({ name: 'tumbling' }).to(outs.tumbling);
      byCustomer.windowedBy(hopping(SIZE, ADVANCE).grace(GRACE)).count({ name: 'hopping' }).to(outs.hopping);
      byCustomer.windowedBy(session(GAP).grace(GRACE)).count({ name: 'sessions' }).to(outs.sessions);
      byCustomer.windowedBy(tumbling(SIZE).grace(GRACE)).count({ name: 'tumbling-final', emit: 'final' }).to(outs.final);
      byCustomer.windowedBy(session(GAP).grace(GRACE)).count({ name: 'sessions-final', emit: 'final' }).to(outs.sessionsFinal);
      return app;
    };
    const send = (records: In[], from: number) =>
      sendRaw(input, records.map((r, i) => orderRecord({ orderId: `o-${from + i}`, customerId: r.key }, { partition: 0, timestamp: s(r.at) })));
    const tableOf = async (topic: string) => latestTable(windowRows(await readAll(topic)));

    // ---- phase 1 ----
    await send(PHASE1, 0);
    let app = build();
    await app.start();

    // Worked out by hand from the definitions (see the comments on PHASE1).
    const tumbling1 = {
      [w('alice', 0, 10)]: 2, [w('alice', 10, 20)]: 1, [w('alice', 20, 30)]: 2, [w('alice', 30, 40)]: 3,
      [w('bob', 0, 10)]: 2, [w('bob', 20, 30)]: 1, [w('bob', 40, 50)]: 1,
    };
    // Hopping windows [k·5, k·5 + 10): each record is in two, e.g. alice@1 in [-5,5) and [0,10).
    const hopping1 = {
      [w('alice', -5, 5)]: 2, [w('alice', 0, 10)]: 2, [w('alice', 5, 15)]: 1, [w('alice', 10, 20)]: 1,
      [w('alice', 20, 30)]: 2, [w('alice', 25, 35)]: 2, [w('alice', 30, 40)]: 3, [w('alice', 35, 45)]: 1,
      [w('bob', -5, 5)]: 1, [w('bob', 0, 10)]: 2, [w('bob', 5, 15)]: 1, [w('bob', 15, 25)]: 1, [w('bob', 20, 30)]: 1,
      [w('bob', 35, 45)]: 1, [w('bob', 40, 50)]: 1,
    };
    const sessions1 = {
      [w('alice', 1, 4)]: 2, [w('alice', 12, 12)]: 1, [w('alice', 25, 26)]: 2, [w('alice', 29, 38)]: 4,
      [w('bob', 2, 2)]: 1, [w('bob', 9, 9)]: 1, [w('bob', 21, 21)]: 1, [w('bob', 40, 40)]: 1,
    };
    // The hand-worked tables and the models agree.
    expect(modelTimeWindows(PHASE1, SIZE, SIZE, GRACE)).toEqual({ table: sorted(tumbling1), late: [6, 8, 12] });
    expect(modelTimeWindows(PHASE1, SIZE, ADVANCE, GRACE)).toEqual({ table: sorted(hopping1), late: [6, 8, 11, 12, 14] });
    expect(modelSessions(PHASE1, GAP, GRACE)).toEqual({ table: sorted(sessions1), late: [6, 8] });

    await waitFor(async () => JSON.stringify(await tableOf(outs.tumbling)) === JSON.stringify(sorted(tumbling1)), { timeoutMs: 45_000, message: 'tumbling counts' });
    await waitFor(async () => JSON.stringify(await tableOf(outs.hopping)) === JSON.stringify(sorted(hopping1)), { timeoutMs: 15_000, message: 'hopping counts' });
    await waitFor(async () => JSON.stringify(await tableOf(outs.sessions)) === JSON.stringify(sorted(sessions1)), { timeoutMs: 15_000, message: 'session counts' });
    expect(await tableOf(outs.tumbling)).toEqual(sorted(tumbling1));
    expect(await tableOf(outs.hopping)).toEqual(sorted(hopping1));
    expect(await tableOf(outs.sessions)).toEqual(sorted(sessions1));
    // The bridging record merged two sessions: the merged-away one was retracted (a null result) if it had been emitted.
    const sessionRows = windowRows(await readAll(outs.sessions));
    expect(sessionRows.some((r) => r.key === 'alice' && r.windowStart === s(29) && r.windowEnd === s(38) && r.value === 4)).toBe(true);

    // Late records: dropped, counted and reported per aggregation, named here as key@second.
    const lateOffsets = (name: string) => late.filter((e) => e.aggregation === name).map((e) => `${JSON.parse(e.key) as string}@${(e.timestamp - T0) / 1000}`);
    const named = (indexes: number[]) => indexes.map((i) => `${PHASE1[i]!.key}@${PHASE1[i]!.at}`);
    await waitFor(() => late.length === 3 + 5 + 2 + 3 + 2, { message: 'late record events' });
    expect(lateOffsets('tumbling')).toEqual(named([6, 8, 12]));
    expect(lateOffsets('hopping')).toEqual(named([6, 8, 11, 12, 14]));
    expect(lateOffsets('sessions')).toEqual(named([6, 8]));
    expect(late.find((e) => e.aggregation === 'hopping' && e.timestamp === s(31))?.windows).toEqual([{ start: s(25), end: s(35) }]);
    expect(late.find((e) => e.aggregation === 'tumbling' && e.timestamp === s(3))).toMatchObject({ key: '"bob"', timestamp: s(3), streamTime: s(25) });
    expect(lateOffsets('tumbling-final')).toEqual(named([6, 8, 12]));
    expect(app.status().lateRecords).toBe(15); // per aggregation: 3 + 5 + 2 + 3 + 2

    // Final results: only windows closed by stream time 40 (end <= 35), each exactly once.
    const final1 = { [w('alice', 0, 10)]: 2, [w('alice', 10, 20)]: 1, [w('alice', 20, 30)]: 2, [w('bob', 0, 10)]: 2, [w('bob', 20, 30)]: 1 };
    let finalRows: WindowRow[] = [];
    await waitFor(async () => (finalRows = windowRows(await readAll(outs.final))).length >= 5, { message: 'final results' });
    expect(latestTable(finalRows)).toEqual(sorted(final1));
    expect(finalRows).toHaveLength(5);
    // Final sessions: those no record can reach any more, ending at or before 40 - gap - grace = 30.
    const sessionsFinal1 = {
      [w('alice', 1, 4)]: 2, [w('alice', 12, 12)]: 1, [w('alice', 25, 26)]: 2, [w('bob', 2, 2)]: 1, [w('bob', 9, 9)]: 1, [w('bob', 21, 21)]: 1,
    };
    let sessionFinalRows: WindowRow[] = [];
    await waitFor(async () => (sessionFinalRows = windowRows(await readAll(outs.sessionsFinal))).length >= 6, { message: 'final sessions' });
    expect(latestTable(sessionFinalRows)).toEqual(sorted(sessionsFinal1));
    expect(sessionFinalRows).toHaveLength(6);

    // ---- phase 2: restart (a new instance restores from the changelogs), then more input ----
    await app.stop();
    restored.length = 0;
    app = build();
    await app.start();
    await send(PHASE2, PHASE1.length);
    await waitFor(() => restored.length === 5, { message: 'state restored' });
    // The live windows came back from the changelogs (closed ones were tombstoned and stay gone).
    expect(restored.find((r) => r.aggregation === 'tumbling')).toMatchObject({ windows: 2 });
    expect(restored.find((r) => r.aggregation === 'sessions')).toMatchObject({ windows: 2 }); // alice [29,38], bob [40,40]
    const all = [...PHASE1, ...PHASE2];
    const tumbling2 = modelTimeWindows(all, SIZE, SIZE, GRACE);
    const hopping2 = modelTimeWindows(all, SIZE, ADVANCE, GRACE);
    const sessions2 = modelSessions(all, GAP, GRACE);
    expect(tumbling2.table[w('alice', 30, 40)]).toBe(4);
    expect(tumbling2.late).toEqual([6, 8, 12, 16]);
    expect(sessions2.table[w('alice', 29, 39)]).toBe(5);

    await waitFor(async () => JSON.stringify(await tableOf(outs.tumbling)) === JSON.stringify(tumbling2.table), { timeoutMs: 45_000, message: 'tumbling counts after restart' });
    await waitFor(async () => JSON.stringify(await tableOf(outs.hopping)) === JSON.stringify(hopping2.table), { timeoutMs: 15_000, message: 'hopping counts after restart' });
    await waitFor(async () => JSON.stringify(await tableOf(outs.sessions)) === JSON.stringify(sessions2.table), { timeoutMs: 15_000, message: 'session counts after restart' });
    const bobAt3 = (name: string) => lateOffsets(name).filter((x) => x === 'bob@3').length;
    await waitFor(() => ['tumbling', 'hopping', 'sessions', 'tumbling-final', 'sessions-final'].every((name) => bobAt3(name) === 2), { message: 'bob@3 late again after restart' });

    // Stream time 100 closed the rest: each window's final result exactly once, across the restart.
    const final2 = { ...final1, [w('alice', 30, 40)]: 4, [w('bob', 40, 50)]: 1 };
    await waitFor(async () => (finalRows = windowRows(await readAll(outs.final))).length >= 7, { message: 'final results after restart' });
    expect(latestTable(finalRows)).toEqual(sorted(final2));
    expect(finalRows).toHaveLength(7);
    const sessionsFinal2 = { ...sessionsFinal1, [w('alice', 29, 39)]: 5, [w('bob', 40, 40)]: 1 };
    await waitFor(async () => (sessionFinalRows = windowRows(await readAll(outs.sessionsFinal))).length >= 8, { message: 'final sessions after restart' });
    expect(latestTable(sessionFinalRows)).toEqual(sorted(sessionsFinal2));
    expect(sessionFinalRows).toHaveLength(8);
  });
});
