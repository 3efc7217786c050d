import path from 'node:path';
import { Config } from '@oclif/core';
import { vi } from 'vitest';

const CLI_ROOT = path.join(import.meta.dirname, '../../cli');
let config: Promise<Config> | undefined;

/**
 * Runs a command of the built CLI (cli/dist, as the bin does) in this process:
 * `id` as oclif names it (`topics:apply`), `env` set for the run. Captures
 * stdout and stderr, and the exit code the bin would exit with.
 */
export async function runKsdk(id: string, argv: readonly string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  config ??= Config.load(CLI_ROOT);
  const cli = await config;
  const out: string[] = [];
  const err: string[] = [];
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true)),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true)),
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(`${args.join(' ')}\n`)),
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(`${args.join(' ')}\n`)),
  ];
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  process.exitCode = undefined;
  let exitCode: number;
  try {
    await cli.runCommand(id, [...argv]);
    exitCode = Number(process.exitCode ?? 0);
  } catch (e) {
    const oclif = (e as { oclif?: { exit?: number } }).oclif;
    if (oclif?.exit === undefined) throw e;
    exitCode = oclif.exit;
    // What oclif's handler prints for an error it did not print itself (its usage errors).
    if ((e as { code?: string }).code !== 'EEXIT') err.push(`${(e as Error).message}\n`);
  } finally {
    for (const spy of spies) spy.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    process.exitCode = undefined;
  }
  return { stdout: out.join(''), stderr: err.join(''), exitCode };
}
