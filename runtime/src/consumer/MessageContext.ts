import type { CloudEventInfo } from '../wire/decodeRecord.js';
import type { WireFormat } from '../wire/WireFormat.js';

/** Everything known about the record a handler is processing. */
export interface MessageContext {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  /** Record timestamp (ms since epoch). */
  readonly timestamp: number;
  /** When this consumer received the record (ms since epoch). */
  readonly receivedAt: number;
  /** receivedAt - timestamp, never negative. */
  readonly lagMs: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly groupId: string;
  /** Id of the consumer instance within this process, e.g. `orderProcessor-0`. */
  readonly consumerId: string;
  /** 1-based attempt number (in-process retries and retry-topic hops both count). */
  readonly attempt: number;
  /** Manifest name of the record's message type, e.g. `OrderPlaced` (what a per-type handler map dispatches on). */
  readonly messageType: string;
  /** How the record was laid out: `structured` or `binary` CloudEvents, or `plain` JSON. */
  readonly wireFormat: WireFormat;
  /** Every CloudEvents attribute of the record, extensions included; absent for plain JSON. */
  readonly cloudEvent?: CloudEventInfo;
  /** Aborted when the subscription stops or loses this partition. */
  readonly signal: AbortSignal;
}

/**
 * One function per message type, by manifest message name: what a generated
 * handler of a subscription with several message types may be instead of
 * `handle`, so each function gets its own message type, narrowed by the
 * compiler. Erased to this shape at run time, where the record's
 * `context.messageType` picks the function.
 */
export type MessageHandlerMap = { readonly [messageType: string]: (message: never, context: MessageContext) => boolean | Promise<boolean> };

/** Implemented by application code; generated handler interfaces narrow `M`. */
export interface MessageHandler<M> {
  /**
   * Return `true` when done; `false` or a throw marks the attempt as failed.
   * A property, not a method, so a handler for the wrong message type does not compile.
   */
  handle: (message: M, context: MessageContext) => boolean | Promise<boolean>;
}
