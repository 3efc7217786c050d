// Window semantics of Kafka Streams 3.9, without a broker: the aggregation nodes are fed
// records one by one (as a task does) and their stores, results and counters checked.
// The cases pin the bounds the differential test (kafkaStreams.diff.test.ts) found equal
// on generated input: which sessions a record may merge with (the session store's
// retention), when a record is late, when a final result comes out, and how Kafka
// Streams counts dropped records; plus the group-key serde of repartition records.
import { describe, expect, it } from 'vitest';
import { hopping, session, StreamApp, tumbling, type GroupKey, type SessionWindows, type TimeWindows } from '@ksdk/runtime';
import { decodeGroupKey, encodeGroupKey, GROUP_KEY_FORMAT_HEADER, javaPartition } from '@ksdk/runtime/wire';
import { keyText } from '../../runtime/src/streams/GroupKey.js';
import { ProcessingContext, type StreamEnvironment } from '../../runtime/src/streams/processing/ProcessingContext.js';
import type { StreamCounters } from '../../runtime/src/streams/processing/StreamCounters.js';
import { WindowStore } from '../../runtime/src/streams/state/WindowStore.js';
import { countAggregator } from '../../runtime/src/streams/topology/Aggregator.js';
import { InternalTopic } from '../../runtime/src/streams/topology/InternalTopic.js';
import { Node, type NodeContext } from '../../runtime/src/streams/topology/Node.js';
import { sessionMergeFloor, SessionWindowAggregateNode } from '../../runtime/src/streams/topology/SessionWindowAggregateNode.js';
import { TimeWindowAggregateNode } from '../../runtime/src/streams/topology/TimeWindowAggregateNode.js';
import type { WindowAggregateNode } from '../../runtime/src/streams/topology/WindowAggregateNode.js';

interface Result {
  key: GroupKey;
  windowStart: number;
  windowEnd: number;
  value: number | null;
}

class Collect extends Node {
  readonly results: Result[] = [];
  process(value: unknown): void {
    this.results.push(value as Result);
  }
}

/**
 * One task running one count aggregation: `send(key, t)` processes a record in a chunk of
 * its own (then the end-of-chunk flush), so results and evictions happen after every record.
 */
function task(make: (changelog: InternalTopic) => WindowAggregateNode) {
  const changelog = new InternalTopic('app-agg-changelog', 'changelog', 'in');
  changelog.resolve(1);
  const node = make(changelog);
  const out = node.add(new Collect());
  const store = new WindowStore<unknown>();
  const counters: StreamCounters = { processed: 0, repartitioned: 0, late: 0, skipped: 0, dropped: 0 };
  const env: StreamEnvironment = { applicationId: 'app', wireFormat: 'structured', source: 'urn:test', events: undefined, now: () => 0, counters };
  let offset = 0;
  return {
    store,
    counters,
    results: out.results,
    send(key: string, timestamp: number) {
      const pc = new ProcessingContext(env, { store: <S>() => store as S });
      const context: NodeContext = { topic: 'in', partition: 0, offset: String(offset++), timestamp, key, headers: {}, origin: `in/0/${offset}` };
      node.process({ key, keyText: keyText(key), value: {} }, context, pc);
      node.flush(store, context, pc);
      return pc.outbox.filter((r) => r.topic === 'app-agg-changelog');
    },
    /** Live windows as `key@start..end=count`. */
    windows(): string[] {
      return store
        .entriesWhere(() => true)
        .map((e) => `${String(e.key)}@${e.start}..${e.end}=${String(e.aggregate)}`)
        .sort();
    },
  };
}

const sessions = (windows: SessionWindows, emit: 'updates' | 'final' = 'updates', retentionMs = windows.gapMs + windows.graceMs) =>
  task((changelog) => new SessionWindowAggregateNode('agg', changelog, windows, countAggregator, emit, retentionMs));
const timeWindows = (windows: TimeWindows, emit: 'updates' | 'final' = 'updates', retentionMs = windows.sizeMs + windows.graceMs) =>
  task((changelog) => new TimeWindowAggregateNode('agg', changelog, windows, countAggregator, emit, retentionMs));

