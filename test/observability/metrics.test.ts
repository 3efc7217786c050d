// Issue 4 evidence: with the OpenTelemetry metrics SDK and a pull reader, every
// instrument (reference names and semconv names) equals what a real-broker run did.
import { metrics } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KsdkProducer, RuntimeEvents } from '@ksdk/runtime';
import { attachMetrics, ReferenceMetric, SemconvMetric } from '@ksdk/runtime/otel';
import { descriptorOn } from '../fixtures/orderDescriptor.js';
import { closeRawProducer } from '../fixtures/rawRecords.js';
import { brokers, createTopic, uniqueTopic } from '../helpers/kafka.js';
import { collect, CollectingReader, table, type Snapshot } from './support/collectMetrics.js';
import { runFailureScenario, type ScenarioRun } from './support/failureScenario.js';

const reader = new CollectingReader();
const provider = new MeterProvider({ readers: [reader] });
let run: ScenarioRun;
let snapshot: Snapshot;
let producerTopic: string;
let tinyTopic: string;
let producedPartitions: number[] = [];

beforeAll(async () => {
  // Registered first: attachMetrics takes its meter from the global provider.
  metrics.setGlobalMeterProvider(provider);
  const events = new RuntimeEvents();
  const detach = attachMetrics(events, { names: 'both' });

  run = await runFailureScenario(events);

  producerTopic = await createTopic(uniqueTopic('obs-pub'), 2);
  // Smaller than any CloudEvent: the broker refuses the record (MESSAGE_TOO_LARGE).
  tinyTopic = await createTopic(uniqueTopic('obs-tiny'), 1, { 'max.message.bytes': '100' });
  const producer = new KsdkProducer({ brokers: brokers(), name: 'obs-producer', events, kafka: { logLevel: logLevel.NOTHING } });
  try {
    for (const orderId of ['p-1', 'p-2', 'p-3']) {
      const result = await producer.publish(descriptorOn(producerTopic), { orderId, amount: 1 });
      producedPartitions.push(result.partition);
    }
    await expect(producer.publish(descriptorOn(tinyTopic), { orderId: 'too-big', amount: 1 })).rejects.toThrow();
  } finally {
    await producer.close();
  }
  detach();
  snapshot = await collect(reader);
}, 120_000);

afterAll(async () => {
  await run?.stop();
  await closeRawProducer();
  await provider.shutdown();
});

const count = (h: { count: number }) => h.count;

