import { describe, expect, it } from 'vitest';
import ajvFormats from 'ajv-formats/dist/formats.js';
import { formats } from '@ksdk/runtime/validation';
import { fastDateTime } from '../../runtime/src/formats/fastDateTime.js';

// The judge: ajv-formats' own full `date-time` check, which the runtime's must match string for string.
type Definition = { validate: (text: string) => boolean };
const full = ((ajvFormats as { fullFormats?: Record<string, unknown> }).fullFormats ??
  (ajvFormats as unknown as { default: { fullFormats: Record<string, unknown> } }).default.fullFormats) as Record<string, Definition>;
const judge = full['date-time']!.validate;
// The built entry point generated validators import, and the function behind it (source).
const exported = (formats['date-time'] as Definition).validate;
const fastOrJudge = (s: string) => fastDateTime(s) ?? judge(s);
const differs = (s: string) => fastOrJudge(s) !== judge(s) || exported(s) !== judge(s);

/** Every combination of the parts below: the calendar, ranges, leap seconds, zones and look-alikes. */
function corpus(): string[] {
  const dates = ['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2025-01-31', '2025-04-31', '2025-12-31', '2025-00-10', '2025-13-01', '2025-06-00', '2025-06-32', '0000-01-01', '9999-12-31', '202-01-01', '2025-1-01', '2025/01/01', '２０２５-01-01'];
  const seps = ['T', 't', ' ', '\t', 'x', 'TT', ''];
  const times = ['00:00:00', '23:59:59', '23:59:60', '22:59:60', '00:59:60', '24:00:00', '23:60:00', '12:00:61', '99:99:99', '12:00', '1:00:00', '12:00:00.', '12:00:00.000', '12:00:00.123456789', '23:59:60.999', '23:59:60.5', '12:0a:00'];
  const zones = ['Z', 'z', '+00:00', '-00:00', '+23:59', '-23:59', '+24:00', '+05:60', '+01:00', '-01:00', '+05', '+0530', '', 'UTC', '+5:30', 'Zz', '+00:00 '];
  const out: string[] = [];
  for (const d of dates) for (const s of seps) for (const t of times) for (const z of zones) out.push(`${d}${s}${t}${z}`);
  return out;
}

describe('the runtime date-time format (generated validators use it)', () => {
  it('answers every string as ajv-formats does', () => {
    const strings = corpus();
    const differ = strings.filter(differs);
    expect(differ).toEqual([]);
    // The corpus exercises both answers.
    expect(strings.some((s) => judge(s))).toBe(true);
    expect(strings.some((s) => !judge(s))).toBe(true);
  });

  it('answers random mutations of valid date-times as ajv-formats does', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = '0123456789-:.TtZz+ x';
    const base = ['2024-02-29T23:59:60.123+00:00', '2025-06-15T08:30:00Z', '1999-12-31t23:59:59.9-05:30'];
    const differ: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const chars = [...base[i % base.length]!];
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) chars[Math.floor(random() * chars.length)] = alphabet[Math.floor(random() * alphabet.length)]!;
      const s = chars.join('');
      if (differs(s)) differ.push(s);
    }
    expect(differ).toEqual([]);
  });

  it('takes the fast path for the shapes producers write (ISO strings from Date, offsets)', () => {
    for (const s of [new Date(0).toISOString(), new Date(1_733_000_000_123).toISOString(), '2025-06-15T08:30:00+02:00', '2025-06-15t08:30:00z']) {
      expect(fastDateTime(s)).toBe(true);
    }
    expect(fastDateTime('2025-02-30T00:00:00Z')).toBe(false);
    // Shapes it leaves to ajv-formats.
    for (const s of ['2025-06-15 08:30:00Z', '2025-06-15T08:30:00+0200', '2025-06-15T08:30:00+02', '2025-06-15T08:30:00']) {
      expect(fastDateTime(s)).toBeUndefined();
    }
  });
});
