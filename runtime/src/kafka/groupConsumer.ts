import type { ClientFactory } from '../transport/ClientFactory.js';
import type { BatchEndPayload, TransportConsumer, TransportRunConfig } from '../transport/TransportConsumer.js';

/** How a ksdk group consumer is made and what it is told about its group. */
export interface GroupConsumerOptions {
  groupId: string;
  clientId?: string | undefined;
  /** Longest a fetch waits for records, in ms. */
  maxWaitTimeMs: number;
  sessionTimeoutMs?: number | undefined;
  heartbeatIntervalMs?: number | undefined;
  rebalanceTimeoutMs?: number | undefined;
  /** A rebalance began: partitions may be taken away. */
  onRebalancing?: () => void;
  /** The group assigned this member its partitions, by topic (after every rebalance). */
  onAssigned?: (assignment: Readonly<Record<string, readonly number[]>>) => void;
  /** A batch or the consumer failed; `restart` false: the consumer stopped for good. */
  onCrash?: (error: Error, restart: boolean) => void;
  /** A batch was handled, also one that handed over no record (transaction markers, aborted records). */
  onBatchEnd?: (batch: BatchEndPayload) => void;
}

/** What a started group consumer reads and how it runs. */
export interface GroupConsumption extends TransportRunConfig {
  topics: string[];
  /** Where a partition without a committed offset starts: its first record (true) or its end. */
  fromBeginning: boolean;
  /** Called once subscribed, before the consumer joins the group (the first batch may come before `start` resolves). */
  subscribed?: () => void;
}

/**
 * The consumer of a subscription instance, a stream app or a changelog restore:
 * one way to make it, so all three read only what was committed
 * (READ_COMMITTED), never create a topic by subscribing, and learn about their
 * group the same way.
 */
export function createGroupConsumer(factory: ClientFactory, options: GroupConsumerOptions): TransportConsumer {
  const { onRebalancing, onAssigned, onCrash, onBatchEnd } = options;
  const consumer = factory.createConsumer({
    groupId: options.groupId,
    clientId: options.clientId,
    maxWaitTimeInMs: options.maxWaitTimeMs,
    readUncommitted: false,
    allowAutoTopicCreation: false,
    ...(options.sessionTimeoutMs === undefined ? {} : { sessionTimeout: options.sessionTimeoutMs }),
    ...(options.heartbeatIntervalMs === undefined ? {} : { heartbeatInterval: options.heartbeatIntervalMs }),
    ...(options.rebalanceTimeoutMs === undefined ? {} : { rebalanceTimeout: options.rebalanceTimeoutMs }),
  });
  if (onRebalancing) consumer.on('consumer.rebalancing', () => onRebalancing());
  if (onAssigned) consumer.on('consumer.group_join', ({ payload }) => onAssigned(payload.memberAssignment));
  if (onCrash) consumer.on('consumer.crash', ({ payload }) => onCrash(payload.error, payload.restart));
  if (onBatchEnd) consumer.on('consumer.end_batch_process', ({ payload }) => onBatchEnd(payload));
  return consumer;
}

/** Connects, subscribes and runs: resolves once the consumer is running (batches may arrive before). */
export async function startGroupConsumer(consumer: TransportConsumer, { topics, fromBeginning, subscribed, ...run }: GroupConsumption): Promise<void> {
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning });
  subscribed?.();
  await consumer.run(run);
}
