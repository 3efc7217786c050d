// The pure parts of streams, without a broker: window arithmetic as Kafka Streams does
// it, the window store's changelog round trip, derived message ids, option checks.
import { describe, expect, it } from 'vitest';
import { leftTheGroup } from '../../runtime/src/streams/processing/leftTheGroup.js';
import { hopping, session, StreamApp, tumbling } from '../../runtime/src/streams/index.js';
import { deterministicId } from '../../runtime/src/streams/processing/deterministicId.js';
import { WindowStore } from '../../runtime/src/streams/state/WindowStore.js';

describe('time windows', () => {
  it.each([
    // [size, advance, timestamp, expected window starts] — Kafka Streams' TimeWindows.windowsFor
    [10, 10, 0, [0]],
    [10, 10, 9, [0]],
    [10, 10, 10, [10]],
    [10, 5, 12, [5, 10]],
    [10, 5, 3, [0]], // no negative starts: [-5, 5) is not produced near the epoch
    [10, 3, 10, [3, 6, 9]],
  ])('size %i advance %i: %i falls in windows starting at %j', (size, advance, ts, starts) => {
    const windows = (size === advance ? tumbling(size) : hopping(size, advance)).windowsFor(ts);
    expect(windows.map((w) => w.start)).toEqual(starts);
    for (const w of windows) expect(w.end - w.start).toBe(size);
  });

  it('rejects windows that cannot exist', () => {
    expect(() => tumbling(0)).toThrow(/positive/);
    expect(() => hopping(10, 20)).toThrow(/must not exceed/);
    expect(() => tumbling(10).grace(-1)).toThrow(/non-negative/);
    expect(() => session(0)).toThrow(/positive/);
    expect(tumbling(10).grace(5)).toMatchObject({ kind: 'tumbling', sizeMs: 10, advanceMs: 10, graceMs: 5 });
  });
});

describe('window store', () => {
  it('writes only what changed, tombstones removed windows, and restores the same state', () => {
    const store = new WindowStore<number>();
    store.observe(100);
    store.put({ key: 'a', keyText: '"a"', start: 0, end: 10, aggregate: 1, timestamp: 5 });
    store.put({ key: 'b', keyText: '"b"', start: 0, end: 10, aggregate: 2, timestamp: 6 });
    const first = store.drain();
    expect(first.map((r) => r.key)).toEqual(['[0,10,"\\"a\\""]', '[0,10,"\\"b\\""]', '"stream-time"']);
    expect(store.drain()).toEqual([]);

    const a = store.get('"a"', 0, 10)!;
    store.remove(a, 'closed');
    store.put({ key: 'b', keyText: '"b"', start: 0, end: 10, aggregate: 3, timestamp: 7 });
    // A window created and removed between two drains never reaches the changelog.
    const c = { key: 'c', keyText: '"c"', start: 0, end: 10, aggregate: 1, timestamp: 8 };
    store.put(c);
    store.remove(c, 'merged');
    const second = store.drain();
    expect(second).toEqual([
      { key: '[0,10,"\\"a\\""]', value: null },
      { key: '[0,10,"\\"b\\""]', value: JSON.stringify({ aggregate: 3, timestamp: 7 }) },
    ]);

    const restored = new WindowStore<number>();
    for (const r of [...first, ...second]) restored.restore(r.key, r.value, 'test');
    expect(restored.streamTime).toBe(100);
    expect(restored.size).toBe(1);
    expect(restored.get('"b"', 0, 10)).toMatchObject({ key: 'b', aggregate: 3, timestamp: 7 });
    expect(restored.drain()).toEqual([]);
  });

  it('refuses changelog records it did not write', () => {
    const store = new WindowStore<number>();
    expect(() => store.restore('not json', '{}', 'changelog/0@0')).toThrow(/changelog\/0@0 is not ksdk window state/);
  });
});

describe('derived message ids', () => {
  it('are UUID-shaped, stable for the same input and distinct otherwise', () => {
    const id = deterministicId('app', '1:topic', 'in/0/5', '0');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicId('app', '1:topic', 'in/0/5', '0')).toBe(id);
    expect(deterministicId('app', '1:topic', 'in/0/5', '1')).not.toBe(id);
  });
});

describe('stream app options', () => {
  it('opens no connection when constructed and validates names', () => {
    expect(() => new StreamApp({ applicationId: 'bad name' })).toThrow(/applicationId/);
    expect(() => new StreamApp({ applicationId: 'ok', maxRecordsPerCommit: 0 })).toThrow(/maxRecordsPerCommit/);
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => new StreamApp({ applicationId: 'ok', repartitionPurgeIntervalMs: bad })).toThrow(/repartitionPurgeIntervalMs/);
    expect(() => new StreamApp({ applicationId: 'ok', repartitionPurgeIntervalMs: Infinity })).not.toThrow();
    const app = new StreamApp({ applicationId: 'units', brokers: ['127.0.0.1:1'] });
    const t = { name: 'in', messages: [] };
    app.stream(t).groupBy(() => 'k', { name: 'g' });
    expect(() => app.stream(t).groupBy(() => 'k', { name: 'g' })).toThrow(/used twice/);
    expect(app.status()).toMatchObject({ state: 'idle', healthy: false, tasks: [] });
  });
});

describe('leftTheGroup', () => {
  it('tells the broker answers that put a member out of its group, also wrapped, from the others', () => {
    for (const type of ['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS']) {
      expect(leftTheGroup({ type })).toBe(true);
      expect(leftTheGroup(new Error('commit failed', { cause: new Error('retries exceeded', { cause: Object.assign(new Error(type), { type }) }) }))).toBe(true);
    }
    // A coordinator that moved or a timeout says nothing about membership: the commit may even have been applied.
    for (const error of [{ type: 'NOT_COORDINATOR_FOR_GROUP' }, { type: 'REQUEST_TIMED_OUT' }, new Error('Connection closed'), null, undefined, 'UNKNOWN_MEMBER_ID']) expect(leftTheGroup(error)).toBe(false);
  });
});
