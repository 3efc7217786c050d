import { randomUUID } from 'node:crypto';
import { KsdkError } from '../../errors/KsdkError.js';
import { createGroupConsumer, startGroupConsumer } from '../../kafka/groupConsumer.js';
import type { ClientFactory } from '../../transport/ClientFactory.js';
import type { TransportAdmin } from '../../transport/TransportAdmin.js';

export interface ChangelogReadOptions {
  factory: ClientFactory;
  admin: TransportAdmin;
  clientId?: string;
  /** Prefix of the throwaway consumer group (deleted afterwards). */
  groupPrefix: string;
  timeoutMs: number;
  /** Called while reading, so the caller's own consumer can keep its group membership. */
  heartbeat?: () => void;
}

export interface ChangelogEntry {
  key: string;
  value: string | null;
  offset: string;
}

/**
 * Reads partitions of a changelog topic from the beginning to their end, as
 * committed (READ_COMMITTED: writes of aborted transactions are skipped).
 *
 * kafkajs has no group-less consumer, so this uses a throwaway group that reads
 * the whole topic and pauses the partitions it does not need. Callers read only
 * after fencing the task's transactional producer, so no open transaction can
 * hold the end of a partition back.
 */
export async function readChangelog(topic: string, partitions: readonly number[], options: ChangelogReadOptions): Promise<Map<number, ChangelogEntry[]>> {
  const result = new Map<number, ChangelogEntry[]>(partitions.map((p) => [p, []]));
  const offsets = await options.admin.fetchTopicOffsets(topic);
  const ends = new Map<number, bigint>();
  for (const o of offsets) {
    if (!result.has(o.partition)) continue;
    if (BigInt(o.high) > BigInt(o.low)) ends.set(o.partition, BigInt(o.high));
  }
  if (ends.size === 0) return result;

  const wanted = new Set(ends.keys());
  const position = new Map<number, bigint>();
  const done = () => [...ends].every(([p, end]) => (position.get(p) ?? 0n) >= end);
  const advance = (partition: number, next: bigint) => {
    if (next > (position.get(partition) ?? 0n)) position.set(partition, next);
  };

  const groupId = `${options.groupPrefix}-${randomUUID()}`;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const consumer = createGroupConsumer(options.factory, {
    groupId,
    clientId: options.clientId,
    maxWaitTimeMs: 100,
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 1000,
    // Batches holding only transaction markers or aborted records reach no handler but still move the position.
    onBatchEnd: ({ partition, lastOffset }) => {
      if (!wanted.has(partition)) return;
      advance(partition, BigInt(lastOffset) + 1n);
      if (done()) finish();
    },
    onAssigned: (assignment) => {
      const others = (assignment[topic] ?? []).filter((p) => !wanted.has(p));
      if (others.length > 0) consumer.pause([{ topic, partitions: others }]);
    },
  });
  const timer = setInterval(() => options.heartbeat?.(), 1000);
  let timeout: NodeJS.Timeout | undefined;
  try {
    await startGroupConsumer(consumer, {
      topics: [topic],
      fromBeginning: true,
      autoCommit: false,
      eachBatchAutoResolve: true,
      eachBatch: async ({ batch }) => {
        if (!wanted.has(batch.partition)) return;
        const entries = result.get(batch.partition)!;
        for (const m of batch.messages) {
          if (m.key === null) continue;
          entries.push({ key: m.key.toString('utf8'), value: m.value === null ? null : m.value.toString('utf8'), offset: m.offset });
          advance(batch.partition, BigInt(m.offset) + 1n);
        }
        if (done()) finish();
      },
    });
    const timedOut = new Promise<never>((_, reject) => {
      timeout = setTimeout(
        () => reject(new KsdkError('KSDK_TIMEOUT', `restoring ${topic} partitions ${[...wanted].join(',')} took longer than ${options.timeoutMs} ms`, { retriable: true })),
        options.timeoutMs,
      );
    });
    if (!done()) await Promise.race([finished, timedOut]);
  } finally {
    clearInterval(timer);
    clearTimeout(timeout);
    await consumer.disconnect().catch(() => undefined);
    await options.admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return result;
}
