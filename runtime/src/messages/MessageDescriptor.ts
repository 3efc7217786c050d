import type { MessageMetadata } from './MessageMetadata.js';
import type { PartitionKeyStrategy } from '../partitioning/PartitionKeyStrategy.js';

/** What a precompiled (ajv standalone) validator looks like. */
export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: ReadonlyArray<{ instancePath: string; keyword: string; message?: string }> | null;
}

/**
 * Everything the runtime needs to know about one message type. Generated code
 * declares one per message; the phantom `__type` carries the TypeScript type.
 */
export interface MessageDescriptor<T extends MessageMetadata = MessageMetadata> {
  /** Name in the manifest, e.g. `OrderPlaced`. */
  readonly name: string;
  /** CloudEvents `type` attribute, e.g. `com.example.orders.OrderPlaced`. */
  readonly type: string;
  /** CloudEvents `subject`; defaults to `name`. */
  readonly subject?: string;
  /** Default topic the message is published to. */
  readonly topic: string;
  /** Validates the message body (the CloudEvents `data`), without envelope fields. */
  readonly validate: ValidateFunction;
  /** How the record key is chosen. Defaults to the message id. */
  readonly partitionKey?: PartitionKeyStrategy<T>;
  /** Never set at run time: lets `MessageDescriptor<T>` carry `T`. */
  readonly __type?: T;
}

/** The message type a descriptor describes. */
export type MessageOf<D> = D extends MessageDescriptor<infer T> ? T : never;
