// A topic that does not exist, against the real broker: publishing fails fast with a
// PublishError (unknown-topic) that names it, a subscription on it fails to start naming it,
// and nothing ksdk opened keeps the process alive afterwards (checked in a child process).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { DefaultClientFactory, KsdkProducer, PublishError, Subscription, UnknownTopicError, type ClientFactory, type DeliveryReport, type ProducerOptions } from '@ksdk/runtime';
import { descriptorOn } from '../fixtures/orderDescriptor.js';
import { exited } from '../helpers/children.js';
import { brokers, createTopic, readAll, uniqueTopic, waitFor } from '../helpers/kafka.js';

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
});

/** The bound the tests configure, and the slack they allow on top of it (connecting, a loaded machine). */
const BOUND_MS = 2000;
const MARGIN_MS = 8000;

function producer(options: ProducerOptions = {}): KsdkProducer {
  const p = new KsdkProducer({ brokers: brokers(), name: 'missing-topic-test', unknownTopicTimeoutMs: BOUND_MS, ...options });
  closers.push(() => p.close({ timeoutMs: 5000 }));
  return p;
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
}

/** The default factory, counting the topic-list requests ksdk makes through its admin clients. */
function countingFactory(): { factory: ClientFactory; lists: () => number } {
  const base = new DefaultClientFactory({ brokers: brokers() });
  let lists = 0;
  const factory: ClientFactory = {
    createProducer: (config) => base.createProducer(config),
    createConsumer: (config) => base.createConsumer(config),
    createAdmin: () => {
      const admin = base.createAdmin();
      return new Proxy(admin, {
        get: (target, key: keyof Admin) =>
          key === 'listTopics'
            ? async () => {
                lists++;
                return target.listTopics();
              }
            : target[key],
      });
    },
  };
  return { factory, lists: () => lists };
}

describe('publishing to a topic that does not exist', () => {
  it('publish() fails within the bound with a PublishError (unknown-topic) naming the topic, even from an idempotent producer', async () => {
    const topic = uniqueTopic('absent');
    const p = producer({ idempotent: true });
    const { value: err, ms } = await timed(() => p.publish(descriptorOn(topic), { orderId: 'o-1', amount: 1 }).catch((e: unknown) => e));
    expect(err).toBeInstanceOf(PublishError);
    expect(err).toMatchObject({ code: 'KSDK_PUBLISH', reason: 'unknown-topic', topic, retriable: false });
    expect((err as PublishError).message).toContain(`"${topic}"`);
    expect((err as PublishError).message).toMatch(/does not exist/);
    expect((err as PublishError).cause).toBeInstanceOf(UnknownTopicError);
    expect((err as PublishError).cause).toMatchObject({ code: 'KSDK_UNKNOWN_TOPIC', topics: [topic] });
    expect(ms).toBeLessThan(BOUND_MS + MARGIN_MS);
  });

  it('produce() reports it to the callback, publishBatch() lists every message as failed; the producer still writes to topics that exist', async () => {
    const absent = uniqueTopic('absent-batch');
    const present = await createTopic(uniqueTopic('present'), 1);
    const p = producer();
    const report = await new Promise<DeliveryReport>((resolve) => p.produce(descriptorOn(absent), { orderId: 'o-1', amount: 1 }, resolve));
    expect(report).toMatchObject({ status: 'failed', topic: absent, error: { reason: 'unknown-topic' } });

    const batch = await p.publishBatch(descriptorOn(absent), [1, 2, 3].map((i) => ({ orderId: `o-${i}`, amount: i })));
    expect(batch.succeeded).toEqual([]);
    expect(batch.failed.map((f) => f.error.reason)).toEqual(['unknown-topic', 'unknown-topic', 'unknown-topic']);
    expect(batch.failed.every((f) => f.error.message.includes(`"${absent}"`))).toBe(true);

    const ok = await p.publish(descriptorOn(present), { orderId: 'o-4', amount: 4 });
    const [stored] = await readAll(present, { expected: 1 });
    expect(JSON.parse(String(stored!.value)).id).toBe(ok.messageId);
  });

  it('a topic created while the first publish looks for it is found, and the record is written', async () => {
    const topic = uniqueTopic('late');
    const { factory, lists } = countingFactory();
    const p = producer({ factory, unknownTopicTimeoutMs: 60_000 });
    const publishing = p.publish(descriptorOn(topic), { orderId: 'o-1', amount: 1 });
    await waitFor(() => lists() >= 1, { message: 'the first look for the topic' });
    await createTopic(topic, 1);
    const result = await publishing;
    expect(lists()).toBeGreaterThanOrEqual(2);
    const [stored] = await readAll(topic, { expected: 1 });
    expect(JSON.parse(String(stored!.value)).id).toBe(result.messageId);
  });
});

