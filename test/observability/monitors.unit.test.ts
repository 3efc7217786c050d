// Monitors without a broker: dispatch, isolation of throwing monitors, unsubscribe,
// and the logging monitor's two calling conventions.
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { attachMonitors, LoggingMonitor, RuntimeEvents, type ConsumerEventBase, type ConsumerMonitor, type MessageFailedEvent, type MonitorLogger } from '@ksdk/runtime';

const base: ConsumerEventBase = {
  subscription: 'orders',
  groupId: 'g',
  consumerId: 'orders-0',
  topic: 't',
  partition: 1,
  offset: '7',
  messageTimestamp: 1_000,
  message: { id: 'm-1', timeStamp: '2024-01-01T00:00:00.000Z' },
  messageType: 'TestOrder',
  key: 'k',
  headers: {},
};

describe('attachMonitors', () => {
  it('calls every monitor for every event, in order, and a throwing or rejecting monitor breaks nobody', async () => {
    const events = new RuntimeEvents();
    const seen: string[] = [];
    const errors: string[] = [];
    const thrower: ConsumerMonitor = {
      onMessageReceived: () => {
        throw new Error('boom');
      },
      onMessageFailed: async () => {
        throw new Error('async boom');
      },
    };
    const good: ConsumerMonitor = {
      onMessageReceived: (c) => void seen.push(`received ${c.offset} lag ${c.lagMs}`),
      onMessageProcessed: (c) => void seen.push(`processed ${c.retryAttempt}`),
      onMessageFailed: (c) => void seen.push(`failed ${c.retryAttempt} ${c.willRetry}`),
      onMessageDeadLettered: (c) => void seen.push(`dlt ${c.deadLetterTopic} ${c.totalAttempts}`),
    };
    const detach = attachMonitors(events, [thrower, good], { onError: (e, method) => errors.push(`${method}: ${(e as Error).message}`) });

    events.emit('consumer.received', { ...base, receivedAt: 1_005, lagMs: 5 });
    events.emit('consumer.failed', { ...base, error: new TypeError('x'), processingDurationMs: 1, retryAttempt: 1, willRetry: true });
    events.emit('consumer.processed', { ...base, processingDurationMs: 2, retryAttempt: 2 });
    events.emit('consumer.dead-lettered', { ...base, error: new Error('y'), deadLetterTopic: 't.dlt', totalAttempts: 3, reason: 'exhausted' });
    await new Promise((resolve) => setImmediate(resolve));

    expect(seen).toEqual(['received 7 lag 5', 'failed 1 true', 'processed 2', 'dlt t.dlt 3']);
    expect(errors).toEqual(['onMessageReceived: boom', 'onMessageFailed: async boom']);

    detach();
    events.emit('consumer.received', { ...base, receivedAt: 1_005, lagMs: 5 });
    expect(seen).toHaveLength(4);
  });

  it('subscribes only to events some monitor implements, so the consumer builds no other payloads', () => {
    const events = new RuntimeEvents();
    const detach = attachMonitors(events, [{ onMessageDeadLettered: () => undefined }]);
    expect(events.has('consumer.dead-lettered')).toBe(true);
    expect(events.has('consumer.received')).toBe(false);
    expect(events.has('consumer.processed')).toBe(false);
    detach();
    expect(events.has('consumer.dead-lettered')).toBe(false);
  });

  it('exposes the reference README context fields with their types', () => {
    expectTypeOf<MessageFailedEvent>().toHaveProperty('willRetry').toEqualTypeOf<boolean>();
    expectTypeOf<MessageFailedEvent>().toHaveProperty('error').toEqualTypeOf<Error>();
    expectTypeOf<MessageFailedEvent>().toHaveProperty('retryAttempt').toEqualTypeOf<number>();
    expectTypeOf<MessageFailedEvent>().toHaveProperty('offset').toEqualTypeOf<string>();
  });
});

describe('LoggingMonitor', () => {
  const failed: MessageFailedEvent = { ...base, error: new TypeError('bad amount'), processingDurationMs: 1.5, retryAttempt: 2, willRetry: false };

  it('logs fields first for a pino-shaped logger, with default levels', () => {
    const calls: Array<[string, unknown[]]> = [];
    const logger = {
      debug: (...args: unknown[]) => void calls.push(['debug', args]),
      info: (...args: unknown[]) => void calls.push(['info', args]),
      warn: (...args: unknown[]) => void calls.push(['warn', args]),
      error: (...args: unknown[]) => void calls.push(['error', args]),
    };
    const monitor = new LoggingMonitor(logger);
    monitor.onMessageReceived({ ...base, receivedAt: 1_004, lagMs: 4 });
    monitor.onMessageProcessed({ ...base, processingDurationMs: 3, retryAttempt: 1 });
    monitor.onMessageFailed(failed);
    monitor.onMessageDeadLettered({ ...base, error: failed.error, deadLetterTopic: 't.dlt', totalAttempts: 3, reason: 'exhausted' });

    expect(calls.map(([level]) => level)).toEqual(['debug', 'info', 'warn', 'error']);
    const [fields, text] = calls[2]![1] as [Record<string, unknown>, string];
    expect(text).toBe('ksdk: attempt 2 failed for TestOrder m-1 at t/1@7, no more retries: bad amount');
    expect(fields).toMatchObject({ topic: 't', partition: 1, offset: '7', messageId: 'm-1', retryAttempt: 2, willRetry: false, err: failed.error });
    expect(calls[3]![1][1]).toBe('ksdk: dead-lettered TestOrder m-1 at t/1@7 to t.dlt after 3 attempt(s) (exhausted): bad amount');
  });

  it('logs the message first to console, and honours levels and loggers without debug', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    try {
      new LoggingMonitor(console, { levels: { processed: 'off' } }).onMessageFailed(failed);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('attempt 2 failed'), expect.objectContaining({ offset: '7' }));
      new LoggingMonitor(console, { levels: { processed: 'off' } }).onMessageProcessed({ ...base, processingDurationMs: 3, retryAttempt: 1 });
      expect(info).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      info.mockRestore();
    }
    // No debug method: received lines are dropped, nothing throws.
    const noDebug: MonitorLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
    expect(() => new LoggingMonitor(noDebug).onMessageReceived({ ...base, receivedAt: 1, lagMs: 0 })).not.toThrow();
  });

  it('accepts pino-style overloaded log functions at the type level', () => {
    interface PinoLogFn {
      <T extends object>(obj: T, msg?: string, ...args: unknown[]): void;
      (obj: unknown, msg?: string, ...args: unknown[]): void;
      (msg: string, ...args: unknown[]): void;
    }
    interface PinoLike {
      debug: PinoLogFn;
      info: PinoLogFn;
      warn: PinoLogFn;
      error: PinoLogFn;
      level: string;
    }
    expectTypeOf<PinoLike>().toExtend<MonitorLogger>();
    expectTypeOf<Console>().toExtend<MonitorLogger>();
  });
});
