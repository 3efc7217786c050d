import type { ClientFactory } from './ClientFactory.js';

export interface TopicSpec {
  name: string;
  /** Default 1. */
  partitions?: number;
  /** Default 1 (single-broker development clusters). */
  replicationFactor?: number;
  config?: Record<string, string>;
}

/**
 * Creates the topics that do not exist yet and waits for their leaders. ksdk
 * producers never auto-create topics (a typo would otherwise create one), so
 * applications and tests call this, or provision topics the way their platform does.
 * Returns the names it created.
 */
export async function ensureTopics(factory: ClientFactory, topics: readonly TopicSpec[]): Promise<string[]> {
  const admin = factory.createAdmin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    if (missing.length === 0) return [];
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((t) => ({
        topic: t.name,
        numPartitions: t.partitions ?? 1,
        replicationFactor: t.replicationFactor ?? 1,
        configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
    return missing.map((t) => t.name);
  } finally {
    await admin.disconnect();
  }
}
