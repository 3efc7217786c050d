#!/usr/bin/env node
// Waits until a Kafka broker accepts clients, using kafkajs (the client ksdk uses).
//
//   node scripts/wait-for-kafka.mjs [--brokers 127.0.0.1:9092] [--timeout-ms 120000]
//                                   [--pid <broker pid>] [--mode roundtrip|reachable]
//
// --mode reachable: the broker answers a metadata request (describeCluster).
// --mode roundtrip (default): additionally creates the topic __ksdk_ready, produces a
//   record with acks=all and reads it back through a consumer group (which also creates
//   __consumer_offsets, so the first real test does not pay for it).
// --pid: fail at once if that process exits while we wait.
// Exit codes: 0 ready, 1 timed out, 2 bad usage / kafkajs missing, 3 broker process died.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

function parseArgs(argv) {
  const opts = {
    brokers: process.env.KSDK_BROKERS || `127.0.0.1:${process.env.KSDK_KAFKA_PORT || '9092'}`,
    timeoutMs: 120_000,
    pid: undefined,
    mode: 'roundtrip',
    quiet: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) usage(`missing value for ${a}`);
      return v;
    };
    if (a === '--brokers') opts.brokers = next();
    else if (a === '--timeout-ms') opts.timeoutMs = Number(next());
    else if (a === '--pid') opts.pid = Number(next());
    else if (a === '--mode') opts.mode = next();
    else if (a === '--quiet') opts.quiet = true;
    else usage(`unknown argument ${a}`);
  }
  if (!Number.isFinite(opts.timeoutMs) || opts.timeoutMs <= 0) usage('bad --timeout-ms');
  if (opts.mode !== 'roundtrip' && opts.mode !== 'reachable') usage('bad --mode');
  return opts;
}

function usage(msg) {
  console.error(`wait-for-kafka: ${msg}`);
  console.error(
    'usage: wait-for-kafka.mjs [--brokers h:p,...] [--timeout-ms N] [--pid PID] [--mode roundtrip|reachable] [--quiet]',
  );
  process.exit(2);
}

const opts = parseArgs(process.argv.slice(2));
const deadline = Date.now() + opts.timeoutMs;
const remaining = () => deadline - Date.now();

let kafkajs;
try {
  kafkajs = await import('kafkajs');
} catch {
  console.error('wait-for-kafka: cannot load kafkajs; run `npm ci` (or `npm install`) at the repository root first');
  process.exit(2);
}
const { Kafka, logLevel } = kafkajs.default ?? kafkajs;

function pidAlive() {
  if (!opts.pid) return true;
  try {
    process.kill(opts.pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function checkDeadline(stage, lastError) {
  if (!pidAlive()) {
    console.error(`wait-for-kafka: broker process ${opts.pid} exited while waiting (${stage})`);
    process.exit(3);
  }
  if (remaining() <= 0) {
    console.error(
      `wait-for-kafka: timed out after ${opts.timeoutMs} ms waiting for ${opts.brokers} (${stage})` +
        (lastError ? `: ${lastError.message ?? lastError}` : ''),
    );
    process.exit(1);
  }
}

const kafkaConfig = {
  clientId: 'ksdk-wait-for-kafka',
  brokers: opts.brokers.split(',').map((s) => s.trim()).filter(Boolean),
  logLevel: process.env.KSDK_WAIT_DEBUG ? logLevel.DEBUG : logLevel.NOTHING,
  connectionTimeout: 1000,
  requestTimeout: 10_000,
};
// Probing: fail fast, the loop below retries.
const kafka = new Kafka({ ...kafkaConfig, retry: { retries: 0 } });
// Round trip: kafkajs' own retries. Right after start the group coordinator answers
// GROUP_COORDINATOR_NOT_AVAILABLE while __consumer_offsets is created and loaded; a consumer
// with no retries crashes on that and does not restart.
const patient = new Kafka({ ...kafkaConfig, retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 2000 } });

// 1. Reachable: the broker answers a metadata request listing at least one broker.
let lastError;
let cluster;
for (;;) {
  checkDeadline('connect', lastError);
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    cluster = await admin.describeCluster();
    await admin.disconnect();
    if (cluster.brokers.length > 0) break;
    lastError = new Error('no brokers in metadata yet');
  } catch (e) {
    lastError = e;
    await admin.disconnect().catch(() => {});
  }
  await sleep(Math.min(500, Math.max(0, remaining())));
}
if (opts.mode === 'reachable') {
  if (!opts.quiet) console.log(`wait-for-kafka: ${opts.brokers} reachable (cluster ${cluster.clusterId})`);
  process.exit(0);
}

// 2. Round trip: create a topic, produce with acks=all, read the record back in a group.
const topic = '__ksdk_ready';
const marker = randomUUID();
const retrying = async (stage, fn) => {
  for (;;) {
    checkDeadline(stage, lastError);
    try {
      return await fn();
    } catch (e) {
      lastError = e;
      await sleep(Math.min(500, Math.max(0, remaining())));
    }
  }
};

const admin = kafka.admin({ retry: { retries: 0 } });
await retrying('create topic', async () => {
  await admin.connect();
  const topics = await admin.listTopics();
  if (!topics.includes(topic)) {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  }
});

const producer = patient.producer({ allowAutoTopicCreation: false });
await retrying('produce', async () => {
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: [{ key: 'ready', value: marker }] });
});
await producer.disconnect().catch(() => {});

const groupId = `__ksdk_ready-${marker}`;
const consumer = patient.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000, maxWaitTimeInMs: 250 });
consumer.on(consumer.events.CRASH, (e) => {
  lastError = e.payload.error;
  if (!e.payload.restart) {
    console.error(`wait-for-kafka: consumer crashed: ${e.payload.error?.message ?? e.payload.error}`);
    process.exit(1);
  }
});
let resolveSeen;
const seen = new Promise((r) => (resolveSeen = r));
await retrying('consume', async () => {
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (message.value?.toString() === marker) resolveSeen(true);
    },
  });
});
for (;;) {
  const done = await Promise.race([seen, sleep(250).then(() => false)]);
  if (done) break;
  checkDeadline('read back', lastError);
}
await consumer.disconnect().catch(() => {});
await admin.deleteGroups([groupId]).catch(() => {});
await admin.disconnect().catch(() => {});
if (!opts.quiet) console.log(`wait-for-kafka: ${opts.brokers} accepts producers and consumers (cluster ${cluster.clusterId})`);
process.exit(0);
