import { expect } from 'vitest';
import { FailureHeader } from '@ksdk/runtime/wire';
import { descriptorOn } from '../../fixtures/orderDescriptor.js';
import type { ContractCase } from '../ContractTransport.js';
import { eventually } from '../support/eventually.js';
import { withScope } from '../support/CaseScope.js';

/**
 * Records that cannot be decoded or fail the schema never reach the handler:
 * each goes to the dead-letter topic at once (one attempt, with its reason),
 * and the healthy record behind them is handled and committed.
 */
export const poisonToDeadLetter: ContractCase = {
  name: 'poison records go to the DLT at once',
  run: (t) =>
    withScope(t, async (scope) => {
      const topic = t.uniqueTopic('poison');
      const dlt = `${topic}.dlt`;
      await t.createTopic(topic, 1);
      await t.createTopic(dlt, 1);
      const descriptor = descriptorOn(topic);
      const groupId = `${topic}-g`;
      const handled: string[] = [];
      await scope.subscribe(
        // A long backoff: poison must not wait for retries.
        { name: 'poison', topic, groupId, messages: [descriptor], deadLetterTopic: dlt, retry: { mode: 'in-process', maxAttempts: 5, initialBackoffMs: 60_000 } },
        { handle: (m) => (handled.push(m.orderId), true) },
      );
      const raw = await scope.rawProducer();
      await raw.send({ topic, messages: [{ key: 'broken', value: '{"specversion":"1.0",', headers: { 'content-type': 'application/cloudevents+json; charset=UTF-8' } }] });
      await scope.producer({ validate: false }).publish(descriptor, { orderId: 'schema-breaker', amount: -5 });
      await scope.producer().publish(descriptor, { orderId: 'healthy', amount: 1 });

      const dead = await t.readAll(dlt, 2);
      expect(dead.map((r) => r.headers[FailureHeader.reason])).toEqual(['poison:invalid-json', 'poison:schema']);
      expect(dead.map((r) => r.headers[FailureHeader.originalOffset])).toEqual(['0', '1']);
      expect(dead.map((r) => r.headers[FailureHeader.attempts])).toEqual(['1', '1']);
      expect(dead[0]!.key?.toString()).toBe('broken');
      await eventually(() => handled.includes('healthy'), t.patienceMs, 'the healthy record handled');
      expect(handled).toEqual(['healthy']);
      await eventually(async () => (await t.committedOffsets(groupId, topic))[0] === '3', t.patienceMs, 'all three committed');
    }),
};
