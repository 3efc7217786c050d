// The internal topics a stream app creates, as the broker holds them. A repartition topic
// must not be subject to time retention: the broker deletes a segment once its newest
// record timestamp is older than `retention.ms` (7 days by default), and repartition
// records carry the event time of their input. Seen on a test broker with 24 h retention:
// the retention check deleted the first segment of each repartition partition of the
// exactly-once crash test (input timestamped in 2023) seconds after it was written; had
// the repartition task not read it yet, the counts would have lost those records.
//
// This test broker sets `log.retention.ms=-1` for everyone, so the effective value alone
// proves nothing: the config must be the topic's own, which no broker default overrides.
import { ConfigResourceTypes, ConfigSource } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamApp, tumbling } from '@ksdk/runtime';
import { admin, brokers, createTopic, uniqueTopic } from '../helpers/kafka.js';
import { orderTopic } from './streamFixtures.js';

const apps: StreamApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.stop();
});

/** The topic's own settings (set on the topic, not inherited from the broker) among `names`. */
async function topicOverrides(topic: string, names: string[]): Promise<Record<string, string | null>> {
  const a = await admin();
  const { resources } = await a.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: names }] });
  const entries = resources[0]?.configEntries ?? [];
  return Object.fromEntries(entries.filter((e) => e.configSource === ConfigSource.TOPIC_CONFIG).map((e) => [e.configName, e.configValue]));
}

describe('internal topics of a stream app', () => {
  it('keep repartition records whatever their timestamps (no time retention) and compact the changelog', async () => {
    const input = await createTopic(uniqueTopic('internal-in'), 2);
    const output = await createTopic(uniqueTopic('internal-out'));
    const applicationId = uniqueTopic('internal-app');
    const app = new StreamApp({ applicationId, brokers: brokers() });
    apps.push(app);
    app
      .stream(orderTopic(input))
      .groupBy((o) => o.customerId ?? 'none', { name: 'by-customer' })
      .windowedBy(tumbling(10_000))
      .count({ name: 'counts' })
      .to(output);
    await app.start();

    expect(await topicOverrides(`${applicationId}-by-customer-repartition`, ['retention.ms', 'cleanup.policy'])).toEqual({ 'retention.ms': '-1' });
    expect(await topicOverrides(`${applicationId}-counts-changelog`, ['retention.ms', 'cleanup.policy'])).toEqual({ 'cleanup.policy': 'compact' });
  });
});
