// Microbenchmark (no broker): ksdk's own per-record cost on its hot paths, with kafkajs
// replaced by stand-ins that answer at once. What remains is ksdk's work (validation,
// envelope, encoding, decoding, message context, bookkeeping) next to the minimum an
// application does with plain kafkajs (JSON.stringify / JSON.parse). CPU µs per record,
// median of alternating rounds. For profiling: node --cpu-prof bench/out/js/micro/hotpaths.js
//
//   node bench/out/js/micro/hotpaths.js [--records 20000] [--rounds 5] [--paths consume,produce,batch]
import type { Admin, Consumer, ConsumerRunConfig, EachBatchPayload, IHeaders, KafkaMessage, Message, Producer, ProducerRecord, RecordMetadata } from 'kafkajs';
import { Subscription, type ClientFactory, type MessageHandler, type MessageMetadata } from '@ksdk/runtime';
import { BenchProducer, messages, subscriptionSpecs } from '../client/src/generated/index.js';
import { parseArgs } from '../lib/args.js';
import { baselineValue, order, SIZES, type PayloadSize } from '../lib/payloads.js';
import { alternate, cpuMicros, fmt, median } from '../lib/stats.js';

const args = parseArgs();
const N = args.num('records', 20_000, 5000);
const PATHS = args.list('paths', ['consume', 'produce', 'batch']);
const BATCH = 500;

/** A kafkajs stand-in: producers acknowledge at once; a consumer hands out prepared batches. */
class InstantKafka implements ClientFactory {
  batches: KafkaMessage[][] = [];
  readonly #offsets = new Map<string, number>();

  createProducer(): Producer {
    const send = async (record: ProducerRecord): Promise<RecordMetadata[]> => {
      const partition = record.messages[0]?.partition ?? 0;
      const key = `${record.topic}/${partition}`;
      const base = this.#offsets.get(key) ?? 0;
      this.#offsets.set(key, base + record.messages.length);
      return [{ topicName: record.topic, partition, errorCode: 0, baseOffset: String(base) }];
    };
    return { connect: async () => undefined, disconnect: async () => undefined, send } as unknown as Producer;
  }

  createConsumer(): Consumer {
    const listeners = new Map<string, (e: unknown) => void>();
    const batches = this.batches;
    let running = false;
    const consumer = {
      events: { GROUP_JOIN: 'group_join', REBALANCING: 'rebalancing', CRASH: 'crash' },
      on: (event: string, fn: (e: unknown) => void) => listeners.set(event, fn),
      connect: async () => undefined,
      subscribe: async () => undefined,
      disconnect: async () => {
        running = false;
      },
      pause: () => undefined,
      resume: () => undefined,
      seek: () => undefined,
      paused: () => [],
      run: async (config: ConsumerRunConfig) => {
        running = true;
        listeners.get('group_join')?.({ payload: { memberAssignment: { t: [0] } } });
        void (async () => {
          for (const messages of batches) {
            if (!running) break;
            const payload = {
              batch: { topic: 't', partition: 0, messages },
              resolveOffset: () => undefined,
              heartbeat: async () => undefined,
              isRunning: () => running,
              isStale: () => false,
              commitOffsetsIfNecessary: async () => undefined,
            } as unknown as EachBatchPayload;
            await config.eachBatch!(payload);
          }
        })();
      },
    };
    return consumer as unknown as Consumer;
  }

  createAdmin(): Admin {
    throw new Error('no admin in this stand-in');
  }
}

/** What kafkajs hands a consumer for a record ksdk produced: Buffers, string offsets. */
function asFetched(record: Message, offset: number): KafkaMessage {
  const headers: IHeaders = {};
  for (const [k, v] of Object.entries(record.headers ?? {})) headers[k] = Buffer.from(String(v));
  const value = Buffer.isBuffer(record.value) ? record.value : Buffer.from(String(record.value));
  const key = record.key === null || record.key === undefined ? null : Buffer.from(record.key);
  return { key, value, headers, timestamp: String(Date.now()), offset: String(offset), attributes: 0, size: value.length } as unknown as KafkaMessage;
}