describe('session merge bound (Kafka Streams 3.9 session store retention)', () => {
  it.each([
    // [timestamp, stream time before it, gap, retention, lowest session end it may merge with]
    [105, 115, 10, 15, 101], // the store's retention bound: streamTime - retention + 1
    [105, 114, 10, 15, 100],
    [120, 115, 10, 15, 110], // a record ahead of stream time: its own reach, timestamp - gap
    [105, 115, 10, 30, 95], // a longer retention lets it reach a full gap back
    [5, -1, 10, 15, -5], // before the first record: no bound but the gap
  ])('a record at %i with stream time %i (gap %i, retention %i) merges with sessions ending at or after %i', (t, st, gap, retention, floor) => {
    expect(sessionMergeFloor(t, st, gap, retention)).toBe(floor);
  });

  it('keeps a session apart that ended gap + grace before stream time, though the record is within the gap', () => {
    const t = sessions(session(10).grace(5));
    t.send('k', 100);
    t.send('x', 115); // stream time 115: [100,100] ends at 115 - (10 + 5): no longer in the store
    t.send('k', 105); // within the gap of [100,100], not late (its session ends at 105 >= 115 - 15)
    expect(t.windows()).toEqual(['k@105..105=1', 'x@115..115=1']);
    expect(t.counters).toMatchObject({ late: 0, dropped: 0 });
  });

  it('merges one ms inside the bound', () => {
    const t = sessions(session(10).grace(5));
    t.send('k', 100);
    t.send('x', 114); // [100,100] ends at 114 - 15 + 1: still in the store
    t.send('k', 105);
    expect(t.windows()).toEqual(['k@100..105=2', 'x@114..114=1']);
  });

  it('merges two sessions a record bridges, and drops a record whose session would end before stream time - gap - grace', () => {
    const t = sessions(session(10).grace(5));
    t.send('k', 100);
    t.send('k', 112);
    t.send('k', 106); // within 10 of both: [100,112]
    expect(t.windows()).toEqual(['k@100..112=3']);
    t.send('x', 140); // stream time 140: close time 125
    t.send('k', 124); // alone ([100,112] has left the store), ends before 125: late
    expect(t.windows()).toEqual(['x@140..140=1']);
    t.send('k', 125); // not late: a session of its own, closed at once (its end is the close time)
    expect(t.results.at(-1)).toEqual({ key: 'k', windowStart: 125, windowEnd: 125, value: 1 });
    expect(t.windows()).toEqual(['x@140..140=1']);
    expect(t.counters).toMatchObject({ late: 1, dropped: 1 });
  });

  it('with a longer retention, merges with older sessions as Kafka Streams does', () => {
    const t = sessions(session(10).grace(5), 'updates', 40);
    t.send('k', 100);
    t.send('x', 115);
    t.send('k', 105);
    expect(t.windows()).toEqual(['k@100..105=2', 'x@115..115=1']);
  });

  it("emits a final session once stream time reaches its end + gap + grace (suppress's untilWindowCloses)", () => {
    const t = sessions(session(10).grace(5), 'final');
    t.send('k', 100);
    t.send('x', 114);
    expect(t.results).toEqual([]);
    t.send('x', 115);
    expect(t.results).toEqual([{ key: 'k', windowStart: 100, windowEnd: 100, value: 1 }]);
    t.send('x', 200);
    expect(t.results.map((r) => `${String(r.key)}@${r.windowStart}..${r.windowEnd}=${r.value}`)).toEqual(['k@100..100=1', 'x@114..115=2']);
  });

  it('forwards a null result for a session merged away (updates), as Kafka Streams forwards a tombstone', () => {
    const t = sessions(session(10).grace(20));
    t.send('k', 100);
    t.send('k', 120);
    t.send('k', 110);
    expect(t.results.slice(-3)).toEqual([
      { key: 'k', windowStart: 100, windowEnd: 100, value: null },
      { key: 'k', windowStart: 120, windowEnd: 120, value: null },
      { key: 'k', windowStart: 100, windowEnd: 120, value: 3 },
    ]);
  });
});

