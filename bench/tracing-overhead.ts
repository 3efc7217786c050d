// Benchmark (not a test): what does ksdk's OpenTelemetry tracing cost in throughput?
//
// Against the real broker, in one process and one run, it alternates rounds with
// tracing off and on (on, off, off, on, ...) so drift in the broker, the page cache
// or the JIT hits both modes alike, then reports medians and the on/off ratio.
//
//   consume: a fresh consumer group reads N pre-filled records with a trivial handler;
//            "on" adds the tracing interceptor (a `process` span per record, W3C
//            context extracted from the headers) and its span-event listeners.
//   publish: `produce()` N records and `flush()`; "on" adds the tracing publish interceptor
//            (a `send` span per record, context injected into the headers).
//
// "On" means a real SDK that records every span (AlwaysOn sampling) and hands it to a
// BatchSpanProcessor whose exporter drops it: the in-process cost of tracing without
// the network cost of an exporter. The handler does nothing, so the ratio is the
// worst case; with real work per record, tracing's share shrinks.
//
// Run: KSDK_BROKERS=127.0.0.1:9092 npx tsx bench/tracing-overhead.ts [--records 20000] [--rounds 5]
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResultCode, W3CTraceContextPropagator, type ExportResult } from '@opentelemetry/core';
import { BasicTracerProvider, BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Kafka, logLevel } from 'kafkajs';
import { KsdkProducer, RuntimeEvents, Subscription, type MessageMetadata } from '@ksdk/runtime';
import type { MessageDescriptor } from '@ksdk/runtime/codegen';
import { createTracing } from '@ksdk/runtime/otel';

