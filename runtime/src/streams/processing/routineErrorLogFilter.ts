import { logLevel, type LogEntry, type logCreator } from 'kafkajs';

/**
 * Broker answers kafkajs logs at ERROR level although they are routine for a
 * stream app and kafkajs handles them itself:
 * - CONCURRENT_TRANSACTIONS: the broker is still writing the markers of the
 *   previous transaction, which in consume-transform-produce is after nearly
 *   every commit; kafkajs retries and succeeds (the Java client logs it at debug);
 * - REBALANCE_IN_PROGRESS on a heartbeat: the group is rebalancing and the
 *   consumer rejoins (kafkajs also logs a WARN line for it, which stays).
 * Left in, an exactly-once app prints two ERROR lines per commit and hides real errors.
 */
const ROUTINE = /concurrent operation on the same transaction|group is rebalancing/i;

/** kafkajs's console logger, minus the routine ERROR lines above. */
export const routineErrorLogFilter: logCreator = () => (entry: LogEntry) => {
  const { namespace, level, label, log } = entry;
  if (level === logLevel.ERROR && ROUTINE.test(String(log.error ?? log.message))) return;
  const prefix = namespace ? `[${namespace}] ` : '';
  const line = JSON.stringify({ level: label, ...log, message: `${prefix}${log.message}` });
  if (level === logLevel.ERROR) console.error(line);
  else if (level === logLevel.WARN) console.warn(line);
  else if (level === logLevel.INFO) console.info(line);
  else console.log(line);
};