describe('reference instruments', () => {
  it('count received, processed, failed, dead-lettered and retries per topic and partition', () => {
    const t = run.topic;
    expect(table(snapshot.sums(ReferenceMetric.received))).toEqual([`partition=0,topic=${t} -> 3`, `partition=1,topic=${t} -> 5`]);
    expect(table(snapshot.sums(ReferenceMetric.processed))).toEqual([`partition=0,topic=${t} -> 2`, `partition=1,topic=${t} -> 1`]);
    expect(table(snapshot.sums(ReferenceMetric.failed))).toEqual([
      `exception_type=DecodeError,partition=1,topic=${t},will_retry=false -> 1`,
      `exception_type=KsdkError,partition=1,topic=${t},will_retry=false -> 1`,
      `exception_type=KsdkError,partition=1,topic=${t},will_retry=true -> 2`,
      `exception_type=TypeError,partition=0,topic=${t},will_retry=true -> 1`,
    ]);
    expect(table(snapshot.sums(ReferenceMetric.deadLettered))).toEqual([
      `dead_letter_topic=${run.dlt},partition=1,reason=exhausted,topic=${t} -> 1`,
      `dead_letter_topic=${run.dlt},partition=1,reason=poison,topic=${t} -> 1`,
    ]);
    expect(table(snapshot.sums(ReferenceMetric.retryAttempts))).toEqual([`partition=0,topic=${t} -> 1`, `partition=1,topic=${t} -> 2`]);
  });

  it('record lag for every delivery and processing time for every success, in ms', () => {
    const t = run.topic;
    const lag = snapshot.histograms(ReferenceMetric.lag);
    expect(table(lag, count)).toEqual([`partition=0,topic=${t} -> 3`, `partition=1,topic=${t} -> 5`]);
    for (const p of lag) expect(p.value.min).toBeGreaterThanOrEqual(0);
    const processing = snapshot.histograms(ReferenceMetric.processingDuration);
    expect(table(processing, count)).toEqual([`partition=0,topic=${t} -> 2`, `partition=1,topic=${t} -> 1`]);
    // The handler awaits a 2 ms timer: durations are in ms, not seconds.
    for (const p of processing) expect(p.value.min).toBeGreaterThan(1);
    expect(snapshot.unit(ReferenceMetric.lag)).toBe('ms');
    expect(snapshot.unit(ReferenceMetric.processingDuration)).toBe('ms');
  });

  it('count published and failed records and time them on the producer side', () => {
    const published = table(snapshot.sums(ReferenceMetric.published));
    const expected = [0, 1]
      .map((p) => [p, producedPartitions.filter((x) => x === p).length] as const)
      .filter(([, n]) => n > 0)
      .map(([p, n]) => `partition=${p},topic=${producerTopic} -> ${n}`);
    expect(published).toEqual(expected);
    expect(table(snapshot.sums(ReferenceMetric.publishFailed))).toEqual([`exception_type=PublishError,topic=${tinyTopic} -> 1`]);
    const durations = snapshot.histograms(ReferenceMetric.publishDuration);
    expect(durations.reduce((n, p) => n + p.value.count, 0)).toBe(4);
    for (const p of durations) expect(p.value.min).toBeGreaterThan(0);
  });
});

describe('semantic-convention instruments', () => {
  const consumer = (partition: number) =>
    `messaging.consumer.group.name=${run.groupId},messaging.destination.name=${run.topic},messaging.destination.partition.id=${partition},messaging.operation.name=process,messaging.operation.type=process,messaging.system=kafka`;

  it('count consumed messages per partition', () => {
    expect(table(snapshot.sums(SemconvMetric.consumedMessages))).toEqual([`${consumer(0)} -> 3`, `${consumer(1)} -> 5`]);
  });

  it('time every handler run in seconds, failed runs tagged with error.type', () => {
    expect(table(snapshot.histograms(SemconvMetric.processDuration), count)).toEqual([
      `error.type=KsdkError,${consumer(1)} -> 3`,
      `error.type=TypeError,${consumer(0)} -> 1`,
      `${consumer(0)} -> 2`,
      `${consumer(1)} -> 1`,
    ]);
    expect(snapshot.unit(SemconvMetric.processDuration)).toBe('s');
    for (const p of snapshot.histograms(SemconvMetric.processDuration)) {
      expect(p.value.min).toBeGreaterThan(0.001);
      expect(p.value.max).toBeLessThan(5);
    }
  });

  it('count and time sends, failures tagged with error.type', () => {
    const send = (topic: string) => `messaging.destination.name=${topic}`;
    const sent = table(snapshot.sums(SemconvMetric.sentMessages));
    expect(sent).toContain(`error.type=PublishError,${send(tinyTopic)},messaging.operation.name=send,messaging.operation.type=send,messaging.system=kafka -> 1`);
    expect(sent.filter((l) => l.includes(producerTopic)).reduce((n, l) => n + Number(l.split('-> ')[1]), 0)).toBe(3);
    const durations = snapshot.histograms(SemconvMetric.operationDuration);
    expect(durations.reduce((n, p) => n + p.value.count, 0)).toBe(4);
    expect(snapshot.unit(SemconvMetric.operationDuration)).toBe('s');
  });

  it('creates exactly the documented instruments', () => {
    expect(snapshot.names()).toEqual(
      [...Object.values(ReferenceMetric), ...Object.values(SemconvMetric)].sort(),
    );
  });
});
