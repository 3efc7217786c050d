// Issue 4 evidence: every monitor event of a real-broker run with successes, a retry,
// a record retried to the dead-letter topic and a poison record, with field values
// checked against the broker (offsets, timestamps) and against what the run did.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachMonitors, LoggingMonitor, RuntimeEvents, type ConsumerMonitor, type MessageDeadLetteredEvent, type MessageFailedEvent, type MessageProcessedEvent, type MessageReceivedEvent } from '@ksdk/runtime';
import { closeRawProducer } from '../fixtures/rawRecords.js';
import { MAX_ATTEMPTS, runFailureScenario, type ScenarioRun } from './support/failureScenario.js';

class RecordingMonitor implements ConsumerMonitor {
  readonly received: MessageReceivedEvent[] = [];
  readonly processed: MessageProcessedEvent[] = [];
  readonly failed: MessageFailedEvent[] = [];
  readonly deadLettered: MessageDeadLetteredEvent[] = [];
  onMessageReceived(c: MessageReceivedEvent) {
    this.received.push(c);
  }
  onMessageProcessed(c: MessageProcessedEvent) {
    this.processed.push(c);
  }
  onMessageFailed(c: MessageFailedEvent) {
    this.failed.push(c);
  }
  onMessageDeadLettered(c: MessageDeadLetteredEvent) {
    this.deadLettered.push(c);
  }
}

/** Throws from every method: must change nothing for the monitors after it or for handling. */
const brokenMonitor: ConsumerMonitor = {
  onMessageReceived: () => {
    throw new Error('monitor bug');
  },
  onMessageProcessed: () => {
    throw new Error('monitor bug');
  },
  onMessageFailed: async () => {
    throw new Error('async monitor bug');
  },
  onMessageDeadLettered: () => {
    throw new Error('monitor bug');
  },
};

const monitor = new RecordingMonitor();
const monitorErrors: string[] = [];
const logLines: Array<{ level: string; text: string }> = [];
let run: ScenarioRun;
const started = Date.now();

