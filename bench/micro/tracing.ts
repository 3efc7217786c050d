// Microbenchmark (no broker): what ksdk's consumer tracing costs per record, with kafkajs
// replaced by a stand-in that hands out prepared batches (bench/lib/instantKafka.ts). The
// same three modes as bench/tracing-overhead.ts: "off" (no interceptor), "noop" (ksdk's
// tracing pieces with a tracer of a provider with no SDK behind it: ksdk's own part) and
// "on" (a recording SDK whose exporter drops the spans). The 1 KiB bench orders carry a
// W3C traceparent, as a traced producer writes them. CPU µs per record, median of
// alternating rounds; without the broker's noise, differences of a few tenths of a µs show.
// With `--before <dir>` (the `dist` folder of a snapshot from bench/tools/ab.sh) that build
// runs too, alternating with the current one, in the same process.
//
//   node bench/out/js/micro/tracing.js [--records 20000] [--rounds 9] [--modes off,noop,on]
//                                      [--before bench/out/ab/<name>/node_modules/@ksdk/runtime/dist]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { context, propagation, ProxyTracerProvider, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResultCode, W3CTraceContextPropagator, type ExportResult } from '@opentelemetry/core';
import { BasicTracerProvider, BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import * as currentRoot from '@ksdk/runtime';
import * as currentOtel from '@ksdk/runtime/otel';
import type { MessageHandler, MessageMetadata } from '@ksdk/runtime';
import { BenchProducer, messages, subscriptionSpecs } from '../client/src/generated/index.js';
import { parseArgs } from '../lib/args.js';
import { asFetched, inBatches, InstantKafka } from '../lib/instantKafka.js';
import { order } from '../lib/payloads.js';
import { alternate, cpuMicros, fmt, median } from '../lib/stats.js';

const args = parseArgs();
const N = args.num('records', 20_000, 5000);
type Mode = 'off' | 'noop' | 'on';
const MODES = args.list('modes', ['off', 'noop', 'on']) as Mode[];
interface Runtime {
  root: Pick<typeof currentRoot, 'Subscription' | 'RuntimeEvents'>;
  otel: Pick<typeof currentOtel, 'createTracing'>;
}
const beforeDir = args.str('before');
const builds: Record<string, Runtime> = { current: { root: currentRoot, otel: currentOtel } };
if (beforeDir) {
  const load = async (file: string) => import(pathToFileURL(path.resolve(beforeDir, file)).href);
  builds.before = { root: (await load('index.js')) as Runtime['root'], otel: (await load('otel/index.js')) as Runtime['otel'] };
}

/** Counts nothing, keeps nothing: the SDK does all its work, nothing leaves the process. */
class DroppingExporter implements SpanExporter {
  export(_spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    done({ code: ExportResultCode.SUCCESS });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

// What an application's SDK setup registers (as bench/tracing-overhead.ts does).
const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(new DroppingExporter(), { maxQueueSize: 100_000, maxExportBatchSize: 2048 })] });
trace.setGlobalTracerProvider(provider);
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
const noopTracer = new ProxyTracerProvider().getTracer('ksdk-bench-noop');

const kafka = new InstantKafka();
const encoder = new BenchProducer({ factory: kafka });
const fillTracer = trace.getTracer('bench-fill');
kafka.batches = inBatches(
  Array.from({ length: N }, (_, i) => {
    const { record } = encoder.runtime.toRecord(messages.BenchOrder, order('1k', i));
    const span = fillTracer.startSpan('send');
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(context.active(), span), carrier);
    span.end();
    return asFetched({ ...record, headers: { ...record.headers, ...carrier } }, i);
  }),
);

async function drain(build: Runtime, mode: Mode): Promise<number> {
  const events = new build.root.RuntimeEvents();
  const tracing = mode === 'off' ? undefined : build.otel.createTracing({ events, ...(mode === 'noop' ? { tracer: noopTracer } : {}) });
  let seen = 0;
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const handler: MessageHandler<MessageMetadata> = {
    handle: () => {
      if (++seen === N) done();
      return true;
    },
  };
  const sub = new build.root.Subscription(subscriptionSpecs.orders, handler, { factory: kafka, ...(tracing ? { events, interceptors: [tracing.processInterceptor] } : {}) });
  await sub.start();
  const c0 = cpuMicros();
  await all;
  const us = (cpuMicros() - c0) / N;
  await sub.stop();
  tracing?.close();
  return us;
}

const sides = Object.keys(builds).flatMap((build) => MODES.map((mode) => `${build} ${mode}`));
const run = (side: string) => {
  const [build, mode] = side.split(' ') as [string, Mode];
  return drain(builds[build]!, mode);
};
for (const side of sides) await run(side); // warm-up, not counted
const results: Record<string, number[]> = {};
await alternate(sides, args.rounds, async (side) => {
  (results[side] ??= []).push(await run(side));
});
console.log(`ksdk consumer tracing without a broker: CPU µs per 1 KiB record, median of ${args.rounds} alternating rounds of ${N}${beforeDir ? `; "before" = ${beforeDir}` : ''}`);
console.log('| build | mode | µs/record | − off µs | rounds |');
console.log('| ----- | ---- | --------: | -------: | ------ |');
for (const side of sides) {
  const [build] = side.split(' ') as [string];
  const off = results[`${build} off`];
  const us = median(results[side]!);
  console.log(`| ${side.replace(' ', ' | ')} | ${fmt(us, 2)} | ${off ? fmt(us - median(off), 2) : '–'} | ${results[side]!.map((x) => x.toFixed(1)).join(' ')} |`);
}
await provider.shutdown();
