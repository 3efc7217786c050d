// Unit test of how the stream batch loop tells that Kafka put this instance out of its
// consumer group (a refused commit or heartbeat), after which it processes nothing until it rejoins.
import { describe, expect, it } from 'vitest';
import { leftTheGroup } from '../../runtime/src/streams/processing/leftTheGroup.js';

describe('leftTheGroup', () => {
  it('tells the broker answers that put a member out of its group, also wrapped, from the others', () => {
    for (const type of ['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS']) {
      expect(leftTheGroup({ type })).toBe(true);
      expect(leftTheGroup(new Error('commit failed', { cause: new Error('retries exceeded', { cause: Object.assign(new Error(type), { type }) }) }))).toBe(true);
    }
    // A coordinator that moved or a timeout says nothing about membership: the commit may even have been applied.
    for (const error of [{ type: 'NOT_COORDINATOR_FOR_GROUP' }, { type: 'REQUEST_TIMED_OUT' }, new Error('Connection closed'), null, undefined, 'UNKNOWN_MEMBER_ID']) expect(leftTheGroup(error)).toBe(false);
  });
});
