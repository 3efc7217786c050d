import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { brokers } from './kafka.js';

const children = new Set<ChildProcess>();
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

/** Runs test/integration/children/group-consumer.ts in its own Node process. */
export function startGroupConsumer(args: { topic: string; groupId: string; out: string; consumers?: number; slowMs?: number }): ChildProcess {
  const script = join(import.meta.dirname, '../integration/children/group-consumer.ts');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, args.topic, args.groupId, args.out, String(args.consumers ?? 1), String(args.slowMs ?? 0)],
    { env: { ...process.env, KSDK_BROKERS: brokers().join(',') }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export interface HandledLine {
  kind: 'start' | 'done';
  id: string;
  pid?: number;
  partition?: number;
}

/** The lines a group-consumer child wrote, parsed. */
export function handledLines(out: string): HandledLine[] {
  if (!existsSync(out)) return [];
  return readFileSync(out, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [kind, id, pid, partition] = line.split(' ');
      return { kind: kind as 'start' | 'done', id: id!, ...(pid ? { pid: Number(pid), partition: Number(partition) } : {}) };
    });
}

export const doneIds = (out: string) => handledLines(out).filter((l) => l.kind === 'done').map((l) => l.id);

export interface RunningChild {
  child: ChildProcess;
  /** Everything the child wrote to stdout and stderr so far. */
  stdout(): string;
  stderr(): string;
}

/** Runs a script of test/integration/children/ in its own Node process, capturing its output. */
export function startChild(script: string, args: readonly string[]): RunningChild {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../integration/children', script), ...args], {
    env: { ...process.env, KSDK_BROKERS: brokers().join(',') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { child, stdout: () => out, stderr: () => err };
}
