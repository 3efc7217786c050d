import { randomUUID } from 'node:crypto';
import { cloneFields } from './cloneFields.js';
import type { MessageMetadata, NewMessage } from './MessageMetadata.js';

/** Fills in `id` and `timeStamp` when absent; never mutates the input. */
export function createMessage<T extends MessageMetadata>(input: NewMessage<T>, now: () => Date = () => new Date()): T {
  const ts = input.timeStamp;
  // The same object as `{ ...input, id, timeStamp }` (an existing key keeps its place, a
  // missing one is appended), built on V8's fast path (see cloneFields).
  const message = cloneFields(input) as unknown as T;
  message.id = input.id ?? randomUUID();
  message.timeStamp = ts === undefined ? now().toISOString() : typeof ts === 'string' ? ts : ts.toISOString();
  return message;
}
