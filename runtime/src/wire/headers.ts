import type { RecordHeaders } from '../transport/RecordHeaders.js';

/** kafkajs delivers header values as Buffers (or arrays of them); ksdk reads them as UTF-8 text. */
export function headerText(headers: RecordHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  if (raw === undefined || raw === null) return undefined;
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (first === undefined) return undefined;
  return typeof first === 'string' ? first : first.toString('utf8');
}

/** All headers as text, for the message context and dead-letter records. */
export function headersAsText(headers: RecordHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const name of Object.keys(headers)) {
    const value = headerText(headers, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}
