import { logLevel } from 'kafkajs';
import { DefaultClientFactory, type ClientFactory } from '../../runtime/src/index.js';
import { brokers, committedOffsets, createTopic, readAll, uniqueTopic } from '../helpers/kafka.js';
import type { ContractTransport } from './ContractTransport.js';
import { textHeaders } from './support/textHeaders.js';

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
    createTopic: async (name, partitions) => {
      await createTopic(name, partitions);
    },
    readAll: async (topic, expected) =>
      (await readAll(topic, { expected, timeoutMs: 20_000 })).map((r) => ({ ...r, headers: textHeaders(r.headers) })),
    committedOffsets,
  };
}
