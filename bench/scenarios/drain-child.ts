// A drain in its own process, for the consume, java, overheads and memory scenarios (see
// drainInChild in lib/consumers.ts): reads one pre-filled topic with one side, then prints
// one JSON line {rate, rateWithJoin, cpuUs, seconds, maxRssMB, heapMaxMB}. Peak RSS is this
// process's own (getrusage maxRSS).
//   node bench/out/js/scenarios/drain-child.js --side ksdk|eachMessage|eachBatch --topic T --group G
//        --count N --spec orders|ticks [--no-validate] [--fetch-bytes N]
// --fetch-bytes: the ksdk side's kafkajs consumer fetches at most N bytes per partition (3 N per
// request) instead of kafkajs's 1 MiB / 10 MiB, through a custom ClientFactory (what an
// application does to bound a consumer's memory).
import { DefaultClientFactory } from '@ksdk/runtime';
import type { ValidateFunction } from '@ksdk/runtime/codegen';
import type { ConsumerConfig } from 'kafkajs';
import { messages, subscriptionSpecs } from '../client/src/generated/index.js';
import { parseArgs } from '../lib/args.js';
import { drain, type ChildDrained, type DrainSide, type SpecName } from '../lib/consumers.js';
import { brokers, quiet } from '../lib/kafka.js';

const args = parseArgs();
const side = args.str('side') as DrainSide;
const specName = (args.str('spec') ?? 'orders') as SpecName;
const acceptAll: ValidateFunction = () => true;
// --no-validate: the generated validator replaced by an accept-all one (consumers always
// validate; this measures what validation costs).
const spec = process.argv.includes('--no-validate')
  ? specName === 'orders'
    ? { ...subscriptionSpecs.orders, messages: [{ ...messages.BenchOrder, validate: acceptAll }] }
    : { ...subscriptionSpecs.ticks, messages: [{ ...messages.BenchTick, validate: acceptAll }] }
  : subscriptionSpecs[specName];

const fetchBytes = args.str('fetch-bytes') === undefined ? undefined : args.num('fetch-bytes', 1);
class BoundedFetches extends DefaultClientFactory {
  override createConsumer(config: ConsumerConfig & { clientId?: string }) {
    return super.createConsumer({ ...config, maxBytesPerPartition: fetchBytes, maxBytes: 3 * fetchBytes! });
  }
}

let heapMax = 0;
const sampler = setInterval(() => {
  heapMax = Math.max(heapMax, process.memoryUsage().heapUsed);
}, 100);
const t0 = performance.now();
const result = await drain(side, {
  topic: args.str('topic')!,
  groupId: args.str('group')!,
  count: args.num('count', 1),
  spec,
  ...(fetchBytes === undefined ? {} : { ksdkOptions: { factory: new BoundedFetches({ brokers, kafka: quiet }) } }),
});
clearInterval(sampler);
const report: ChildDrained = {
  ...result,
  seconds: (performance.now() - t0) / 1000,
  maxRssMB: process.resourceUsage().maxRSS / 1024,
  heapMaxMB: heapMax / 1024 / 1024,
};
console.log(JSON.stringify(report));
