import type { Consumer } from 'kafkajs';
import { Subscription, type ConsumerOptions, type MessageHandler, type MessageMetadata, type SubscriptionSpec } from '@ksdk/runtime';
import { baselineKafka, brokers, quiet } from './kafka.js';
import { cpuMicros } from './stats.js';

/** How long a fetch waits for data, the same on every side (ksdk's default is 500, kafkajs's 5000). */
export const MAX_WAIT_MS = 100;

/** The consuming sides: a generated ksdk subscription, and plain kafkajs's two APIs. */
export type DrainSide = 'ksdk' | 'eachMessage' | 'eachBatch';

export interface Drained {
  /** Records per second from the first record handled to the last: the steady state. */
  rate: number;
  /** Records per second from `start()`/`run()` to the last record: includes connecting and the group join. */
  rateWithJoin: number;
  /** Process CPU time per record between the first and the last record, in µs. */
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

/** A counter that resolves once `count` records were handled, and times the steady state. */
class Tally {
  handled = 0;
  first = 0;
  last = 0;
  cpuFirst = 0;
  cpuLast = 0;
  readonly done: Promise<void>;
  #resolve!: () => void;

  constructor(readonly count: number) {
    this.done = new Promise((resolve) => (this.#resolve = resolve));
  }

  tick(): void {
    if (this.handled === 0) {
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
    const n = this.count - 1;
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
