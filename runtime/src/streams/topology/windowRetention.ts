import { KsdkError } from '../../errors/KsdkError.js';

/**
 * The retention of an aggregation's store: `configured`, or `minimum` (what the
 * windows need until they close). Shorter is refused as Kafka Streams refuses it:
 * windows would leave the store while records may still change them.
 */
export function windowRetention(aggregation: string, configured: number | undefined, minimum: number, what: string): number {
  if (configured === undefined) return minimum;
  if (!Number.isSafeInteger(configured) || configured < minimum) {
    throw new KsdkError('KSDK_CONFIG', `aggregation ${aggregation}: retentionMs must be an integer no smaller than the ${what} = ${minimum} ms, got ${configured}`);
  }
  return configured;
}