function inBatches(records: KafkaMessage[]): KafkaMessage[][] {
  const out: KafkaMessage[][] = [];
  for (let i = 0; i < records.length; i += BATCH) out.push(records.slice(i, i + BATCH));
  return out;
}

async function cpuPerRecord(body: () => Promise<void>): Promise<number> {
  const c0 = cpuMicros();
  await body();
  return (cpuMicros() - c0) / N;
}

async function consume(size: PayloadSize): Promise<Record<'ksdk' | 'app', number>> {
  const kafka = new InstantKafka();
  const encoder = new BenchProducer({ factory: kafka });
  const fetched = Array.from({ length: N }, (_, i) => asFetched(encoder.runtime.toRecord(messages.BenchOrder, order(size, i)).record, i));
  kafka.batches = inBatches(fetched);
  const sides = {
    ksdk: async () => {
      let seen = 0;
      let done!: () => void;
      const all = new Promise<void>((r) => (done = r));
      const handler: MessageHandler<MessageMetadata> = {
        handle: () => {
          if (++seen === N) done();
          return true;
        },
      };
      const sub = new Subscription(subscriptionSpecs.orders, handler, { factory: kafka });
      await sub.start();
      await all;
      await sub.stop();
    },
    // kafkajs eachMessage's shape: one awaited callback per record that parses the JSON value.
    app: async () => {
      const each = async (m: KafkaMessage) => {
        JSON.parse(m.value!.toString('utf8'));
      };
      for (const batch of kafka.batches) for (const m of batch) await each(m);
    },
  };
  return measure(sides);
}

async function produce(size: PayloadSize, mode: 'produce' | 'batch'): Promise<Record<'ksdk' | 'app', number>> {
  const kafka = new InstantKafka();
  const producer = new BenchProducer({ factory: kafka });
  const sink = kafka.createProducer();
  await producer.connect();
  const sides = {
    ksdk: async () => {
      const inputs = Array.from({ length: N }, (_, i) => order(size, i));
      if (mode === 'produce') {
        for (const m of inputs) producer.produceBenchOrder(m);
        await producer.flush();
      } else {
        for (let i = 0; i < N; i += BATCH) await producer.publishBenchOrderBatch(inputs.slice(i, i + BATCH));
      }
    },
    // A kafkajs application: stringify (with an id and a timestamp) and send in chunks.
    app: async () => {
      const inputs = Array.from({ length: N }, (_, i) => order(size, i));
      for (let i = 0; i < N; i += BATCH) {
        await sink.send({ topic: 't', acks: -1, messages: inputs.slice(i, i + BATCH).map((m) => ({ key: m.orderId, value: baselineValue(m) })) });
      }
    },
  };
  const r = await measure(sides);
  await producer.close();
  return r;
}

async function measure(sides: Record<'ksdk' | 'app', () => Promise<void>>): Promise<Record<'ksdk' | 'app', number>> {
  await sides.ksdk();
  await sides.app();
  const out: Record<'ksdk' | 'app', number[]> = { ksdk: [], app: [] };
  await alternate(['ksdk', 'app'] as const, args.rounds, async (side) => {
    out[side].push(await cpuPerRecord(sides[side]));
  });
  return { ksdk: median(out.ksdk), app: median(out.app) };
}

async function main(): Promise<void> {
  console.log(`ksdk hot paths without a broker: CPU µs per record, median of ${args.rounds} rounds of ${N}`);
  console.log('| path | size | ksdk µs | app-with-kafkajs µs | ksdk - app µs |');
  console.log('| ---- | ---- | ------: | ------------------: | ------------: |');
  for (const size of args.list('sizes', SIZES) as PayloadSize[]) {
    const results: Array<[string, Record<'ksdk' | 'app', number>]> = [];
    if (PATHS.includes('consume')) results.push(['consume (subscription)', await consume(size)]);
    if (PATHS.includes('produce')) results.push(['produce()+flush', await produce(size, 'produce')]);
    if (PATHS.includes('batch')) results.push(['publishBatch', await produce(size, 'batch')]);
    for (const [name, r] of results) console.log(`| ${name} | ${size} | ${fmt(r.ksdk)} | ${fmt(r.app)} | ${fmt(r.ksdk - r.app)} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