describe('a subscription on a topic that does not exist', () => {
  it('fails to start within the bound with an UnknownTopicError naming the topic and the subscription', async () => {
    const topic = uniqueTopic('absent-sub');
    const sub = new Subscription(
      { name: 'absentReader', topic, groupId: `${topic}-g`, messages: [descriptorOn(topic)] },
      { handle: () => true },
      { brokers: brokers(), unknownTopicTimeoutMs: BOUND_MS, kafka: { logLevel: 0 } },
    );
    closers.push(() => sub.stop());
    const { value: err, ms } = await timed(() => sub.start().catch((e: unknown) => e));
    expect(err).toBeInstanceOf(UnknownTopicError);
    expect(err).toMatchObject({ code: 'KSDK_UNKNOWN_TOPIC', topics: [topic] });
    expect((err as Error).message).toContain(`"${topic}"`);
    expect((err as Error).message).toContain('subscription absentReader');
    expect(sub.status().state).toBe('failed');
    expect(ms).toBeLessThan(BOUND_MS + MARGIN_MS);
  });

  it('starts when only its dead-letter topic is missing, and warns naming it', async () => {
    const topic = await createTopic(uniqueTopic('has-no-dlt'), 1);
    const dlt = `${topic}.dlt`;
    const warnings: string[] = [];
    const sub = new Subscription(
      { name: 'noDlt', topic, groupId: `${topic}-g`, messages: [descriptorOn(topic)], deadLetterTopic: dlt },
      { handle: () => true },
      { brokers: brokers(), logger: { warn: (m) => warnings.push(m) }, kafka: { logLevel: 0 } },
    );
    closers.push(() => sub.stop());
    await sub.start();
    expect(sub.status().state).toBe('running');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`"${dlt}"`);
    expect(warnings[0]).toContain('subscription noDlt');
  });
});

describe('after close()', () => {
  it('a process that hit a missing topic exits on its own, and kafkajs printed no ERROR lines', async () => {
    const topic = uniqueTopic('absent-child');
    const script = join(import.meta.dirname, 'children/missing-topic.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, topic, String(BOUND_MS)], {
      env: { ...process.env, KSDK_BROKERS: brokers().join(',') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // The child never calls process.exit: it ends only when nothing keeps its event loop alive.
    const ended = await Promise.race([exited(child), new Promise<'still running'>((r) => setTimeout(() => r('still running'), 45_000).unref())]);
    if (ended === 'still running') child.kill('SIGKILL');
    expect(ended).toEqual({ code: 0, signal: null });

    const report = JSON.parse(stdout.trim().split('\n').pop()!) as {
      publish: { ok: boolean; reason?: string; topic?: string; message?: string };
      publishMs: number;
      start: { ok: boolean; code?: string; topics?: string[]; message?: string };
      startMs: number;
      state: string;
    };
    expect(report.publish).toMatchObject({ ok: false, reason: 'unknown-topic', topic });
    expect(report.publish.message).toContain(`"${topic}"`);
    expect(report.publishMs).toBeLessThan(BOUND_MS + MARGIN_MS);
    expect(report.start).toMatchObject({ ok: false, code: 'KSDK_UNKNOWN_TOPIC', topics: [topic] });
    expect(report.startMs).toBeLessThan(BOUND_MS + MARGIN_MS);
    expect(report.state).toBe('failed');
    expect(stderr).not.toMatch(/"level":"ERROR"/);
  });
});
