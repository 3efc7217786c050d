import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

/**
 * Lowest versions ksdk accepts, and why. ajv < 8.18.0 is in the range of
 * GHSA-2g4f-4pwh-qvx6; the generated validators run ajv's runtime helpers in every
 * application, so a pin or a lock entry below the floor ships the advisory.
 */
const FLOORS: Record<string, string> = { ajv: '8.18.0' };

type Version = [number, number, number];

function parse(version: string): Version | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function atLeast(version: string, floor: string): boolean {
  const v = parse(version);
  const f = parse(floor)!;
  if (!v) return false;
  for (let i = 0; i < 3; i++) if (v[i] !== f[i]) return v[i]! > f[i]!;
  return true;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
type Manifest = Partial<Record<(typeof DEPENDENCY_FIELDS)[number], Record<string, string>>> & { version?: string };

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

describe('dependency floors (security advisories)', () => {
  const manifests = execFileSync('git', ['ls-files', '--', 'package.json', '*/package.json'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f !== '');

  it.each(Object.entries(FLOORS))('every package.json that names %s pins it exactly at or above %s', (name, floor) => {
    const pins: string[] = [];
    const offenders: string[] = [];
    for (const file of manifests) {
      const manifest = readJson<Manifest>(join(root, file));
      for (const field of DEPENDENCY_FIELDS) {
        const spec = manifest[field]?.[name];
        if (spec === undefined) continue;
        pins.push(`${file} ${field}: ${spec}`);
        // An exact pin: a range would let an install pick whatever the registry serves.
        if (!atLeast(spec, floor)) offenders.push(`${file} ${field}: ${spec}`);
      }
    }
    // runtime/ and cli/ both depend on it: a test that found no pin would check nothing.
    expect(pins.length).toBeGreaterThanOrEqual(2);
    expect(offenders).toEqual([]);
  });

  it.each(Object.entries(FLOORS))('every %s in package-lock.json is at or above %s', (name, floor) => {
    const lock = readJson<{ packages: Record<string, { version?: string }> }>(join(root, 'package-lock.json'));
    const entries = Object.entries(lock.packages).filter(([p]) => p === `node_modules/${name}` || p.endsWith(`/node_modules/${name}`));
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect(entries.filter(([, e]) => !atLeast(e.version ?? '', floor)).map(([p, e]) => `${p}@${e.version}`)).toEqual([]);
  });

  it.each(Object.entries(FLOORS))('the %s that @ksdk/runtime and @ksdk/cli load is at or above %s', (name, floor) => {
    for (const from of ['runtime/package.json', 'cli/package.json']) {
      const require = createRequire(join(root, from));
      const installed = readJson<Manifest>(require.resolve(`${name}/package.json`)).version ?? '';
      expect(atLeast(installed, floor), `${name}@${installed} loaded from ${from}`).toBe(true);
    }
  });
});
