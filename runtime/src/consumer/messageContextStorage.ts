import { AsyncLocalStorage } from 'node:async_hooks';
import type { MessageContext } from './MessageContext.js';

/** Holds the context of the record being handled, across awaits. */
export const messageContextStorage = new AsyncLocalStorage<MessageContext>();

/**
 * The context of the record the current handler is processing, or `undefined`
 * outside a handler. Works in anything the handler calls, also after `await`s.
 */
export function currentMessageContext(): MessageContext | undefined {
  return messageContextStorage.getStore();
}
