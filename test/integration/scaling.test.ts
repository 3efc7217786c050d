import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssignerProtocol, Kafka, logLevel, type Consumer, type ConsumerConfig, type Producer, type ProducerConfig } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { DefaultClientFactory, kafkajsClientFactory, KsdkProducer, Subscription, type ClientFactory } from '@ksdk/runtime';
import { descriptorOn, type TestOrder } from '../fixtures/orderDescriptor.js';
import { closeRawProducer, orderRecord, sendRaw } from '../fixtures/rawRecords.js';
import { doneIds, exited, handledLines, startGroupConsumer } from '../helpers/children.js';
import { admin, brokers, committedOffsets, createTopic, uniqueTopic, waitFor } from '../helpers/kafka.js';

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await closeRawProducer();
});

const tempOut = () => join(mkdtempSync(join(tmpdir(), 'ksdk-scale-')), 'handled.txt');

async function groupMembers(groupId: string) {
  const { groups } = await (await admin()).describeGroups([groupId]);
  return groups[0]?.members ?? [];
}

/** Members of a stable group with the partitions each was assigned, as the broker reports them. */
async function stableAssignment(groupId: string): Promise<Array<{ clientId: string; partitions: number[] }> | undefined> {
  const { groups } = await (await admin()).describeGroups([groupId]);
  const group = groups[0];
  if (group?.state !== 'Stable') return undefined;
  return group.members.map((m) => ({
    clientId: m.clientId,
    partitions: Object.values(AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment ?? {}).flat(),
  }));
}

