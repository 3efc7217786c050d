import { assignPartitions, type AssignmentStrategy } from './assignPartitions.js';
import { nextMacrotask } from './realTimers.js';

/** A generation's assignment as one member receives it (the GROUP_JOIN payload's facts). */
export interface MemberAssignment {
  readonly generation: number;
  /** Topic → partitions. */
  readonly partitions: Readonly<Record<string, number[]>>;
  readonly leaderId: string;
  readonly protocol: string;
  /** How long the rebalance took, in ms. */
  readonly duration: number;
}

/** What the group needs of a consumer. */
export interface GroupMember {
  readonly memberId: string;
  readonly topics: readonly string[];
  /**
   * A rebalance starts: stop taking new batches, let those in flight finish and
   * commit what they resolved. The group reassigns once every owner is done,
   * so no partition is ever processed by two members at once.
   */
  revoke(): Promise<void>;
  /** The new generation's assignment. */
  assign(assignment: MemberAssignment): void;
}

export interface CommittedOffset {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * A consumer group on the in-memory broker: its members, its generation and
 * its committed offsets (which outlive the members, as on a broker).
 *
 * Rebalances are serialised. A join or leave schedules one; joins and leaves
 * that arrive before it starts (within one macrotask, like a broker's short
 * join window) are folded into it, so N consumers started together rebalance
 * once rather than N times.
 */
export class InMemoryGroup {
  readonly groupId: string;
  readonly #strategy: AssignmentStrategy;
  readonly #partitionCount: (topic: string) => number;
  readonly #now: () => number;
  readonly #members: GroupMember[] = [];
  readonly #owners = new Set<GroupMember>();
  readonly #committed = new Map<string, Map<number, string>>();
  #generation = 0;
  #scheduled: Promise<void> | undefined;
  #queue: Promise<void> = Promise.resolve();

  constructor(groupId: string, strategy: AssignmentStrategy, partitionCount: (topic: string) => number, now: () => number) {
    this.groupId = groupId;
    this.#strategy = strategy;
    this.#partitionCount = partitionCount;
    this.#now = now;
  }

  get generation(): number {
    return this.#generation;
  }

  get members(): readonly GroupMember[] {
    return this.#members;
  }

  /** Adds a member; resolves once the rebalance that includes it has assigned partitions. */
  join(member: GroupMember): Promise<void> {
    if (!this.#members.includes(member)) this.#members.push(member);
    return this.#rebalance();
  }

  /** Removes a member at once; the others rebalance in the background. */
  leave(member: GroupMember): Promise<void> {
    const i = this.#members.indexOf(member);
    if (i < 0) return Promise.resolve();
    this.#members.splice(i, 1);
    this.#owners.delete(member);
    return this.#members.length > 0 ? this.#rebalance() : Promise.resolve();
  }

  /** Partitions were added to a topic: members reading it get a share of the new ones. */
  topicGrew(topic: string): void {
    if (this.#members.some((m) => m.topics.includes(topic))) void this.#rebalance().catch(() => undefined);
  }

  /**
   * Stores offsets committed by a member of `generation`. A commit from an older
   * generation is refused, as the broker refuses it (ILLEGAL_GENERATION): a
   * member that lost its partitions must not move the new owner's position.
   */
  commit(generation: number, offsets: readonly CommittedOffset[]): boolean {
    if (generation !== this.#generation) return false;
    this.setOffsets(offsets);
    return true;
  }

  /** Stores offsets regardless of generation (the admin API). */
  setOffsets(offsets: readonly CommittedOffset[]): void {
    for (const { topic, partition, offset } of offsets) {
      let byPartition = this.#committed.get(topic);
      if (!byPartition) {
        byPartition = new Map();
        this.#committed.set(topic, byPartition);
      }
      byPartition.set(partition, offset);
    }
  }

  /** The committed offset (the next offset the group reads), if any. */
  committedOffset(topic: string, partition: number): string | undefined {
    return this.#committed.get(topic)?.get(partition);
  }

  /** Forgets the offsets of `topic` (the topic was deleted). */
  forgetTopic(topic: string): void {
    this.#committed.delete(topic);
  }

  #rebalance(): Promise<void> {
    if (this.#scheduled) return this.#scheduled;
    const run = this.#queue.then(async () => {
      await nextMacrotask();
      // From here on, a join or leave needs a rebalance of its own.
      this.#scheduled = undefined;
      const started = this.#now();
      const owners = [...this.#owners].filter((m) => this.#members.includes(m));
      this.#owners.clear();
      await Promise.all(owners.map((m) => m.revoke()));
      this.#generation++;
      const members = [...this.#members];
      if (members.length === 0) return;
      const assignment = assignPartitions(this.#strategy, members, this.#partitionCount);
      const leaderId = members[0]!.memberId;
      const protocol = this.#strategy === 'range' ? 'RangeAssigner' : 'RoundRobinAssigner';
      for (const member of members) {
        this.#owners.add(member);
        member.assign({
          generation: this.#generation,
          partitions: assignment.get(member.memberId) ?? {},
          leaderId,
          protocol,
          duration: this.#now() - started,
        });
      }
    });
    this.#scheduled = run;
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
