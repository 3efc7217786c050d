import { logLevel } from 'kafkajs';
import { DefaultClientFactory, type ClientFactory } from '@ksdk/runtime';
import { brokers, committedOffsets, createTopic, readAll, uniqueTopic } from '../helpers/kafka.js';
import type { ContractTransport } from './ContractTransport.js';
import { textHeaders } from './support/textHeaders.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The helpers' createTopic, tried again when the broker briefly answers a fresh topic's
 * metadata with UNKNOWN_TOPIC_OR_PARTITION (seen under load from parallel test files;
 * kafkajs's `waitForLeaders` only retries LEADER_NOT_AVAILABLE). Creating is idempotent.
 */
async function createTopicPatiently(name: string, partitions: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await createTopic(name, partitions);
      return;
    } catch (err) {
      if (attempt >= 5 || (err as { type?: unknown }).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw err;
      await sleep(200 * attempt);
    }
  }
}

export interface BrokerTransportOptions {
  /** Wraps the clients the runtime gets (to break one thing on purpose). */
  wrap?: (factory: ClientFactory) => ClientFactory;
  name?: string;
}

/**
 * The contract's view of the real broker (scripts/kafka.sh, `KSDK_BROKERS`).
 * Cases publish and consume through `factory`; reading topics back and
 * fetching committed offsets use the test helpers' own kafkajs clients, which
 * no wrapper touches.
 */
export function brokerTransport(options: BrokerTransportOptions = {}): ContractTransport {
  const factory = new DefaultClientFactory({
    brokers: brokers(),
    clientId: 'ksdk-contract',
    kafka: { logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 2000 } },
  });
  return {
    name: options.name ?? 'broker',
    factory: options.wrap ? options.wrap(factory) : factory,
    // Short fetch waits so a resumed partition is picked up promptly; quick heartbeats for joins.
    consumerOptions: { maxWaitTimeMs: 100, heartbeatIntervalMs: 500, sessionTimeoutMs: 10_000 },
    patienceMs: 20_000,
    backoffMs: 400,
    uniqueTopic: (prefix) => uniqueTopic(`contract-${prefix}`),
    createTopic: (name, partitions) => createTopicPatiently(name, partitions),
    readAll: async (topic, expected) =>
      (await readAll(topic, { expected, timeoutMs: 20_000 })).map((r) => ({ ...r, headers: textHeaders(r.headers) })),
    committedOffsets,
  };
}
