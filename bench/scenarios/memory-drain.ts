// Child process of the memory scenario: drains one pre-filled topic with one side and
// prints a JSON line {side, records, seconds, maxRssMB, heapMaxMB}. Run alone so its
// peak RSS is its own (getrusage maxRSS of this process).
//   node bench/out/js/scenarios/memory-drain.js --side ksdk|eachMessage --topic T --group G --count N
import { subscriptionSpecs } from '../client/src/generated/index.js';
import { parseArgs } from '../lib/args.js';
import { drain, type DrainSide } from '../lib/consumers.js';

const args = parseArgs();
const side = args.str('side') as DrainSide;
const topic = args.str('topic')!;
const groupId = args.str('group')!;
const count = args.num('count', 1_000_000);

let heapMax = 0;
const sampler = setInterval(() => {
  heapMax = Math.max(heapMax, process.memoryUsage().heapUsed);
}, 100);
const t0 = performance.now();
const result = await drain(side, { topic, groupId, count, spec: subscriptionSpecs.ticks });
clearInterval(sampler);
console.log(
  JSON.stringify({
    side,
    records: count,
    seconds: (performance.now() - t0) / 1000,
    rate: result.rate,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    heapMaxMB: heapMax / 1024 / 1024,
  }),
);
