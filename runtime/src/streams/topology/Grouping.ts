import type { InternalTopic } from './InternalTopic.js';
import type { Node } from './Node.js';
import type { RootNode } from './RootNode.js';

/**
 * Where a grouped stream's aggregations attach: `node` forwards `GroupedRecord`s,
 * inside the sub-topology that starts at `root`. The aggregations' changelogs get
 * the partition count of `partitionsFrom`, the topic whose partitions are the tasks.
 * - `groupBy`: `root` and `node` are the repartition topic's reader;
 * - `groupByKey`: `node` keys records by their record key inside the stream's own
 *   sub-topology (no repartition topic).
 */
export interface Grouping {
  readonly root: RootNode;
  readonly node: Node;
  /** Prefix of the names of unnamed aggregations. */
  readonly name: string;
  readonly partitionsFrom: string | InternalTopic;
}
