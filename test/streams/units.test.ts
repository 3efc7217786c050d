// The pure parts of streams, without a broker: window arithmetic as Kafka Streams does
// it and option checks (the window store and derived ids: state.unit.test.ts).
import { describe, expect, it } from 'vitest';
import { hopping, session, StreamApp, tumbling } from '@ksdk/runtime';

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
