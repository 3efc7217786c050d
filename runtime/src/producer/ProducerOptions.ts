import type { CompressionTypes, ProducerConfig } from 'kafkajs';
import type { ClientFactory } from '../kafka/ClientFactory.js';
import type { ConnectionOptions } from '../kafka/ConnectionOptions.js';
import type { RuntimeEvents } from '../observability/RuntimeEvents.js';
import type { WireFormat } from '../wire/WireFormat.js';

export interface ProducerOptions extends ConnectionOptions {
  /** Name of the producer (the manifest's producer name), reported in events. */
  name?: string;
  /** CloudEvents `source`. Default `urn:ksdk:<name>`. */
  source?: string;
  /** Wire format of outgoing records. Default `structured`. */
  wireFormat?: WireFormat;
  /** Validate outgoing messages against their schema before sending. Default true. */
  validate?: boolean;
  /** Metadata defaults applied when a message leaves them empty. */
  defaults?: { raisingComponent?: string; tenant?: string };
  /** -1 (all in-sync replicas, default), 1 (leader) or 0 (none). */
  acks?: -1 | 0 | 1;
  /** Broker-side wait for acks, in ms. Default 30000. */
  timeoutMs?: number;
  compression?: CompressionTypes;
  /** kafkajs producer settings: idempotent, maxInFlightRequests, retry, transactionalId... */
  producer?: ProducerConfig;
  /** Supplies the kafkajs producer. Default: built from the connection options. */
  factory?: ClientFactory;
  /** Runtime event stream for monitors, metrics and tracing. */
  events?: RuntimeEvents;
  /** Clock in ms since the epoch; tests pass their own. */
  now?: () => number;
}
