import { randomUUID } from 'node:crypto';
import type { MessageMetadata, NewMessage } from './MessageMetadata.js';

/** Fills in `id` and `timeStamp` when absent; never mutates the input. */
export function createMessage<T extends MessageMetadata>(input: NewMessage<T>, now: () => Date = () => new Date()): T {
  const ts = input.timeStamp;
  return {
    ...input,
    id: input.id ?? randomUUID(),
    timeStamp: ts === undefined ? now().toISOString() : typeof ts === 'string' ? ts : ts.toISOString(),
  } as unknown as T;
}
