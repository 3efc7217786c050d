import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { byMessageId, byProperty, byUniqueKey, custom, murmur3, roundRobin, sticky, timeWindow, type MessageMetadata, type PartitionKeyStrategy } from '@ksdk/runtime';
import { javaPartition, murmur3Hash } from '@ksdk/runtime/wire';
import { PartitionChooser } from '../../runtime/src/partitioning/PartitionChooser.js';
import { distribution, printDistributions, type Distribution } from './distribution.js';

interface Order extends MessageMetadata {
  orderId: string;
  customerId?: string;
  region: string;
  amount: number;
}

const T0 = Date.parse('2025-03-01T00:00:00.000Z');

function order(i: number, overrides: Partial<Order> = {}): Order {
  return {
    id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    timeStamp: new Date(T0 + i * 1000).toISOString(),
    orderId: `o-${i}`,
    customerId: `c-${i % 500}`,
    region: ['eu', 'us', 'apac'][i % 3]!,
    amount: i,
    ...overrides,
  };
}

/** A chooser that knows a topic of `n` partitions, all with leaders, as kafkajs would report it. */
function chooserFor(n: number, topic = 't'): PartitionChooser {
  const chooser = new PartitionChooser(() => 0.5);
  chooser.observe(
    topic,
    Array.from({ length: n }, (_, partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] })),
  );
  return chooser;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('partition-key strategies', () => {
  it('byMessageId keys by the id', () => {
    expect(byMessageId<Order>().key(order(1), 0)).toBe(order(1).id);
    expect(byMessageId().kind).toBe('message-id');
  });

  it('byUniqueKey defaults to the id and uses the given unique key', () => {
    expect(byUniqueKey<Order>().key(order(2), 0)).toBe(order(2).id);
    expect(byUniqueKey<Order>((m) => `${m.customerId}/${m.orderId}`).key(order(2), 0)).toBe('c-2/o-2');
  });

  it('roundRobin gives no key, and the chooser then spreads records evenly over partitions', () => {
    const strategy = roundRobin<Order>();
    const chooser = chooserFor(6);
    const partitions = Array.from({ length: 600 }, (_, i) => chooser.choose('t', strategy.key(order(i), 0))!);
    expect(strategy.key(order(1), 0)).toBeNull();
    // Consecutive records visit every partition in turn.
    expect(new Set(partitions.slice(0, 6)).size).toBe(6);
    expect(distribution('rr', partitions, 6, []).counts).toEqual([100, 100, 100, 100, 100, 100]);
  });

  it('roundRobin skips partitions without a leader', () => {
    const chooser = new PartitionChooser(() => 0);
    chooser.observe('t', [
      { partitionId: 0, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] },
      { partitionId: 1, leader: -1, partitionErrorCode: 5, replicas: [1], isr: [] },
      { partitionId: 2, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] },
    ]);
    const seen = new Set(Array.from({ length: 20 }, () => chooser.choose('t', null)));
    expect(seen).toEqual(new Set([0, 2]));
  });

  it('sticky holds one key for its duration, then picks another (injected clock)', () => {
    let n = 0;
    const strategy = sticky<Order>(5000, () => `k${++n}`);
    expect(strategy.key(order(1), 1_000)).toBe('k1');
    expect(strategy.key(order(2), 3_000)).toBe('k1');
    expect(strategy.key(order(3), 5_999)).toBe('k1');
    expect(strategy.key(order(4), 6_000)).toBe('k2');
    expect(strategy.key(order(5), 10_999)).toBe('k2');
    expect(strategy.key(order(6), 11_000)).toBe('k3');
  });

  it('sticky with its default random keys changes partition over time (fake timers drive the clock)', () => {
    vi.useFakeTimers({ now: T0 });
    const strategy = sticky<Order>(1000);
    const first = strategy.key(order(1), Date.now());
    vi.advanceTimersByTime(999);
    expect(strategy.key(order(2), Date.now())).toBe(first);
    vi.advanceTimersByTime(1);
    const second = strategy.key(order(3), Date.now());
    expect(second).not.toBe(first);
    expect(typeof second).toBe('string');
  });

  it('sticky forks: each producer gets its own key and period', () => {
    let n = 0;
    const shared = sticky<Order>(1000, () => `k${++n}`);
    const a = shared.fork!();
    const b = shared.fork!();
    expect(a.key(order(1), 0)).toBe('k1');
    expect(b.key(order(1), 500)).toBe('k2');
    expect(a.key(order(1), 900)).toBe('k1');
    expect(b.key(order(1), 1400)).toBe('k2');
  });

  it('sticky and timeWindow refuse a non-positive duration', () => {
    expect(() => sticky(0)).toThrow(RangeError);
    expect(() => timeWindow(-1)).toThrow(RangeError);
  });

  it('timeWindow keys by the window of the message timestamp, not the clock', () => {
    const hour = 3_600_000;
    const strategy = timeWindow<Order>(hour);
    const at = (iso: string) => strategy.key(order(1, { timeStamp: iso }), 0);
    expect(at('2025-03-01T10:00:00.000Z')).toBe(at('2025-03-01T10:59:59.999Z'));
    expect(at('2025-03-01T11:00:00.000Z')).not.toBe(at('2025-03-01T10:59:59.999Z'));
    expect(at('2025-03-01T10:15:00.000Z')).toBe(String(Math.floor(Date.parse('2025-03-01T10:15:00.000Z') / hour)));
    // An unparsable timestamp falls back to the clock.
    expect(strategy.key(order(1, { timeStamp: 'not a date' }), 5 * hour + 1)).toBe('5');
  });

  it('byProperty keys by the property value; a missing value means no key', () => {
    const strategy = byProperty<Order>('customerId');
    expect(strategy.key(order(7), 0)).toBe('c-7');
    expect(strategy.key(order(7, { customerId: undefined }), 0)).toBeNull();
    expect(byProperty<Order>('amount').key(order(42), 0)).toBe('42');
  });

  it('byProperty and murmur3 only accept property names of the message type', () => {
    expectTypeOf(byProperty<Order>).parameter(0).toEqualTypeOf<'id' | 'timeStamp' | 'raisingComponent' | 'tenant' | 'conversation' | 'orderId' | 'customerId' | 'region' | 'amount'>();
    // @ts-expect-error a misspelt property does not compile
    byProperty<Order>('customerID');
    // @ts-expect-error a misspelt property does not compile
    murmur3<Order>('custId');
  });

  it('murmur3 keys by the MurmurHash3 of the property (or the id)', () => {
    expect(murmur3<Order>('customerId').key(order(7), 0)).toBe(String(murmur3Hash('c-7')));
    expect(murmur3<Order>().key(order(7), 0)).toBe(String(murmur3Hash(order(7).id)));
    expect(murmur3<Order>('customerId').key(order(7, { customerId: undefined }), 0)).toBeNull();
  });

  it('custom is called with the message, the clock and the topic', () => {
    const fn = vi.fn((m: Order, now: number, topic: string | undefined) => `${m.region}:${m.customerId}@${topic}:${now}`);
    const strategy = custom<Order>(fn);
    const message = order(4);
    expect(strategy.key(message, 123, 'orders')).toBe('us:c-4@orders:123');
    expect(fn).toHaveBeenCalledWith(message, 123, 'orders');
  });

  it('strategies are PartitionKeyStrategy values the generator can emit', () => {
    expectTypeOf(byProperty<Order>('region')).toEqualTypeOf<PartitionKeyStrategy<Order>>();
    expectTypeOf(custom<Order>(() => null)).toEqualTypeOf<PartitionKeyStrategy<Order>>();
  });
});