describe('time windows: close, retention and dropped records', () => {
  it('counts each window a hopping record is late for in droppedRecords, the record once in lateRecords', () => {
    const t = timeWindows(hopping(10, 5).grace(0));
    t.send('k', 20); // stream time 20: windows ending at or before 20 are closed
    t.send('k', 12); // windows [5,15) and [10,20): both closed
    t.send('k', 17); // [10,20) closed, [15,25) open
    expect(t.counters).toMatchObject({ late: 2, dropped: 3 });
    expect(t.windows()).toEqual(['k@15..25=2', 'k@20..30=1']);
  });

  it('emits a final result once and keeps the window for a longer retention, without emitting it again', () => {
    const t = timeWindows(tumbling(10).grace(2), 'final', 30);
    t.send('k', 1);
    t.send('k', 11); // stream time 11: [0,10) is open until 12
    expect(t.results).toEqual([]);
    const changelog = t.send('k', 12);
    expect(t.results).toEqual([{ key: 'k', windowStart: 0, windowEnd: 10, value: 1 }]);
    // Still in the store (retention 30 > 10 + 2), and the changelog remembers it was emitted.
    expect(t.windows()).toEqual(['k@0..10=1', 'k@10..20=2']);
    expect(changelog.map((r) => r.value)).toContain(JSON.stringify({ aggregate: 1, timestamp: 1, emitted: true }));
    t.send('k', 25);
    expect(t.results).toHaveLength(2);
    t.send('k', 30); // start 0 <= 30 - 30: [0,10) leaves the store; [20,30) stays open until 32
    expect(t.windows()).toEqual(['k@10..20=2', 'k@20..30=1', 'k@30..40=1']);
    expect(t.results.map((r) => `${r.windowStart}=${r.value}`)).toEqual(['0=1', '10=2']);
  });

  it('refuses a retention shorter than the windows need, as Kafka Streams does', () => {
    const app = new StreamApp({ applicationId: 'retention', brokers: ['127.0.0.1:1'] });
    const grouped = app.stream({ name: 'in', messages: [] }).groupByKey();
    expect(() => grouped.windowedBy(tumbling(10).grace(5)).count({ retentionMs: 14 })).toThrow(/retentionMs must be an integer no smaller than the window size \(10 ms\) plus grace \(5 ms\) = 15 ms/);
    expect(() => grouped.windowedBy(session(10).grace(5)).count({ name: 's', retentionMs: 12 })).toThrow(/session gap \(10 ms\) plus grace \(5 ms\) = 15 ms/);
    expect(() => grouped.windowedBy(session(10).grace(5)).count({ name: 's2', retentionMs: 15 })).not.toThrow();
  });

  it('refuses a session aggregate without a merger (a JavaScript caller can leave it out)', () => {
    const app = new StreamApp({ applicationId: 'merger', brokers: ['127.0.0.1:1'] });
    const sessions = app.stream({ name: 'in', messages: [] }).groupByKey().windowedBy(session(10)) as unknown as {
      aggregate(initializer: () => number, aggregator: (a: number) => number): unknown;
    };
    expect(() => sessions.aggregate(() => 0, (a) => a + 1)).toThrow(/session aggregate needs a merger/);
  });
});

describe('group keys on the wire', () => {
  it.each<[GroupKey, string, boolean]>([
    ['alice', 'alice', false],
    ['zoë', 'zoë', false],
    ['42', '42', false],
    [42, '42', true],
    [true, 'true', true],
    [['eu', 7], '["eu",7]', true],
  ])('%j is written as %s (JSON header: %s) and read back', (key, text, json) => {
    const encoded = encodeGroupKey(key);
    expect(encoded.key).toBe(text);
    expect(encoded.headers?.[GROUP_KEY_FORMAT_HEADER]).toBe(json ? 'json' : undefined);
    expect(decodeGroupKey(Buffer.from(encoded.key, 'utf8'), encoded.headers?.[GROUP_KEY_FORMAT_HEADER])).toEqual(key);
  });

  it('places a string key on the partition of its UTF-8 bytes, where a Java producer puts it', () => {
    for (const key of ['alice', 'zoë', '名前', 'k-17']) {
      expect(javaPartition(encodeGroupKey(key).key, 12)).toBe(javaPartition(Buffer.from(key, 'utf8'), 12));
    }
  });

  it('refuses a key that is not a group key', () => {
    expect(() => decodeGroupKey(Buffer.from('{"a":1}'), 'json')).toThrow(/not a group key/);
    expect(() => decodeGroupKey(Buffer.from('1'), 'yaml')).toThrow(/unknown ksdk-key-format/);
  });
});
