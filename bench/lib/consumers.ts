import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Consumer } from 'kafkajs';
import { Subscription, type ConsumerOptions, type MessageHandler, type MessageMetadata } from '@ksdk/runtime';
import type { SubscriptionSpec } from '@ksdk/runtime/codegen';
import { baselineKafka, brokers, quiet } from './kafka.js';
import { nodeArgs } from './paths.js';
import { cpuMicros } from './stats.js';

const execFileAsync = promisify(execFile);

/** How long a fetch waits for data, the same on every side (ksdk's default is 500, kafkajs's 5000). */
export const MAX_WAIT_MS = 100;

/** The consuming sides: a generated ksdk subscription, and plain kafkajs's two APIs. */
export type DrainSide = 'ksdk' | 'eachMessage' | 'eachBatch';

export interface Drained {
  /** Records per second from the record at 10 % of the backlog to the last: the steady state. */
  rate: number;
  /** Records per second from `start()`/`run()` to the last record: includes connecting and the group join. */
  rateWithJoin: number;
  /** Process CPU time per record over the same span, in µs. */
  cpuUs: number;
}

export interface DrainOptions {
  topic: string;
  groupId: string;
  /** Records to wait for: the whole backlog. */
  count: number;
  /** The generated subscription spec the ksdk side runs (topic and group are overridden). */
  spec: SubscriptionSpec<any>;
  /** Extra ksdk consumer options (interceptors, events...). */
  ksdkOptions?: ConsumerOptions;
  /** Per-record work of the baseline: by default it parses the JSON value, as any real consumer would. */
  baselineWork?: (value: Buffer | null) => void;
  /** Called on every record on every side (latency probes). */
  onRecord?: (message: unknown) => void;
}

const parseJson = (value: Buffer | null) => {
  if (value) JSON.parse(value.toString('utf8'));
};

/**
 * A counter that resolves once `count` records were handled, and times the steady state:
 * from the record at 10 % of the backlog to the last, so a fresh process's JIT warm-up
 * and the first fetches are not measured (the same cut on every side).
 */
class Tally {
  handled = 0;
  readonly #from: number;
  first = 0;
  last = 0;
  cpuFirst = 0;
  cpuLast = 0;
  readonly done: Promise<void>;
  #resolve!: () => void;

  constructor(readonly count: number) {
    this.#from = Math.floor(count / 10);
    this.done = new Promise((resolve) => (this.#resolve = resolve));
  }

  tick(): void {
    if (this.handled === this.#from) {
      this.first = performance.now();
      this.cpuFirst = cpuMicros();
    }
    if (++this.handled === this.count) {
      this.last = performance.now();
      this.cpuLast = cpuMicros();
      this.#resolve();
    }
  }

  result(started: number): Drained {
    const n = this.count - 1 - this.#from;
    return { rate: n / ((this.last - this.first) / 1000), rateWithJoin: this.count / ((this.last - started) / 1000), cpuUs: (this.cpuLast - this.cpuFirst) / n };
  }
}

/** Reads `count` records of a pre-filled topic from the beginning with a fresh group, then stops. */
export async function drain(side: DrainSide, o: DrainOptions): Promise<Drained> {
  const tally = new Tally(o.count);
  const started = performance.now();
  if (side === 'ksdk') {
    const handler: MessageHandler<MessageMetadata> = {
      handle: (message) => {
        o.onRecord?.(message);
        tally.tick();
        return true;
      },
    };
    const sub = new Subscription(o.spec, handler, {
      brokers,
      kafka: quiet,
      maxWaitTimeMs: MAX_WAIT_MS,
      ...o.ksdkOptions,
      overrides: { [o.spec.name]: { topic: o.topic, groupId: o.groupId } },
    });
    await sub.start();
    await tally.done;
    await sub.stop();
    return tally.result(started);
  }

  const work = o.baselineWork ?? parseJson;
  const consumer: Consumer = baselineKafka('bench-consumer').consumer({ groupId: o.groupId, maxWaitTimeInMs: MAX_WAIT_MS, allowAutoTopicCreation: false });
  await consumer.connect();
  await consumer.subscribe({ topic: o.topic, fromBeginning: true });
  if (side === 'eachMessage') {
    await consumer.run({
      eachMessage: async ({ message }) => {
        work(message.value);
        o.onRecord?.(message);
        tally.tick();
      },
    });
  } else {
    await consumer.run({
      eachBatchAutoResolve: true,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        for (const message of batch.messages) {
          if (!isRunning() || isStale()) break;
          work(message.value);
          o.onRecord?.(message);
          tally.tick();
          resolveOffset(message.offset);
          await heartbeat();
        }
      },
    });
  }
  await tally.done;
  await consumer.disconnect();
  return tally.result(started);
}

/** What a drain in its own process reports (`scenarios/drain-child`). */
export interface ChildDrained extends Drained {
  seconds: number;
  maxRssMB: number;
  heapMaxMB: number;
}

/** The message specs a drain child can run, by name. */
export type SpecName = 'orders' | 'ticks';

/**
 * Drains in a fresh process (bench/scenarios/drain-child): every side starts equal. In one
 * process, the first AsyncLocalStorage a ksdk subscription uses (its message context)
 * switches on Node's promise hooks for the rest of that process, and a plain kafkajs
 * consumer running after it would pay for them too.
 */
export async function drainInChild(side: DrainSide, o: { topic: string; groupId: string; count: number; spec: SpecName; validate?: boolean; fetchBytes?: number }): Promise<ChildDrained> {
  const args = [...nodeArgs('scenarios/drain-child'), '--side', side, '--topic', o.topic, '--group', o.groupId, '--count', String(o.count), '--spec', o.spec];
  if (o.validate === false) args.push('--no-validate');
  if (o.fetchBytes !== undefined) args.push('--fetch-bytes', String(o.fetchBytes));
  const { stdout } = await execFileAsync(process.execPath, args, { env: { ...process.env, KSDK_BROKERS: brokers.join(',') }, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ChildDrained;
}