describe('horizontal scaling', () => {
  it('shares a 4-partition topic between two processes of two consumers, and moves partitions when one dies', async () => {
    const topic = uniqueTopic('scale');
    await createTopic(topic, 4);
    const groupId = `${topic}-g`;
    const out = tempOut();
    const p1 = startGroupConsumer({ topic, groupId, out, consumers: 2 });
    const p2 = startGroupConsumer({ topic, groupId, out, consumers: 2 });
    // Four members, one partition each, on the broker.
    await waitFor(async () => {
      const members = await stableAssignment(groupId);
      return members?.length === 4 && new Set(members.map((m) => m.clientId)).size === 2 && members.every((m) => m.partitions.length === 1);
    }, { timeoutMs: 30000, message: 'four members from two processes, one partition each' });
    const first = Array.from({ length: 400 }, (_, i) => `a-${i}`);
    await sendRaw(topic, first.map((id, i) => orderRecord({ orderId: id, id }, { partition: i % 4 })));
    await waitFor(() => new Set(doneIds(out)).size === first.length, { timeoutMs: 30000, message: 'first batch handled' });
    const byPid = new Map<number, Set<number>>();
    for (const l of handledLines(out)) if (l.pid !== undefined) byPid.set(l.pid, (byPid.get(l.pid) ?? new Set()).add(l.partition!));
    expect(byPid.size).toBe(2);
    expect([...byPid.values()].map((s) => s.size).sort()).toEqual([2, 2]);

    p1.kill('SIGKILL');
    await exited(p1);
    await waitFor(async () => {
      const members = await stableAssignment(groupId);
      return members?.length === 2 && members.every((m) => m.clientId === `child-${p2.pid}` && m.partitions.length === 2);
    }, { timeoutMs: 30000, message: 'the survivor alone in the group with all four partitions' });
    const second = Array.from({ length: 400 }, (_, i) => `b-${i}`);
    await sendRaw(topic, second.map((id, i) => orderRecord({ orderId: id, id }, { partition: i % 4 })));
    await waitFor(() => new Set(doneIds(out)).size === first.length + second.length, { timeoutMs: 60000, message: 'every id handled' });
    const afterKill = handledLines(out).filter((l) => l.kind === 'done' && l.id.startsWith('b-'));
    expect(new Set(afterKill.map((l) => l.pid))).toEqual(new Set([p2.pid]));
    expect(new Set(afterKill.map((l) => l.partition))).toEqual(new Set([0, 1, 2, 3]));
    await waitFor(async () => Object.values(await committedOffsets(groupId, topic)).every((o) => o === '200'), { message: 'all committed' });
    p2.kill('SIGTERM');
    expect((await exited(p2)).code).toBe(0);
  });

  it('keeps per-key order with partitions processed concurrently', async () => {
    const topic = uniqueTopic('order');
    await createTopic(topic, 4);
    const keys = Array.from({ length: 12 }, (_, k) => `customer-${k}`);
    const records = [];
    for (let seq = 0; seq < 20; seq++) for (const key of keys) records.push({ ...orderRecord({ orderId: `${key}#${seq}`, customerId: key }), key });
    await sendRaw(topic, records);
    const seen = new Map<string, number[]>();
    let inFlight = 0;
    let maxInFlight = 0;
    const sub = new Subscription<TestOrder>(
      { name: 'order', topic, groupId: `${topic}-g`, messages: [descriptorOn(topic)], concurrency: 4 },
      {
        handle: async (m) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
          const [key, seq] = m.orderId.split('#') as [string, string];
          seen.set(key, [...(seen.get(key) ?? []), Number(seq)]);
          inFlight--;
          return true;
        },
      },
      { brokers: brokers() },
    );
    closers.push(() => sub.stop());
    await sub.start();
    await waitFor(() => [...seen.values()].reduce((n, s) => n + s.length, 0) === records.length, { timeoutMs: 30000, message: 'all handled' });
    for (const key of keys) expect(seen.get(key)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // Concurrency was real: several partitions were in handlers at once.
    expect(maxInFlight).toBeGreaterThan(1);
  });

  it('warns when a subscription runs more consumers than the topic has partitions', async () => {
    const topic = uniqueTopic('idle');
    await createTopic(topic, 2);
    const warnings: string[] = [];
    const sub = new Subscription<TestOrder>(
      { name: 'idle', topic, groupId: `${topic}-g`, messages: [descriptorOn(topic)], consumers: 3 },
      { handle: () => true },
      { brokers: brokers(), logger: { warn: (m) => warnings.push(m) } },
    );
    closers.push(() => sub.stop());
    await sub.start();
    expect(warnings).toEqual([expect.stringMatching(/runs 3 consumers but topic .* has 2 partition\(s\); 1 will stay idle/)]);
    await waitFor(async () => (await groupMembers(`${topic}-g`)).length === 3, { timeoutMs: 20000, message: 'three members' });
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM finishes the slow handler, commits it, exits 0, and does not handle it again after restart', async () => {
    const topic = uniqueTopic('sigterm');
    await createTopic(topic, 1);
    const groupId = `${topic}-g`;
    const out = tempOut();
    await sendRaw(topic, [orderRecord({ orderId: 'quick-1', id: 'quick-1' }), orderRecord({ orderId: 'slow-1', id: 'slow-1' })]);
    const child = startGroupConsumer({ topic, groupId, out, slowMs: 3000 });
    await waitFor(() => handledLines(out).some((l) => l.kind === 'start' && l.id === 'slow-1'), { timeoutMs: 30000, message: 'slow handler started' });
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const { code } = await exited(child);
    expect(code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(15000);
    expect(doneIds(out)).toEqual(['quick-1', 'slow-1']);
    expect((await committedOffsets(groupId, topic))[0]).toBe('2');

    await sendRaw(topic, [orderRecord({ orderId: 'quick-2', id: 'quick-2' })]);
    const again = startGroupConsumer({ topic, groupId, out });
    await waitFor(() => doneIds(out).includes('quick-2'), { timeoutMs: 30000, message: 'restart handled the new record' });
    again.kill('SIGTERM');
    await exited(again);
    expect(doneIds(out)).toEqual(['quick-1', 'slow-1', 'quick-2']);
  });
});

describe('client factories', () => {
  it('uses the clients a custom factory supplies (seen by the broker through their client id)', async () => {
    const topic = uniqueTopic('factory');
    const dlt = `${topic}.dlt`;
    await createTopic(topic, 1);
    await createTopic(dlt, 1);
    const made: string[] = [];
    class AuditedFactory implements ClientFactory {
      readonly #kafka = new Kafka({ clientId: 'ksdk-custom-factory', brokers: brokers(), logLevel: logLevel.NOTHING });
      createProducer(config: ProducerConfig): Producer {
        made.push('producer');
        return this.#kafka.producer(config);
      }
      createConsumer(config: ConsumerConfig): Consumer {
        made.push('consumer');
        return this.#kafka.consumer(config);
      }
      createAdmin() {
        made.push('admin');
        return this.#kafka.admin();
      }
    }
    await sendRaw(topic, [orderRecord({ orderId: 'fails' })]);
    const sub = new Subscription<TestOrder>(
      { name: 'factory', topic, groupId: `${topic}-g`, messages: [descriptorOn(topic)], deadLetterTopic: dlt, retry: { mode: 'none' } },
      { handle: () => false },
      { factory: new AuditedFactory() },
    );
    closers.push(() => sub.stop());
    await sub.start();
    await waitFor(async () => (await groupMembers(`${topic}-g`)).map((m) => m.clientId).join() === 'ksdk-custom-factory', {
      timeoutMs: 20000,
      message: 'the broker sees the custom client id',
    });
    await waitFor(() => made.includes('producer'), { message: 'dead-letter producer made by the factory' });
    // Admin clients too: the subscription looks its topics up before it subscribes or forwards.
    expect([...new Set(made)].sort()).toEqual(['admin', 'consumer', 'producer']);
    expect(new DefaultClientFactory({ brokers: brokers() })).toBeInstanceOf(DefaultClientFactory);
  });

  it('runs on a kafkajs Kafka of your own (kafkajsClientFactory): publishes, consumes, and the broker sees its client id', async () => {
    const topic = uniqueTopic('own-kafka');
    await createTopic(topic, 2);
    const factory = kafkajsClientFactory(new Kafka({ clientId: 'ksdk-own-kafka', brokers: brokers(), logLevel: logLevel.NOTHING }));
    const producer = new KsdkProducer({ name: 'own-kafka', factory });
    closers.push(() => producer.close());
    const handled: string[] = [];
    const sub = new Subscription<TestOrder>(
      { name: 'own-kafka', topic, groupId: `${topic}-g`, messages: [descriptorOn(topic)] },
      {
        handle: (m) => {
          handled.push(m.orderId);
          return true;
        },
      },
      { factory, maxWaitTimeMs: 100 },
    );
    closers.push(() => sub.stop());
    await sub.start();
    const published = await producer.publish(descriptorOn(topic), { orderId: 'own-1', amount: 1 });
    expect(published).toMatchObject({ topic, offset: '0' });
    await waitFor(() => handled.includes('own-1'), { timeoutMs: 20000, message: 'the record handled through the own Kafka' });
    expect((await groupMembers(`${topic}-g`)).map((m) => m.clientId)).toEqual(['ksdk-own-kafka']);
    await waitFor(async () => (await committedOffsets(`${topic}-g`, topic))[published.partition] === '1', { message: 'its offset committed' });
  });
});
