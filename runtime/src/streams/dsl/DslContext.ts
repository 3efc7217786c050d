import type { KStream } from '../KStream.js';
import type { Node } from '../topology/Node.js';
import type { RootNode } from '../topology/RootNode.js';
import type { Topology } from '../topology/Topology.js';

/**
 * What every DSL object of one app shares: the topology it builds, and how to make
 * a stream of a node's output. The windowed table's `toStream()` makes streams
 * through it rather than importing the stream implementation, which keeps the DSL
 * implementations free of import cycles.
 */
export interface DslContext {
  readonly topology: Topology;
  /** The stream of what `node` forwards, in the sub-topology that starts at `root`. */
  stream<V>(root: RootNode, node: Node): KStream<V>;
}
