import { expect } from 'vitest';
import { FailureHeader } from '@ksdk/runtime/wire';
import { descriptorOn } from '../../fixtures/orderDescriptor.js';
import type { ContractCase } from '../ContractTransport.js';
import { eventually } from '../support/eventually.js';
import { withScope } from '../support/CaseScope.js';

/**
 * A record that fails every attempt goes to the dead-letter topic as it was
 * (same key, same bytes, its own headers kept) with ksdk's failure headers,
 * and the subscription moves on and commits past it.
 */
export const exhaustedToDeadLetter: ContractCase = {
  name: 'exhausted retries go to the DLT with failure headers',
  run: (t) =>
    withScope(t, async (scope) => {
      const topic = t.uniqueTopic('exhausted');
      const dlt = `${topic}.dlt`;
      await t.createTopic(topic, 1);
      await t.createTopic(dlt, 1);
      const descriptor = descriptorOn(topic);
      const groupId = `${topic}-g`;
      const handled: string[] = [];
      await scope.subscribe(
        { name: 'exhausted', topic, groupId, messages: [descriptor], deadLetterTopic: dlt, retry: { mode: 'in-process', maxAttempts: 2, initialBackoffMs: 10 } },
        {
          handle: (m) => {
            if (m.orderId === 'doomed') throw new TypeError('cannot process order');
            handled.push(m.orderId);
            return true;
          },
        },
      );
      const producer = scope.producer();
      const doomed = await producer.publish(descriptor, { orderId: 'doomed', amount: 1 }, { headers: { 'x-trace': 'trace-1' } });
      await producer.publish(descriptor, { orderId: 'fine', amount: 2 });

      const [dead] = await t.readAll(dlt, 1);
      const [original] = await t.readAll(topic, 1);
      expect(dead!.key?.toString()).toBe(doomed.messageId);
      expect(dead!.value?.equals(original!.value!)).toBe(true);
      expect(dead!.headers, 'dead-letter headers').toMatchObject({
        'x-trace': 'trace-1',
        'content-type': original!.headers['content-type'],
        [FailureHeader.originalTopic]: topic,
        [FailureHeader.originalPartition]: '0',
        [FailureHeader.originalOffset]: '0',
        [FailureHeader.originalTimestamp]: original!.timestamp,
        [FailureHeader.consumerGroup]: groupId,
        [FailureHeader.errorType]: 'TypeError',
        [FailureHeader.errorMessage]: 'cannot process order',
        [FailureHeader.attempts]: '2',
        [FailureHeader.reason]: 'exhausted',
      });
      await eventually(() => handled.includes('fine'), t.patienceMs, 'the next record handled');
      await eventually(async () => (await t.committedOffsets(groupId, topic))[0] === '2', t.patienceMs, 'committed past the dead-lettered record');
    }),
};
