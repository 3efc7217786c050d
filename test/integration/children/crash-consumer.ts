// A consumer process for the crash test: handles records slowly and appends each handled id
// to a file (synchronously, so an id in the file was really handled before any kill).
import { appendFileSync } from 'node:fs';
import { Subscription } from '../../../runtime/src/index.js';
import { descriptorOn } from '../../fixtures/orderDescriptor.js';

const [topic, groupId, out] = process.argv.slice(2) as [string, string, string];
const sub = new Subscription(
  { name: 'crash', topic, groupId, messages: [descriptorOn(topic)], partitionsConsumedConcurrently: 2 },
  {
    handle: async (m) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      appendFileSync(out, `${m.id}\n`);
      return true;
    },
  },
  { brokers: (process.env.KSDK_BROKERS ?? '127.0.0.1:9092').split(','), heartbeatIntervalMs: 300, sessionTimeoutMs: 6000, kafka: { logLevel: 0 } },
);
await sub.start();
process.stdout.write('started\n');