beforeAll(async () => {
  const events = new RuntimeEvents();
  const log = (level: string) => (_fields: unknown, text: unknown) => void logLines.push({ level, text: String(text) });
  attachMonitors(
    events,
    [brokenMonitor, monitor, new LoggingMonitor({ debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') })],
    { onError: (error) => monitorErrors.push((error as Error).message) },
  );
  run = await runFailureScenario(events);
}, 120_000);

afterAll(async () => {
  await run?.stop();
  await closeRawProducer();
});

const at = (key: string) => run.records.get(key)!;
const keyed = <T extends { key: string | null }>(list: T[], key: string) => list.filter((c) => c.key === key);

describe('consumer monitors on a real broker', () => {
  it('receives every delivery with broker offsets and timestamps, lag ≥ 0', () => {
    // 1 + 2 deliveries on partition 0 (ok-a, flaky twice), 1 + 3 + 1 on partition 1.
    expect(monitor.received).toHaveLength(8);
    const deliveries = Object.fromEntries(['id-ok-a', 'id-flaky', 'id-ok-b', 'id-doomed', 'poison'].map((k) => [k, keyed(monitor.received, k).length]));
    expect(deliveries).toEqual({ 'id-ok-a': 1, 'id-flaky': 2, 'id-ok-b': 1, 'id-doomed': MAX_ATTEMPTS, poison: 1 });
    for (const c of monitor.received) {
      const broker = at(c.key!);
      expect(c.topic).toBe(run.topic);
      expect(c.partition).toBe(broker.partition);
      expect(c.offset).toBe(broker.offset);
      expect(c.messageTimestamp).toBe(broker.timestamp);
      expect(c.receivedAt).toBeGreaterThanOrEqual(started);
      expect(c.lagMs).toBeGreaterThanOrEqual(0);
      expect(c.lagMs).toBe(Math.max(0, c.receivedAt - c.messageTimestamp));
      expect(c.groupId).toBe(run.groupId);
      expect(c.subscription).toBe(run.subscription);
      expect(c.consumerId).toBe(`${run.subscription}-0`);
    }
    // The decoded message rides along, except for the poison record.
    expect(keyed(monitor.received, 'id-ok-a')[0]!.message).toMatchObject({ id: 'id-ok-a', orderId: 'ok-a' });
    expect(keyed(monitor.received, 'poison')[0]!.message).toBeUndefined();
  });

  it('reports processed records with durations > 0 and the attempt that succeeded', () => {
    const byKey = Object.fromEntries(monitor.processed.map((c) => [c.key, c]));
    expect(Object.keys(byKey).sort()).toEqual(['id-flaky', 'id-ok-a', 'id-ok-b']);
    expect(byKey['id-ok-a']!.retryAttempt).toBe(1);
    expect(byKey['id-flaky']!.retryAttempt).toBe(2);
    expect(byKey['id-ok-b']!.retryAttempt).toBe(1);
    for (const c of monitor.processed) {
      expect(c.processingDurationMs).toBeGreaterThan(0);
      expect(c.offset).toBe(at(c.key!).offset);
      expect(c.partition).toBe(at(c.key!).partition);
      expect(c.message?.id).toBe(c.key);
    }
  });

  it('reports failures with the exception, counting attempts up and will-retry true then false', () => {
    const flaky = keyed(monitor.failed, 'id-flaky');
    expect(flaky.map((c) => [c.retryAttempt, c.willRetry, c.error.name, c.error.message])).toEqual([[1, true, 'TypeError', 'flaky failure']]);

    const doomed = keyed(monitor.failed, 'id-doomed');
    expect(doomed.map((c) => c.retryAttempt)).toEqual([1, 2, 3]);
    expect(doomed.map((c) => c.willRetry)).toEqual([true, true, false]);
    for (const c of [...flaky, ...doomed]) {
      expect(c.processingDurationMs).toBeGreaterThan(0);
      expect(c.offset).toBe(at(c.key!).offset);
    }
    expect(doomed[0]!.error.message).toMatch(/handler returned false/);

    const poison = keyed(monitor.failed, 'poison');
    expect(poison.map((c) => [c.retryAttempt, c.willRetry, c.error.name])).toEqual([[1, false, 'DecodeError']]);
    expect(monitor.failed).toHaveLength(5);
  });

  it('reports dead-lettering with the DLT, the exception and the total attempts', () => {
    const byKey = Object.fromEntries(monitor.deadLettered.map((c) => [c.key, c]));
    expect(Object.keys(byKey).sort()).toEqual(['id-doomed', 'poison']);
    expect(byKey['id-doomed']).toMatchObject({ deadLetterTopic: run.dlt, totalAttempts: MAX_ATTEMPTS, reason: 'exhausted', offset: at('id-doomed').offset, partition: 1 });
    expect(byKey['id-doomed']!.error.message).toMatch(/handler returned false/);
    expect(byKey['poison']).toMatchObject({ deadLetterTopic: run.dlt, totalAttempts: 1, reason: 'poison', offset: at('poison').offset });
    expect(byKey['poison']!.error.name).toBe('DecodeError');
  });

  it('keeps per-record event order: each delivery, then its outcome, then dead-lettering', () => {
    // The logging monitor saw every event in sequence; its text names the record.
    const doomed = logLines.filter((l) => l.text.includes('id-doomed')).map((l) => l.text.split(' ')[1]);
    expect(doomed).toEqual(['received', 'attempt', 'received', 'attempt', 'received', 'attempt', 'dead-lettered']);
  });

  it('isolates a throwing monitor: handling finished and every error was reported', () => {
    // brokenMonitor threw on all 8 + 3 + 2 sync calls and rejected on all 5 failures.
    expect(monitorErrors.filter((m) => m === 'monitor bug')).toHaveLength(8 + 3 + 2);
    expect(monitorErrors.filter((m) => m === 'async monitor bug')).toHaveLength(5);
  });

  it('logs through a pino-shaped logger at the default levels', () => {
    const levels = logLines.reduce<Record<string, number>>((acc, l) => ({ ...acc, [l.level]: (acc[l.level] ?? 0) + 1 }), {});
    expect(levels).toEqual({ debug: 8, info: 3, warn: 5, error: 2 });
  });
});
