import { randomUUID } from 'node:crypto';
import type { MessageMetadata, NewMessage } from './MessageMetadata.js';

/** Fills in `id` and `timeStamp` when absent; never mutates the input. */
export function createMessage<T extends MessageMetadata>(input: NewMessage<T>, now: () => Date = () => new Date()): T {
  const ts = input.timeStamp;
  // A plain `{ ...input }` is V8's fast clone; `{ ...input, id, timeStamp }` falls back to a
  // slow per-property copy (~1.5 µs a message). Assigning afterwards gives the same object:
  // an existing key keeps its place, a missing one is appended, as with the spread.
  const message = { ...input } as unknown as T;
  message.id = input.id ?? randomUUID();
  message.timeStamp = ts === undefined ? now().toISOString() : typeof ts === 'string' ? ts : ts.toISOString();
  return message;
}
