// Generated input for the differential window test: keyed, timestamped records with
// bursts of activity per key (sessions that merge and ones that stay apart), written
// mostly in event-time order but with a share of records delayed: some within grace,
// some beyond it (late), some around the session store's retention bound.

/** A small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface WindowInputOptions {
  seed: number;
  keys: readonly string[];
  /** Event time of the first records (ms since the epoch). */
  t0: number;
  /** Event time span per key. */
  durationMs: number;
}

export interface InputRecord {
  key: string;
  timestamp: number;
}

/**
 * Records in the order they are to be written. Event times: per key, bursts of 1–5
 * records 100–1500 ms apart, separated by pauses of 1–9 s. Write order: event time plus
 * a delay that is 0 for 70 % of the records, up to 3 s for 15 %, 3–10 s for 10 % and
 * 10–30 s for 5 %, so records arrive out of order, some within grace and some late.
 */
export function generateWindowInput({ seed, keys, t0, durationMs }: WindowInputOptions): InputRecord[] {
  const rnd = random(seed);
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const events: Array<InputRecord & { arrival: number; index: number }> = [];
  for (const key of keys) {
    let t = t0 + between(0, 2000);
    while (t < t0 + durationMs) {
      const burst = between(1, 5);
      for (let i = 0; i < burst; i++) {
        events.push({ key, timestamp: t, arrival: 0, index: events.length });
        t += between(100, 1500);
      }
      t += between(1000, 9000);
    }
  }
  for (const e of events) {
    const r = rnd();
    const delay = r < 0.7 ? 0 : r < 0.85 ? between(1, 3000) : r < 0.95 ? between(3000, 10_000) : between(10_000, 30_000);
    e.arrival = e.timestamp + delay;
  }
  events.sort((a, b) => a.arrival - b.arrival || a.index - b.index);
  return events.map(({ key, timestamp }) => ({ key, timestamp }));
}
