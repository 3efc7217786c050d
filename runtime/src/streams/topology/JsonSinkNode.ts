import { encodeGroupKey, type GroupKey } from '../GroupKey.js';
import type { ProcessingContext } from '../processing/ProcessingContext.js';
import { Node, type NodeContext } from './Node.js';

/** Header naming the record layout, as `ksdk-type` names a plain-JSON message's type. */
export const WINDOW_RESULT_TYPE = 'ksdk.WindowResult';

/**
 * Writes window results as plain JSON records `{key, windowStart, windowEnd, value}`,
 * keyed by the group key (`encodeGroupKey`: a string as its UTF-8 bytes) so that
 * all results of a key share a partition, the one a Java producer would pick.
 * For topics without a message schema (dashboards, ad-hoc consumers); to write a
 * typed message instead, `toStream().map(...).to(topic)`.
 */
export class JsonSinkNode extends Node {
  readonly topicName: string;

  constructor(topicName: string) {
    super();
    this.topicName = topicName;
  }

  process(value: unknown, context: NodeContext, pc: ProcessingContext): void {
    const key = encodeGroupKey((value as { key: GroupKey }).key);
    pc.outbox.push({
      topic: this.topicName,
      key: key.key,
      value: JSON.stringify(value),
      headers: { 'content-type': 'application/json', 'ksdk-type': WINDOW_RESULT_TYPE, ...key.headers },
      timestamp: context.timestamp,
    });
  }
}
