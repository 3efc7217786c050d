import { logLevel, type LogEntry, type logCreator } from 'kafkajs';

/**
 * kafkajs's console logger, minus the ERROR lines it prints for
 * CONCURRENT_TRANSACTIONS. The broker answers that while it is still writing
 * the markers of the previous transaction, which in consume-transform-produce
 * is after nearly every commit; kafkajs retries it and succeeds. The Java
 * client treats it the same way and logs it at debug level. Left in, an
 * exactly-once app would print two ERROR lines per commit and hide real errors.
 */
export const transactionLogFilter: logCreator = () => (entry: LogEntry) => {
  const { namespace, level, label, log } = entry;
  if (/concurrent operation on the same transaction/i.test(String(log.error ?? log.message))) return;
  const prefix = namespace ? `[${namespace}] ` : '';
  const line = JSON.stringify({ level: label, ...log, message: `${prefix}${log.message}` });
  if (level === logLevel.ERROR) console.error(line);
  else if (level === logLevel.WARN) console.warn(line);
  else if (level === logLevel.INFO) console.info(line);
  else console.log(line);
};
