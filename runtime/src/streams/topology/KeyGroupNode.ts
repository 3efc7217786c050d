import { keyText } from '../GroupKey.js';
import type { ProcessingContext } from '../processing/ProcessingContext.js';
import type { GroupedRecord } from './GroupedRecord.js';
import { Node, type NodeContext } from './Node.js';
import { reportSkipped } from './RootNode.js';

/**
 * `groupByKey`: groups each value under its record key (as UTF-8 text), where
 * it is, without a repartition topic, as Kafka Streams does when the key was not
 * changed upstream (ksdk's operators never change it). A record without a key is
 * dropped (reported as `null-key`), as in Kafka Streams.
 */
export class KeyGroupNode extends Node {
  process(value: unknown, context: NodeContext, pc: ProcessingContext): void {
    const key = context.key;
    if (key === null) {
      reportSkipped(pc, context, 'null-key');
      return;
    }
    const grouped: GroupedRecord = { key, keyText: keyText(key), value };
    this.forward(grouped, context, pc);
  }
}
