import type { ConsumerMonitor } from './ConsumerMonitor.js';
import type { RuntimeEventMap, RuntimeEvents } from './RuntimeEvents.js';

export interface AttachMonitorsOptions {
  /**
   * Told when a monitor method throws or its promise rejects. Default: a
   * `console.warn`. It exists so a broken monitor is visible without ever
   * breaking message handling.
   */
  onError?: (error: unknown, method: keyof ConsumerMonitor) => void;
}

type ConsumerEventType = Extract<keyof RuntimeEventMap, `consumer.${string}`>;

/** Which monitor method each consumer event calls. */
const METHODS = {
  'consumer.received': 'onMessageReceived',
  'consumer.processed': 'onMessageProcessed',
  'consumer.failed': 'onMessageFailed',
  'consumer.dead-lettered': 'onMessageDeadLettered',
  'consumer.forwarded': 'onMessageForwarded',
  'consumer.skipped': 'onMessageSkipped',
} as const satisfies { [K in ConsumerEventType]: keyof ConsumerMonitor };

/**
 * Subscribes monitors to a runtime event stream; returns the function that
 * unsubscribes them all. Each monitor is called in order, each inside its own
 * try/catch, so one that throws neither breaks handling nor starves the
 * monitors after it. Only events some monitor implements are subscribed to,
 * so the consumer never builds payloads nobody reads.
 */
export function attachMonitors(events: RuntimeEvents, monitors: readonly ConsumerMonitor[], options: AttachMonitorsOptions = {}): () => void {
  const onError = options.onError ?? ((error, method) => console.warn(`ksdk: a consumer monitor's ${method} threw`, error));
  const unsubscribers: Array<() => void> = [];

  const hook = <K extends ConsumerEventType>(type: K) => {
    const method = METHODS[type];
    const targets = monitors.filter((monitor) => typeof monitor[method] === 'function');
    if (targets.length === 0) return;
    unsubscribers.push(
      events.on(type, (event) => {
        for (const monitor of targets) {
          try {
            const result: unknown = (monitor[method] as (context: RuntimeEventMap[K]) => unknown).call(monitor, event);
            // An async monitor must not turn into an unhandled rejection.
            if (result instanceof Promise) result.catch((error: unknown) => onError(error, method));
          } catch (error) {
            onError(error, method);
          }
        }
      }),
    );
  };

  for (const type of Object.keys(METHODS) as ConsumerEventType[]) hook(type);

  return () => {
    for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
  };
}
