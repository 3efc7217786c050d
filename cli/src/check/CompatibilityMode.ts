import { KsdkCliError } from '../errors/KsdkCliError.js';

/** Confluent Schema Registry's compatibility types, with the same meaning. */
export const COMPATIBILITY_MODES = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
] as const;

export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];

/** The three verdicts a finding carries, whatever mode was asked for. */
export type BaseMode = 'BACKWARD' | 'FORWARD' | 'FULL';

/**
 * Who reads whose data.
 * - `backward`: consumers on the new schema read data written with the old one.
 * - `forward`: consumers on the old schema read data written with the new one.
 */
export type Direction = 'backward' | 'forward';

export const DEFAULT_MODE: CompatibilityMode = 'BACKWARD';

export function isCompatibilityMode(value: unknown): value is CompatibilityMode {
  return typeof value === 'string' && (COMPATIBILITY_MODES as readonly string[]).includes(value);
}

/**
 * Parses a mode as the CLI and the manifest write it: `FULL_TRANSITIVE`,
 * `full_transitive` and the manifest's `full-transitive` are one mode. Throws a
 * usage error otherwise.
 */
export function parseCompatibilityMode(value: string, where = 'mode'): CompatibilityMode {
  const upper = value.trim().toUpperCase().replace(/-/g, '_');
  if (isCompatibilityMode(upper)) return upper;
  throw new KsdkCliError('KSDK_CHECK_USAGE', `unknown compatibility ${where} "${value}"`, {
    suggestions: [`use one of ${COMPATIBILITY_MODES.join(', ')}`],
  });
}

/** True for the modes that check against every earlier version, not only the latest. */
export function isTransitive(mode: CompatibilityMode): boolean {
  return mode.endsWith('_TRANSITIVE');
}

/** `FULL_TRANSITIVE` → `FULL`; `NONE` stays `NONE`. */
export function baseModeOf(mode: CompatibilityMode): BaseMode | 'NONE' {
  if (mode === 'NONE') return 'NONE';
  return mode.replace('_TRANSITIVE', '') as BaseMode;
}

/** The directions a mode checks: BACKWARD → backward, FORWARD → forward, FULL → both, NONE → none. */
export function directionsOf(mode: CompatibilityMode): readonly Direction[] {
  switch (baseModeOf(mode)) {
    case 'BACKWARD':
      return ['backward'];
    case 'FORWARD':
      return ['forward'];
    case 'FULL':
      return ['backward', 'forward'];
    case 'NONE':
      return [];
  }
}
