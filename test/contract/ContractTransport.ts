import type { ClientFactory, ConsumerOptions } from '@ksdk/runtime';

/** A record as a case reads it back, header values as text. */
export interface ContractRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: string;
}

/**
 * What a contract case needs of a transport, and nothing transport-specific:
 * the runtime gets every kafkajs client from `factory` (so a case publishes and
 * consumes through the transport under test), while the transport's own
 * `createTopic`, `readAll` and `committedOffsets` observe the outcome from the
 * side (for the broker, with clients of their own that no wrapper touches).
 */
export interface ContractTransport {
  readonly name: string;
  readonly factory: ClientFactory;
  /** Consumer settings the transport needs to be prompt (fetch wait, heartbeats). */
  readonly consumerOptions: Omit<ConsumerOptions, 'factory'>;
  /** Upper bound for anything a case waits for, in ms. */
  readonly patienceMs: number;
  /** A retry backoff long enough to tell from "no backoff" on this transport, in ms. */
  readonly backoffMs: number;
  uniqueTopic(prefix: string): string;
  createTopic(name: string, partitions: number): Promise<void>;
  /** Waits until `topic` holds at least `expected` records; returns them by partition, then offset. */
  readAll(topic: string, expected: number): Promise<ContractRecord[]>;
  /** Committed offsets of a group on a topic by partition (`'-1'`: none). */
  committedOffsets(groupId: string, topic: string): Promise<Record<number, string>>;
}

/** One behavioural case: resolves when the transport behaves, rejects (an assertion) when it does not. */
export interface ContractCase {
  readonly name: string;
  run(transport: ContractTransport): Promise<void>;
}
