import { expect } from 'vitest';
import { descriptorOn } from '../../fixtures/orderDescriptor.js';
import { orderRecord } from '../../fixtures/rawRecords.js';
import type { ContractCase } from '../ContractTransport.js';
import { eventually } from '../support/eventually.js';
import { withScope } from '../support/CaseScope.js';

/**
 * The admin's `deleteTopicRecords` (Kafka's DeleteRecords, what a stream app
 * purges its repartition topics with): a partition's log start offset moves up
 * to the offset given (`-1`: its high watermark), not down, never past the high
 * watermark, and a new group reading from the beginning starts at the log start.
 */
export const deleteRecordsMovesLogStart: ContractCase = {
  name: 'deleting records moves the log start, where a new group starts',
  run: (t) =>
    withScope(t, async (scope) => {
      const topic = t.uniqueTopic('delrecords');
      await t.createTopic(topic, 2);
      const raw = await scope.rawProducer();
      const record = (orderId: string, partition: number) => {
        const { key, value, headers } = orderRecord({ orderId }, { partition });
        return { key: key ?? null, value, partition, ...(headers ? { headers } : {}) };
      };
      await raw.send({ topic, acks: -1, messages: [0, 1, 2, 3, 4].map((i) => record(`a${i}`, 0)).concat([0, 1, 2].map((i) => record(`b${i}`, 1))) });

      const admin = t.factory.createAdmin();
      await admin.connect();
      try {
        // kafkajs finds partition leaders in the metadata its admin holds.
        await admin.fetchTopicMetadata({ topics: [topic] });
        const offsets = async () => Object.fromEntries((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, `${o.low}..${o.high}`]));
        expect(await offsets()).toEqual({ 0: '0..5', 1: '0..3' });
        await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '3' }] });
        expect(await offsets()).toEqual({ 0: '3..5', 1: '0..3' });
        // Below the log start: nothing moves back.
        await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '1' }] });
        expect(await offsets()).toEqual({ 0: '3..5', 1: '0..3' });
        await admin.deleteTopicRecords({ topic, partitions: [{ partition: 1, offset: '-1' }] });
        expect(await offsets()).toEqual({ 0: '3..5', 1: '3..3' });
        // Past the high watermark: refused, nothing deleted.
        await expect(admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '9' }] })).rejects.toThrow(/deleting records/);
        expect(await offsets()).toEqual({ 0: '3..5', 1: '3..3' });
      } finally {
        await admin.disconnect();
      }

      const seen: string[] = [];
      await scope.subscribe({ name: 'delrecords', topic, groupId: `${topic}-g`, messages: [descriptorOn(topic)] }, {
        handle: (m, ctx) => {
          seen.push(`${m.orderId}@${ctx.partition}/${ctx.offset}`);
          return true;
        },
      });
      await raw.send({ topic, acks: -1, messages: [record('b3', 1)] });
      await eventually(() => seen.length >= 3, t.patienceMs, 'the records after the log starts');
      expect(seen.sort()).toEqual(['a3@0/3', 'a4@0/4', 'b3@1/3']);
    }),
};
