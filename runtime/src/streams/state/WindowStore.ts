import type { GroupKey } from '../GroupKey.js';
import {
  decodeChangelogRecord,
  STREAM_TIME_KEY,
  streamTimeValue,
  windowKey,
  windowValue,
  type ChangelogRecord,
} from './changelogFormat.js';

/** Kafka's "no timestamp yet": stream time before the first record. */
export const NO_TIMESTAMP = -1;

/** One key's aggregate in one window (or session). */
export interface WindowEntry<A> {
  readonly key: GroupKey;
  readonly keyText: string;
  readonly start: number;
  readonly end: number;
  aggregate: A;
  /** Largest timestamp of the records aggregated: the event time of its results. */
  timestamp: number;
  /** Its final result was forwarded (`emit: 'final'`); it stays only for the store's retention. */
  emitted?: boolean;
}

interface Tracked<A> {
  entry: WindowEntry<A>;
  /** Written to the changelog (so deleting it needs a tombstone). */
  persisted: boolean;
}

/** Changes since the last `drain()` that an aggregation forwards as results. */
export interface PendingChanges<A> {
  /** Entries created or updated, still live. */
  updated: WindowEntry<A>[];
  /** Entries already in the changelog that a session merge removed. */
  merged: WindowEntry<A>[];
}

const id = (start: number, end: number, keyText: string) => `${start}\u0000${end}\u0000${keyText}`;

/**
 * The state of one aggregation for one partition (task): window entries by key,
 * and the partition's stream time. In memory, mirrored to the changelog topic:
 * every change is tracked until `drain()`, which the task turns into changelog
 * records committed with the input offsets.
 */
export class WindowStore<A> {
  #streamTime = NO_TIMESTAMP;
  #streamTimeChanged = false;
  readonly #entries = new Map<string, Tracked<A>>();
  readonly #byKey = new Map<string, Set<Tracked<A>>>();
  readonly #updated = new Map<string, Tracked<A>>();
  readonly #removed = new Map<string, { tracked: Tracked<A>; why: 'merged' | 'closed' }>();

  get streamTime(): number {
    return this.#streamTime;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Advances stream time to `timestamp` if it is later; returns the stream time. */
  observe(timestamp: number): number {
    if (timestamp > this.#streamTime) {
      this.#streamTime = timestamp;
      this.#streamTimeChanged = true;
    }
    return this.#streamTime;
  }

  get(keyText: string, start: number, end: number): WindowEntry<A> | undefined {
    return this.#entries.get(id(start, end, keyText))?.entry;
  }

  /** Entries of a key whose window overlaps `[from, to]` (inclusive bounds), oldest first. */
  overlapping(keyText: string, from: number, to: number): WindowEntry<A>[] {
    const found: WindowEntry<A>[] = [];
    for (const t of this.#byKey.get(keyText) ?? []) if (t.entry.end >= from && t.entry.start <= to) found.push(t.entry);
    return found.sort((a, b) => a.start - b.start);
  }

  /** Every live entry matching `predicate` (a full scan: stores are per partition and bounded by retention). */
  entriesWhere(predicate: (entry: WindowEntry<A>) => boolean): WindowEntry<A>[] {
    const found: WindowEntry<A>[] = [];
    for (const t of this.#entries.values()) if (predicate(t.entry)) found.push(t.entry);
    return found;
  }

  put(entry: WindowEntry<A>): void {
    const key = id(entry.start, entry.end, entry.keyText);
    const existing = this.#entries.get(key);
    const tracked: Tracked<A> = existing ?? { entry, persisted: this.#removed.get(key)?.tracked.persisted ?? false };
    tracked.entry = entry;
    if (!existing) {
      this.#entries.set(key, tracked);
      let set = this.#byKey.get(entry.keyText);
      if (!set) this.#byKey.set(entry.keyText, (set = new Set()));
      set.add(tracked);
    }
    this.#removed.delete(key);
    this.#updated.set(key, tracked);
  }

  remove(entry: WindowEntry<A>, why: 'merged' | 'closed'): void {
    const key = id(entry.start, entry.end, entry.keyText);
    const tracked = this.#entries.get(key);
    if (!tracked) return;
    this.#entries.delete(key);
    const set = this.#byKey.get(entry.keyText);
    set?.delete(tracked);
    if (set?.size === 0) this.#byKey.delete(entry.keyText);
    this.#updated.delete(key);
    if (tracked.persisted) this.#removed.set(key, { tracked, why });
  }

  /** What changed since the last drain, without clearing it. */
  pending(): PendingChanges<A> {
    const merged: WindowEntry<A>[] = [];
    for (const { tracked, why } of this.#removed.values()) if (why === 'merged') merged.push(tracked.entry);
    return { updated: [...this.#updated.values()].map((t) => t.entry), merged };
  }

  /** The changelog records that persist every change since the last drain; clears the changes. */
  drain(): ChangelogRecord[] {
    const records: ChangelogRecord[] = [];
    for (const { tracked } of this.#removed.values()) {
      const e = tracked.entry;
      records.push({ key: windowKey(e.start, e.end, e.keyText), value: null });
    }
    for (const tracked of this.#updated.values()) {
      const e = tracked.entry;
      tracked.persisted = true;
      records.push({ key: windowKey(e.start, e.end, e.keyText), value: windowValue(e.aggregate, e.timestamp, e.emitted === true) });
    }
    if (this.#streamTimeChanged) records.push({ key: STREAM_TIME_KEY, value: streamTimeValue(this.#streamTime) });
    this.#removed.clear();
    this.#updated.clear();
    this.#streamTimeChanged = false;
    return records;
  }

  /** Applies one changelog record during restore (last record per key wins, as after compaction). */
  restore(key: string, value: string | null, where: string): void {
    const record = decodeChangelogRecord(key, value, where);
    switch (record.kind) {
      case 'stream-time':
        this.#streamTime = Math.max(this.#streamTime, record.streamTime);
        return;
      case 'tombstone': {
        const existing = this.get(record.keyText, record.start, record.end);
        if (existing) this.remove(existing, 'closed');
        break;
      }
      case 'window':
        this.put({
          key: JSON.parse(record.keyText) as GroupKey,
          keyText: record.keyText,
          start: record.start,
          end: record.end,
          aggregate: record.aggregate as A,
          timestamp: record.timestamp,
          ...(record.emitted ? { emitted: true } : {}),
        });
        break;
    }
    // What is restored is already in the changelog: nothing to write back.
    for (const tracked of this.#updated.values()) tracked.persisted = true;
    this.#updated.clear();
    this.#removed.clear();
  }
}
