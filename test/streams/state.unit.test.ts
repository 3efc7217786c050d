// Unit tests of stream state without a broker: the window store's changelog round trip and
// the derived ids of the messages a stream app writes.
import { describe, expect, it } from 'vitest';
import { deterministicId } from '../../runtime/src/streams/processing/deterministicId.js';
import { WindowStore } from '../../runtime/src/streams/state/WindowStore.js';

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