describe('key distribution over partitions (measured)', () => {
  const N = 12_000;
  const P = 12;

  function measure(label: string, strategy: PartitionKeyStrategy<Order>, clock: (i: number) => number = () => T0): Distribution {
    const chooser = chooserFor(P);
    const own = strategy.fork ? strategy.fork() : strategy;
    const keys: Array<string | Buffer | null> = [];
    const partitions: number[] = [];
    for (let i = 0; i < N; i++) {
      const message = order(i);
      const key = own.key(message, clock(i), 't');
      keys.push(key);
      partitions.push(chooser.choose('t', key)!);
    }
    return distribution(label, partitions, P, keys);
  }

  it('prints the distribution of each strategy and checks what each promises', () => {
    let stickyKeys = 0;
    const rows = [
      measure('byMessageId', byMessageId<Order>()),
      measure('byUniqueKey(customer/order)', byUniqueKey<Order>((m) => `${m.customerId}/${m.orderId}`)),
      measure('roundRobin', roundRobin<Order>()),
      // One record every 10 ms, sticky for 1 s: 100 records per key, 120 keys (named, so the run is repeatable).
      measure('sticky(1s)', sticky<Order>(1000, () => `sticky-${++stickyKeys}`), (i) => T0 + i * 10),
      // Messages are 1 s apart: a 1-minute window holds 60 of them, 200 windows.
      measure('timeWindow(1min)', timeWindow<Order>(60_000)),
      measure('byProperty(customerId)', byProperty<Order>('customerId')),
      measure('murmur3(customerId)', murmur3<Order>('customerId')),
      measure('custom(region:customer)', custom<Order>((m) => `${m.region}:${m.customerId}`)),
    ];
    printDistributions(`${N} messages over ${P} partitions`, rows);
    const by = Object.fromEntries(rows.map((r) => [r.label, r]));
    expect(by.roundRobin!.counts.every((c) => c === N / P)).toBe(true);
    // Hash-keyed strategies with many distinct keys use every partition and stay near even.
    for (const label of ['byMessageId', 'byUniqueKey(customer/order)']) {
      expect(by[label]!.empty).toBe(0);
      expect(by[label]!.maxOverMean).toBeLessThan(1.2);
    }
    // Few distinct keys (500 customers, 120 sticky periods, 200 windows) are lumpier but cover all partitions.
    for (const label of ['sticky(1s)', 'timeWindow(1min)', 'byProperty(customerId)', 'murmur3(customerId)', 'custom(region:customer)']) {
      expect(by[label]!.empty).toBe(0);
    }
    expect(by['sticky(1s)']!.distinctKeys).toBe(120);
    expect(by['timeWindow(1min)']!.distinctKeys).toBe(200);
    expect(by['byProperty(customerId)']!.distinctKeys).toBe(500);
  });

  it('keeps every customer on one partition with byProperty, where Java would put it', () => {
    const strategy = byProperty<Order>('customerId');
    const chooser = chooserFor(P);
    const home = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const m = order(i);
      const p = chooser.choose('t', strategy.key(m, 0))!;
      expect(home.get(m.customerId!) ?? p).toBe(p);
      home.set(m.customerId!, p);
      expect(p).toBe(javaPartition(m.customerId!, P));
    }
  });
});
