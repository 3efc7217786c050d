import type { IHeaders } from 'kafkajs';

/** Header values as text (the first value of a repeated header). */
export function textHeaders(headers: IHeaders | Readonly<Record<string, Buffer | readonly Buffer[]>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first: Buffer | string | undefined = Array.isArray(value) ? value[0] : (value as Buffer | string);
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}
