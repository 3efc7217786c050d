import { KsdkError } from './KsdkError.js';

/**
 * Topics a producer or subscription needs do not exist on the cluster. ksdk
 * never creates topics on first use (a misspelt name would become a topic), so
 * this names every missing topic and how to create them. Not retriable: the same
 * call succeeds only after someone creates the topics.
 */
export class UnknownTopicError extends KsdkError {
  /** The missing topics, sorted. */
  readonly topics: readonly string[];

  /** `what` says who needs the topics, e.g. `subscription orderProcessor`; `waitedMs` how long ksdk looked for them. */
  constructor(topics: readonly string[], what: string, waitedMs: number) {
    const sorted = [...topics].sort();
    const names = sorted.map((t) => `"${t}"`).join(', ');
    super(
      'KSDK_UNKNOWN_TOPIC',
      `${sorted.length === 1 ? 'topic' : 'topics'} ${names} ${sorted.length === 1 ? 'does' : 'do'} not exist (${what}; looked for ${waitedMs} ms). ` +
        'ksdk never creates topics on first use: create them with `ksdk topics apply` or `ensureTopics()`',
    );
    this.topics = sorted;
  }
}
