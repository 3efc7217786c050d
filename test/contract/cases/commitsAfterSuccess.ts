import { expect } from 'vitest';
import { descriptorOn } from '../../fixtures/orderDescriptor.js';
import type { ContractCase } from '../ContractTransport.js';
import { eventually, gate } from '../support/eventually.js';
import { withScope } from '../support/CaseScope.js';

/**
 * Offsets are committed only once a record is done: while the handler holds
 * record 1, the committed offset is 1 (record 0 done, record 1 next), however
 * eagerly the consumer commits; once released, the rest commits.
 */
export const commitsAfterSuccess: ContractCase = {
  name: 'commits only after success',
  run: (t) =>
    withScope(t, async (scope) => {
      const topic = t.uniqueTopic('commits');
      await t.createTopic(topic, 1);
      const descriptor = descriptorOn(topic);
      const groupId = `${topic}-g`;
      const held = gate();
      let holding = false;
      const handled: string[] = [];
      await scope.subscribe(
        { name: 'commits', topic, groupId, messages: [descriptor] },
        {
          handle: async (m) => {
            if (m.orderId === 'slow') {
              holding = true;
              await held.wait;
            }
            handled.push(m.orderId);
            return true;
          },
        },
        // Commit after every resolved record, so a premature commit has every chance to show.
        { commitThreshold: 1, commitIntervalMs: 0 },
      );
      try {
        const producer = scope.producer();
        for (const orderId of ['first', 'slow', 'last']) await producer.publish(descriptor, { orderId, amount: 1 });
        await eventually(() => holding, t.patienceMs, 'the handler holding record 1');
        const committed = await eventually(
          async () => {
            const offset = (await t.committedOffsets(groupId, topic))[0];
            return offset !== '-1' ? offset : undefined;
          },
          t.patienceMs,
          'a first commit',
        );
        expect(committed, 'committed offset while record 1 is in the handler').toBe('1');
      } finally {
        held.open();
      }
      await eventually(() => handled.length === 3, t.patienceMs, 'all three handled');
      await eventually(async () => (await t.committedOffsets(groupId, topic))[0] === '3', t.patienceMs, 'all three committed');
    }),
};
