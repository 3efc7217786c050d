/** How a group shares the partitions of its topics among its members. */
export type AssignmentStrategy = 'round-robin' | 'range';

export interface AssignableMember {
  readonly memberId: string;
  readonly topics: readonly string[];
}

/** Member id → topic → partitions, every list sorted. */
export type GroupAssignment = Map<string, Record<string, number[]>>;

/**
 * Assigns partitions as Kafka's Java assignors do, over members in join order
 * (kafkajs sorts by its random member ids; join order gives tests a stable,
 * predictable outcome):
 * - `round-robin` (kafkajs's default): all topic-partitions, sorted, dealt one
 *   by one to the members subscribed to the topic.
 * - `range`: per topic, contiguous ranges; the first members get one extra
 *   partition when the count does not divide evenly.
 * Members subscribed to nothing that exists get an empty assignment.
 */
export function assignPartitions(
  strategy: AssignmentStrategy,
  members: readonly AssignableMember[],
  partitionCount: (topic: string) => number,
): GroupAssignment {
  const result: GroupAssignment = new Map(members.map((m) => [m.memberId, {}]));
  const give = (member: AssignableMember, topic: string, partition: number) => {
    const mine = result.get(member.memberId)!;
    (mine[topic] ??= []).push(partition);
  };
  const topics = [...new Set(members.flatMap((m) => m.topics))].sort();

  if (strategy === 'range') {
    for (const topic of topics) {
      const subscribed = members.filter((m) => m.topics.includes(topic));
      const count = partitionCount(topic);
      const each = Math.floor(count / subscribed.length);
      const extra = count % subscribed.length;
      let next = 0;
      subscribed.forEach((member, i) => {
        const size = each + (i < extra ? 1 : 0);
        for (let p = next; p < next + size; p++) give(member, topic, p);
        next += size;
      });
    }
    return result;
  }

  let turn = 0;
  for (const topic of topics) {
    for (let partition = 0; partition < partitionCount(topic); partition++) {
      // Skip members not subscribed to this topic, keeping the rotation going.
      for (let tries = 0; tries < members.length; tries++) {
        const member = members[turn % members.length]!;
        turn++;
        if (member.topics.includes(topic)) {
          give(member, topic, partition);
          break;
        }
      }
    }
  }
  return result;
}
