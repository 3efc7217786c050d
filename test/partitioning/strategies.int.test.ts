// Each partition-key strategy on the real broker: what lands where, per partition (printed),
// and the property each strategy promises, read back from the stored records.
import { logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { byMessageId, byProperty, byUniqueKey, custom, KsdkProducer, murmur3, roundRobin, sticky, timeWindow, type MessageMetadata, type PartitionKeyStrategy } from '@ksdk/runtime';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';
import { brokers, createTopic, readAll, uniqueTopic, type ReadRecord } from '../helpers/kafka.js';
import { distribution, printDistributions, type Distribution } from './distribution.js';

const N = 1200;
const P = 6;
const T0 = Date.parse('2025-03-01T00:00:00.000Z');

const producers: KsdkProducer[] = [];
const measured: Distribution[] = [];
afterAll(async () => {
  printDistributions(`broker: ${N} messages per strategy over ${P} partitions (read back from the topic)`, measured);
  for (const p of producers) await p.close({ timeoutMs: 5000 });
});

/** Produces N orders (1 s apart in timeStamp, 10 ms apart on the producer clock) and reads them back. */
async function run(label: string, strategy: PartitionKeyStrategy<TestOrder>): Promise<Array<ReadRecord & { data: TestOrder & MessageMetadata }>> {
  const topic = await createTopic(uniqueTopic(`strategy-${label.replace(/\W+/g, '-')}`), P);
  let clock = T0;
  const p = new KsdkProducer({ brokers: brokers(), now: () => clock, lingerMs: 5, kafka: { logLevel: logLevel.NOTHING } });
  producers.push(p);
  const descriptor = descriptorOn(topic, { partitionKey: strategy });
  for (let i = 0; i < N; i++) {
    clock = T0 + i * 10;
    p.produce(descriptor, { orderId: `o-${i}`, amount: i, customerId: `c-${i % 50}`, timeStamp: new Date(T0 + i * 1000).toISOString() });
  }
  expect(await p.flush(60_000)).toBe(0);
  const stored = (await readAll(topic, { expected: N })).map((r) => {
    const event = JSON.parse(String(r.value));
    return { ...r, data: { ...event.data, id: event.id, timeStamp: event.time } };
  });
  measured.push(distribution(label, stored.map((r) => r.partition), P, stored.map((r) => (r.key === null ? null : r.key.toString('hex')))));
  return stored;
}

/** Records grouped by a value; every group must sit on one partition. */
function onePartitionPer(stored: ReadonlyArray<ReadRecord & { data: TestOrder }>, group: (r: ReadRecord & { data: TestOrder }) => string): number {
  const partitions = new Map<string, Set<number>>();
  for (const r of stored) {
    const g = group(r);
    partitions.set(g, (partitions.get(g) ?? new Set()).add(r.partition));
  }
  for (const [g, set] of partitions) expect(set.size, `group ${g}`).toBe(1);
  return partitions.size;
}

describe('partition-key strategies on the broker', () => {
  it('byMessageId: every message keyed by its id, spread over all partitions', async () => {
    const stored = await run('byMessageId', byMessageId<TestOrder>());
    for (const r of stored) expect(String(r.key)).toBe(r.data.id);
    expect(new Set(stored.map((r) => r.partition)).size).toBe(P);
  });

  it('byUniqueKey: keyed by the unique key', async () => {
    const stored = await run('byUniqueKey(customer/order)', byUniqueKey<TestOrder>((m) => `${m.customerId}/${m.orderId}`));
    for (const r of stored) expect(String(r.key)).toBe(`${r.data.customerId}/${r.data.orderId}`);
  });

  it('roundRobin: no key, records spread evenly over all partitions', async () => {
    const stored = await run('roundRobin', roundRobin<TestOrder>());
    expect(stored.every((r) => r.key === null)).toBe(true);
    expect(measured.at(-1)!.counts).toEqual(new Array(P).fill(N / P));
  });

  it('sticky(1s): one key (and partition) per second of producer clock', async () => {
    const stored = await run('sticky(1s)', sticky<TestOrder>(1000));
    // 10 ms apart on the clock: 100 consecutive messages share a key.
    const keys = onePartitionPer(stored, (r) => String(r.key));
    expect(keys).toBe(N / 100);
    const byOrder = [...stored].sort((a, b) => a.data.amount - b.data.amount);
    for (let i = 0; i < N; i += 100) expect(new Set(byOrder.slice(i, i + 100).map((r) => String(r.key))).size).toBe(1);
  });

  it('timeWindow(1min): one partition per minute of message timestamps', async () => {
    const stored = await run('timeWindow(1min)', timeWindow<TestOrder>(60_000));
    const windows = onePartitionPer(stored, (r) => String(Math.floor(Date.parse(r.data.timeStamp) / 60_000)));
    expect(windows).toBe(N / 60);
  });

  it('byProperty(customerId): one partition per customer', async () => {
    const stored = await run('byProperty(customerId)', byProperty<TestOrder>('customerId'));
    expect(onePartitionPer(stored, (r) => r.data.customerId!)).toBe(50);
    for (const r of stored) expect(String(r.key)).toBe(r.data.customerId);
  });

  it('murmur3(customerId): one partition per customer, keyed by the hash', async () => {
    const stored = await run('murmur3(customerId)', murmur3<TestOrder>('customerId'));
    expect(onePartitionPer(stored, (r) => r.data.customerId!)).toBe(50);
    expect(stored.every((r) => /^\d+$/.test(String(r.key)))).toBe(true);
  });

  it('custom: called with each message, its key decides the partition', async () => {
    const seen: string[] = [];
    const stored = await run(
      'custom(region of customer)',
      custom<TestOrder>((m, _now, topic) => {
        seen.push(`${m.orderId}@${topic}`);
        return `region-${Number(m.customerId!.slice(2)) % 4}`;
      }),
    );
    expect(seen).toHaveLength(N);
    expect(seen[0]).toMatch(/^o-0@strategy-custom/);
    expect(onePartitionPer(stored, (r) => String(r.key))).toBe(4);
  });
});
