/** The broker error types the in-memory transport can raise, with kafkajs's code, flag and text. */
const PROTOCOL_ERRORS = {
  OFFSET_OUT_OF_RANGE: { code: 1, retriable: false, message: 'The requested offset is not within the range of offsets maintained by the server' },
  UNKNOWN_TOPIC_OR_PARTITION: { code: 3, retriable: true, message: 'This server does not host this topic-partition' },
  MESSAGE_TOO_LARGE: { code: 10, retriable: false, message: 'The request included a message larger than the max message size the server will accept' },
  REBALANCE_IN_PROGRESS: { code: 27, retriable: false, message: 'The group is rebalancing, so a rejoin is needed' },
  TOPIC_ALREADY_EXISTS: { code: 36, retriable: false, message: 'Topic with this name already exists' },
  INVALID_PARTITIONS: { code: 37, retriable: false, message: 'Number of partitions is invalid' },
  INVALID_REQUEST: { code: 42, retriable: false, message: 'This most likely occurs because of a request being malformed by the client library or the message was sent to an incompatible broker' },
} as const;

export type ProtocolErrorType = keyof typeof PROTOCOL_ERRORS;

/**
 * An error shaped like kafkajs's `KafkaJSProtocolError` (`name`, `type`, `code`,
 * `retriable`). Why not a `KsdkError`: the runtime classifies what its kafkajs
 * clients throw by these fields (a `MESSAGE_TOO_LARGE` record is split out of
 * its batch, a retriable error is retried), so the in-memory transport must fail
 * in the same shape as the broker for the runtime to react the same way.
 */
export class KafkaProtocolError extends Error {
  readonly type: ProtocolErrorType;
  readonly code: number;
  readonly retriable: boolean;

  constructor(type: ProtocolErrorType, detail?: string) {
    const known = PROTOCOL_ERRORS[type];
    super(detail === undefined ? known.message : `${known.message}: ${detail}`);
    this.name = 'KafkaJSProtocolError';
    this.type = type;
    this.code = known.code;
    this.retriable = known.retriable;
  }
}

/** kafkajs's plain `KafkaJSError`, for misuse such as sending on a disconnected producer. */
export class KafkaClientError extends Error {
  readonly retriable: boolean;

  constructor(message: string, retriable = false) {
    super(message);
    this.name = 'KafkaJSError';
    this.retriable = retriable;
  }
}