interface BenchOrder extends MessageMetadata {
  orderId: string;
  amount: number;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const RECORDS = arg('records', 20_000);
const ROUNDS = arg('rounds', 5);
const PARTITIONS = 3;
const brokers = (process.env.KSDK_BROKERS ?? '127.0.0.1:9092').split(',');
const quiet = { logLevel: logLevel.NOTHING };

/** Counts spans and drops them: the SDK does all its work, nothing leaves the process. */
class DroppingExporter implements SpanExporter {
  spans = 0;
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.spans += spans.length;
    done({ code: ExportResultCode.SUCCESS });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** A round that stalls fails the benchmark with what it was waiting for, instead of hanging. */
async function withDeadline<T>(work: Promise<T>, what: () => string, ms = 120_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`stalled: ${what()}`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const groups: string[] = [];

/** One round's throughput (msg/s, wall clock) and process CPU time per record (µs). */
interface RoundResult {
  rate: number;
  cpuUs: number;
}

const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

async function consumeRound(topic: string, descriptor: MessageDescriptor<BenchOrder>, traced: boolean, round: number): Promise<RoundResult> {
  const events = new RuntimeEvents();
  const tracing = traced ? createTracing({ events }) : undefined;
  let handled = 0;
  let first = 0;
  let last = 0;
  let cpuFirst = 0;
  let cpuLast = 0;
  const groupId = `${topic}-g-${round}-${traced ? 'on' : 'off'}`;
  groups.push(groupId);
  let finished!: () => void;
  const allHandled = new Promise<void>((resolve) => (finished = resolve));
  const sub = new Subscription<BenchOrder>(
    { name: 'bench', topic, groupId, messages: [descriptor], concurrency: PARTITIONS },
    {
      handle: () => {
        if (handled === 0) {
          first = performance.now();
          cpuFirst = cpuMicros();
        }
        if (++handled === RECORDS) {
          last = performance.now();
          cpuLast = cpuMicros();
          finished();
        }
        return true;
      },
    },
    { brokers, kafka: quiet, maxWaitTimeMs: 100, ...(tracing ? { events, interceptors: [tracing.processInterceptor] } : {}) },
  );
  await sub.start();
  await withDeadline(allHandled, () => `consume round (${traced ? 'on' : 'off'}): ${handled} of ${RECORDS} handled`);
  await sub.stop();
  tracing?.close();
  // From the first record to the last: group join and connect are not what we measure.
  return { rate: (RECORDS - 1) / ((last - first) / 1000), cpuUs: (cpuLast - cpuFirst) / (RECORDS - 1) };
}

async function publishRound(topic: string, descriptor: MessageDescriptor<BenchOrder>, traced: boolean): Promise<RoundResult> {
  const tracing = traced ? createTracing() : undefined;
  const producer = new KsdkProducer({ brokers, kafka: quiet, name: 'bench', ...(tracing ? { interceptors: [tracing.publishInterceptor] } : {}) });
  await producer.connect();
  const started = performance.now();
  const cpuStarted = cpuMicros();
  let failed = 0;
  for (let i = 0; i < RECORDS; i++) {
    producer.produce(descriptor, { orderId: `o-${i}`, amount: i }, (report) => {
      if (report.status === 'failed') failed++;
    });
  }
  const left = await withDeadline(producer.flush(), () => `publish round (${traced ? 'on' : 'off'}): flush`);
  const seconds = (performance.now() - started) / 1000;
  const cpuUs = (cpuMicros() - cpuStarted) / RECORDS;
  await producer.close();
  if (left > 0 || failed > 0) throw new Error(`publish round: ${left} pending, ${failed} failed`);
  return { rate: RECORDS / seconds, cpuUs };
}

async function main(): Promise<void> {
  const exporter = new DroppingExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter, { maxQueueSize: 100_000, maxExportBatchSize: 2048 })] });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());

  const admin = new Kafka({ clientId: 'ksdk-bench', brokers, ...quiet }).admin();
  await admin.connect();
  const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const source = `bench-trace-src-${suffix}`;
  const sink = `bench-trace-pub-${suffix}`;
  await admin.createTopics({ topics: [source, sink].map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })), waitForLeaders: true });
  const { default: Ajv } = await import('ajv');
  const validate = new Ajv.default().compile({ type: 'object', required: ['orderId', 'amount'], properties: { orderId: { type: 'string' }, amount: { type: 'number' } } });
  const descriptor = (topic: string): MessageDescriptor<BenchOrder> => ({ name: 'BenchOrder', type: 'com.example.bench.BenchOrder', topic, validate });

  try {
    // Pre-fill the consume topic once, traced, so every record carries a traceparent
    // (the "on" rounds extract and parent on it; the "off" rounds ignore it).
    const filler = new KsdkProducer({ brokers, kafka: quiet, name: 'filler', interceptors: [createTracing().publishInterceptor] });
    for (let i = 0; i < RECORDS; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, RECORDS - i) }, (_, j) => ({ orderId: `o-${i + j}`, amount: i + j }));
      const result = await trace.getTracer('bench').startActiveSpan('fill', async (span) => {
        const r = await withDeadline(filler.publishBatch(descriptor(source), batch), () => `pre-fill at ${i}`);
        span.end();
        return r;
      });
      if (result.failed.length > 0) throw new Error(`pre-fill failed: ${result.failed[0]!.error.message}`);
    }
    await filler.close();

    process.stderr.write(`pre-filled ${RECORDS} records\n`);
    // One warm-up round per mode and kind, not counted: JIT, connections, metadata.
    await consumeRound(source, descriptor(source), false, -1);
    await consumeRound(source, descriptor(source), true, -1);
    await publishRound(sink, descriptor(sink), false);
    await publishRound(sink, descriptor(sink), true);

    const results = { consume: { off: [] as RoundResult[], on: [] as RoundResult[] }, publish: { off: [] as RoundResult[], on: [] as RoundResult[] } };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which mode goes first: off,on / on,off / ...
      const order: boolean[] = round % 2 === 0 ? [false, true] : [true, false];
      for (const traced of order) results.consume[traced ? 'on' : 'off'].push(await consumeRound(source, descriptor(source), traced, round));
      for (const traced of order) results.publish[traced ? 'on' : 'off'].push(await publishRound(sink, descriptor(sink), traced));
      process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
    }
    await provider.forceFlush();

    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    const rows = (['consume', 'publish'] as const).map((kind) => {
      const { off, on } = results[kind];
      const rateOff = median(off.map((r) => r.rate));
      const rateOn = median(on.map((r) => r.rate));
      const cpuOff = median(off.map((r) => r.cpuUs));
      const cpuOn = median(on.map((r) => r.cpuUs));
      return { kind, rateOff, rateOn, ratio: rateOn / rateOff, cpuOff, cpuOn, off, on };
    });
    console.log(`\nksdk tracing overhead: ${RECORDS} records x ${ROUNDS} alternating rounds per mode, ${PARTITIONS} partitions, broker ${brokers.join(',')}, load average ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} CPUs`);
    console.log(`spans recorded and dropped by the exporter: ${exporter.spans}\n`);
    console.log('| path    | off msg/s (median) | on msg/s (median) | throughput on/off | CPU µs/record off | CPU µs/record on | CPU on/off |');
    console.log('| ------- | -----------------: | ----------------: | ----------------: | ----------------: | ---------------: | ---------: |');
    for (const r of rows) {
      console.log(
        `| ${r.kind.padEnd(7)} | ${fmt(r.rateOff).padStart(18)} | ${fmt(r.rateOn).padStart(17)} | ${r.ratio.toFixed(3).padStart(17)} | ${r.cpuOff.toFixed(1).padStart(17)} | ${r.cpuOn.toFixed(1).padStart(16)} | ${(r.cpuOn / r.cpuOff).toFixed(3).padStart(10)} |`,
      );
    }
    console.log('\nall rounds (msg/s @ CPU µs/record):');
    const list = (rs: RoundResult[]) => rs.map((r) => `${fmt(r.rate)} @ ${r.cpuUs.toFixed(1)}`).join(', ');
    for (const r of rows) console.log(`  ${r.kind} off: ${list(r.off)}\n  ${r.kind} on:  ${list(r.on)}`);
  } finally {
    await admin.deleteGroups(groups).catch(() => undefined);
    await admin.deleteTopics({ topics: [source, sink] }).catch(() => undefined);
    await admin.disconnect();
    await provider.shutdown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
