/**
 * ajv-formats' full `date-time` check (RFC 3339 with a required time zone) answered
 * without regular-expression captures, splits or arrays for the shape nearly every
 * producer writes: `YYYY-MM-DD`, `T`/`t`, `hh:mm:ss`, optional fraction, then `Z`/`z` or
 * `+hh:mm`/`-hh:mm`. Returns `undefined` for any other string, which the caller hands to
 * ajv-formats itself: where this answers, it answers as ajv-formats does (the same
 * calendar, range and leap-second rules), and `test/runtime/dateTime.test.ts` holds
 * the two to the same answers.
 */
export function fastDateTime(s: string): boolean | undefined {
  const n = s.length;
  // Shortest: 2024-01-01T00:00:00Z (20); longest zone: +hh:mm.
  if (n < 20) return undefined;
  if (!digits(s, 0, 4) || s.charCodeAt(4) !== 45 /* - */ || !digits(s, 5, 2) || s.charCodeAt(7) !== 45 || !digits(s, 8, 2)) return undefined;
  const sep = s.charCodeAt(10);
  if (sep !== 84 /* T */ && sep !== 116 /* t */) return undefined;
  if (!digits(s, 11, 2) || s.charCodeAt(13) !== 58 /* : */ || !digits(s, 14, 2) || s.charCodeAt(16) !== 58 || !digits(s, 17, 2)) return undefined;
  let i = 19;
  if (s.charCodeAt(i) === 46 /* . */) {
    const start = ++i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === start) return undefined;
  }
  let tzSign = 1;
  let tzH = 0;
  let tzM = 0;
  const z = s.charCodeAt(i);
  if (z === 90 /* Z */ || z === 122 /* z */) {
    if (i + 1 !== n) return undefined;
  } else if (z === 43 /* + */ || z === 45 /* - */) {
    if (i + 6 !== n || !digits(s, i + 1, 2) || s.charCodeAt(i + 3) !== 58 || !digits(s, i + 4, 2)) return undefined;
    tzSign = z === 45 ? -1 : 1;
    tzH = num2(s, i + 1);
    tzM = num2(s, i + 4);
  } else {
    return undefined;
  }
  // The date: month 1-12, a day that exists in that month (29 February in leap years).
  const year = num2(s, 0) * 100 + num2(s, 2);
  const month = num2(s, 5);
  const day = num2(s, 8);
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && isLeapYear(year) ? 29 : DAYS[month]!)) return false;
  // The time, as ajv-formats' `time` with a strict zone.
  const hr = num2(s, 11);
  const min = num2(s, 14);
  // Whole seconds decide the range checks as the full value does: ss.fff < 60 exactly when ss < 60 (and < 61 likewise).
  const sec = num2(s, 17);
  if (tzH > 23 || tzM > 59) return false;
  if (hr <= 23 && min <= 59 && sec < 60) return true;
  // A leap second: 23:59:60 UTC, in any zone.
  const utcMin = min - tzM * tzSign;
  const utcHr = hr - tzH * tzSign - (utcMin < 0 ? 1 : 0);
  return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
}

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function digits(s: string, at: number, count: number): boolean {
  for (let i = at; i < at + count; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

function num2(s: string, at: number): number {
  return (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);
}
