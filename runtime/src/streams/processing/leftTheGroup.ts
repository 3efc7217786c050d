/**
 * Broker answers that mean the group no longer counts this member in, for its
 * current generation: its session lapsed (`UNKNOWN_MEMBER_ID`), the group moved
 * on without it (`ILLEGAL_GENERATION`), or a rebalance it has not rejoined yet
 * is under way (`REBALANCE_IN_PROGRESS`). Every commit through the consumer is
 * refused until it rejoins, and its next heartbeat fails too, after which
 * kafkajs (and the in-memory transport) rejoins the group.
 */
const LEFT = new Set(['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS']);

/** True when `error`, or an error it wraps (`cause`), is one of the answers above. */
export function leftTheGroup(error: unknown): boolean {
  for (let e = error, depth = 0; e !== null && typeof e === 'object' && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const type = (e as { type?: unknown }).type;
    if (typeof type === 'string' && LEFT.has(type)) return true;
  }
  return false;
}
