// Placement checked against Java itself: Apache Kafka's Utils.murmur2 and the producer's
// BuiltInPartitioner.partitionForKey (scripts/java/Murmur2Check.java, run on the JDK and
// kafka-clients jar the broker uses), compared with ksdk's function, with kafkajs's
// DefaultPartitioner, and with where ksdk's records actually landed on the broker.
import { createRequire } from 'node:module';
import { logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custom, KsdkProducer, type DeliveryReport } from '@ksdk/runtime';
import { javaPartition, murmur2 } from '@ksdk/runtime/wire';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';
import { brokers, createTopic, readAll, uniqueTopic } from '../helpers/kafka.js';
import { javaPlacement, type JavaPlacement } from './javaMurmur2.js';
import { byteKeys, textKeys } from './keys.js';

const require = createRequire(import.meta.url);
const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2.js') as (key: Buffer) => number;

const COUNTS = [1, 2, 3, 5, 6, 7, 12, 16, 32, 50, 64, 100, 1000];
const TEXT = textKeys(4000);
const BYTES = byteKeys(2000);
const ALL: Buffer[] = [...TEXT.map((k) => Buffer.from(k, 'utf8')), ...BYTES];

let java: JavaPlacement;
beforeAll(() => {
  java = javaPlacement(ALL, COUNTS);
}, 300_000);

const producers: KsdkProducer[] = [];
afterAll(async () => {
  for (const p of producers) await p.close({ timeoutMs: 5000 });
});

describe('murmur2 against Apache Kafka (Java)', () => {
  it(`agrees with Utils.murmur2 on ${ALL.length} keys (${TEXT.filter((k) => /[^\x00-\x7f]/.test(k)).length} non-ASCII)`, () => {
    const mismatches = ALL.filter((key, i) => murmur2(key) !== java.hashes[i]);
    expect(mismatches).toEqual([]);
  });

  it(`agrees with BuiltInPartitioner.partitionForKey for ${COUNTS.length} partition counts`, () => {
    COUNTS.forEach((n, c) => {
      const mismatches = ALL.filter((key, i) => javaPartition(key, n) !== java.partitions[c]![i]);
      expect(mismatches, `${n} partitions`).toEqual([]);
    });
  });

  it('strings hash as their UTF-8 bytes, as StringSerializer sends them', () => {
    TEXT.forEach((key, i) => expect(javaPartition(key, 12)).toBe(java.partitions[COUNTS.indexOf(12)]![i]));
  });

  it("confirms kafkajs's DefaultPartitioner hash is Java compatible (kafkajs 2.2.4)", () => {
    expect(ALL.filter((key, i) => kafkajsMurmur2(key) !== java.hashes[i])).toEqual([]);
  });
});

describe('records land where Java would put them (broker)', () => {
  /** Key = the message's customerId: text as is, or bytes written as hex with a `hex:` prefix. */
  const keyOf = (m: TestOrder) => (m.customerId!.startsWith('hex:') ? Buffer.from(m.customerId!.slice(4), 'hex') : m.customerId!);

  it.each([3, 7, 12])('with %i partitions: publishBatch and produce place every keyed record as Java does', async (n) => {
    const topic = await createTopic(uniqueTopic(`placement-${n}`), n);
    const descriptor = descriptorOn(topic, { partitionKey: custom<TestOrder>(keyOf) });
    const p = new KsdkProducer({ brokers: brokers(), kafka: { logLevel: logLevel.NOTHING } });
    producers.push(p);
    const keys = [...TEXT.slice(0, 1200).map((k) => k), ...BYTES.slice(0, 300).map((b) => `hex:${b.toString('hex')}`)];
    const half = Math.floor(keys.length / 2);
    const batch = await p.publishBatch(
      descriptor,
      keys.slice(0, half).map((k, i) => ({ orderId: `o-${i}`, amount: i, customerId: k })),
      { batchSize: 200 },
    );
    expect(batch.failed).toEqual([]);
    const reports: DeliveryReport[] = [];
    keys.slice(half).forEach((k, i) => p.produce(descriptor, { orderId: `o-${half + i}`, amount: i, customerId: k }, (r) => reports.push(r)));
    expect(await p.flush(60_000)).toBe(0);
    expect(reports.filter((r) => r.status === 'failed')).toEqual([]);

    const stored = await readAll(topic, { expected: keys.length });
    expect(stored).toHaveLength(keys.length);
    // Ask Java about the key bytes exactly as stored on the broker.
    const storedKeys = stored.map((r) => r.key!);
    const fromJava = javaPlacement(storedKeys, [n]).partitions[0]!;
    const wrong = stored.filter((r, i) => r.partition !== fromJava[i]);
    expect(wrong).toEqual([]);
    // And every partition received records.
    expect(new Set(stored.map((r) => r.partition)).size).toBe(n);
  });
});
