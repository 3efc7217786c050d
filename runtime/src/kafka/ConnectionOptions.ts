import type { KafkaConfig } from 'kafkajs';

/**
 * How to reach a cluster. Connection settings always come from code or the
 * environment at run time, never from generated code.
 */
export interface ConnectionOptions {
  /** Bootstrap servers, e.g. `['127.0.0.1:9092']`. Defaults to `KSDK_BROKERS` (comma separated). */
  brokers?: string[];
  /** Client id reported to the broker. */
  clientId?: string;
  /** Passed through to kafkajs: ssl, sasl, connectionTimeout, requestTimeout, retry, logLevel, logCreator... */
  kafka?: Omit<KafkaConfig, 'brokers' | 'clientId'>;
}

export function resolveBrokers(options: ConnectionOptions): string[] {
  if (options.brokers && options.brokers.length > 0) return options.brokers;
  const env = process.env.KSDK_BROKERS;
  if (env) return env.split(',').map((b) => b.trim()).filter(Boolean);
  return ['127.0.0.1:9092'];
}
