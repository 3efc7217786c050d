// A consumer process for the multi-process, crash and SIGTERM tests. Each handled record is
// appended to a file (synchronously, so a line in the file was really handled before any kill):
//   `start <id>` when the handler begins (slow ids only), `done <id> <pid> <partition>` when it ends.
// Runs under a Worker, so SIGTERM triggers the graceful stop that the tests observe.
import { appendFileSync } from 'node:fs';
import { Subscription, Worker } from '@ksdk/runtime';
import { descriptorOn } from '../../fixtures/orderDescriptor.js';

const [topic, groupId, out, consumers = '1', slowMs = '0'] = process.argv.slice(2) as [string, string, string, string?, string?];
const sub = new Subscription(
  { name: 'child', topic, groupId, messages: [descriptorOn(topic)], consumers: Number(consumers), concurrency: 2 },
  {
    handle: async (m, ctx) => {
      const slow = m.orderId.startsWith('slow');
      if (slow) appendFileSync(out, `start ${m.id}\n`);
      await new Promise((resolve) => setTimeout(resolve, slow ? Number(slowMs) : 2));
      appendFileSync(out, `done ${m.id} ${process.pid} ${ctx.partition}\n`);
      return true;
    },
  },
  {
    brokers: (process.env.KSDK_BROKERS ?? '127.0.0.1:9092').split(','),
    clientId: `child-${process.pid}`,
    heartbeatIntervalMs: 300,
    sessionTimeoutMs: 6000,
    kafka: { logLevel: 0 },
  },
);
const worker = new Worker([sub], { shutdownTimeoutMs: 15000 });
await worker.start();
process.stdout.write('started\n');
