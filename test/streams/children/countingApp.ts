// A stream app in its own process, for the crash tests: counts orders per customer in
// 10 s tumbling windows and writes the results as JSON. Prints its status as JSON lines
// every 100 ms so the test can kill it mid-stream.
//   node --import tsx countingApp.ts <applicationId> <input> <output> <guarantee> <busyMsPerRecord> <crashAfterWrites> [<repartitionPurgeIntervalMs>]
//
// With crashAfterWrites = K > 0 the process SIGKILLs itself right after its K-th write to
// Kafka is acknowledged, before that chunk's offsets are committed: the worst moment to
// die, and the one where at-least-once reprocesses a chunk. The hook sits in a wrapping
// ClientFactory, so the stream runtime itself has no test-only code path.
import { logLevel, type Producer } from 'kafkajs';
import { DefaultClientFactory, StreamApp, tumbling, type ClientFactory, type ProcessingGuarantee } from '@ksdk/runtime';
import { orderTopic } from '../streamFixtures.js';

const [applicationId, input, output, guarantee, busy, crashAfter, purgeMs] = process.argv.slice(2) as [string, string, string, ProcessingGuarantee, string, string, string | undefined];
const busyMs = Number(busy);
const crashAfterWrites = Number(crashAfter);

const connection = { brokers: (process.env.KSDK_BROKERS ?? '127.0.0.1:9092').split(','), kafka: { logLevel: logLevel.NOTHING } };
const base = new DefaultClientFactory(connection);
let writes = 0;
const afterWrite = () => {
  writes++;
  if (crashAfterWrites > 0 && writes === crashAfterWrites) process.kill(process.pid, 'SIGKILL');
};
const crashingFactory: ClientFactory = {
  createConsumer: (config) => base.createConsumer(config),
  createAdmin: () => base.createAdmin(),
  createProducer(config) {
    const producer = base.createProducer(config);
    const sendBatch = producer.sendBatch.bind(producer);
    producer.sendBatch = async (batch) => {
      const result = await sendBatch(batch);
      afterWrite();
      return result;
    };
    const transaction = producer.transaction.bind(producer);
    producer.transaction = async () => {
      const tx = await transaction();
      const txSendBatch = tx.sendBatch.bind(tx);
      tx.sendBatch = async (batch) => {
        const result = await txSendBatch(batch);
        afterWrite();
        return result;
      };
      return tx;
    };
    return producer satisfies Producer;
  },
};

const app = new StreamApp({
  applicationId,
  guarantee,
  factory: crashingFactory,
  maxRecordsPerCommit: 10,
  ...(purgeMs === undefined ? {} : { repartitionPurgeIntervalMs: Number(purgeMs) }),
  maxWaitTimeMs: 100,
  sessionTimeoutMs: 6000,
  heartbeatIntervalMs: 500,
});
app
  .stream(orderTopic(input))
  // Slow the source stage down a little so a kill lands mid-stream.
  .peek(() => {
    const until = Date.now() + busyMs;
    while (Date.now() < until);
  })
  .groupBy((o) => o.customerId ?? 'none', { name: 'by-customer' })
  .windowedBy(tumbling(10_000).grace(3_600_000))
  .count({ name: 'counts' })
  .to(output);

const report = () => {
  const s = app.status();
  // Records of both stages: the input and the repartition topic.
  process.stdout.write(`${JSON.stringify({ state: s.state, processed: s.processedRecords + s.repartitionRecords, tasks: s.tasks.length, error: s.lastError?.message })}\n`);
};
await app.start();
setInterval(report, 100);
process.on('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
