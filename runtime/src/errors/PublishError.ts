import { KsdkError } from './KsdkError.js';

/** A publish failed. `cause` is the kafkajs error; `retriable` mirrors it. */
export class PublishError extends KsdkError {
  readonly messageId: string | undefined;
  readonly topic: string;

  constructor(topic: string, messageId: string | undefined, cause: unknown, detail?: string) {
    const retriable = (cause as { retriable?: unknown } | undefined)?.retriable === true;
    const why = detail ?? (cause instanceof Error ? cause.message : String(cause));
    super('KSDK_PUBLISH', `publishing ${messageId ? `message ${messageId}` : 'a record'} to topic "${topic}" failed: ${why}`, {
      cause,
      retriable,
    });
    this.messageId = messageId;
    this.topic = topic;
  }
}
