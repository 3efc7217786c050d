import { KsdkError } from '../errors/KsdkError.js';
import type { Outcome } from './BatchRunner.js';
import type { ProcessInterceptor } from './ConsumerOptions.js';
import type { MessageContext, MessageHandler } from './MessageContext.js';
import { messageContextStorage } from './messageContextStorage.js';

/** What a handler threw, as an Error; a thrown non-Error is retriable like any error without the flag. */
function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new KsdkError('KSDK_HANDLER', String(thrown), { cause: thrown, retriable: true });
}

/**
 * Runs the handler and then `settle` (outcome events, retry, dead-lettering)
 * inside the interceptors and the message context, so a tracing span covers
 * the record's whole outcome and the outcome events fire within it. A handler
 * that returns anything but `true` or throws has failed the attempt; an
 * interceptor that throws or skips `next()` never loses the record: it is
 * settled as a failed attempt.
 */
export async function invokeHandler<M>(
  handler: MessageHandler<M>,
  interceptors: readonly ProcessInterceptor[],
  message: M,
  context: MessageContext,
  what: string,
  settle: (error: Error | undefined) => Promise<Outcome> | Outcome,
): Promise<Outcome> {
  let outcome: Promise<Outcome> | Outcome | undefined;
  const handle = async (): Promise<boolean> => {
    let error: Error | undefined;
    try {
      const ok = (await handler.handle(message, context)) === true;
      if (!ok) error = new KsdkError('KSDK_HANDLER', `handler returned false for ${what}`, { retriable: true });
    } catch (err) {
      error = asError(err);
    }
    outcome = settle(error);
    await outcome;
    return error === undefined;
  };
  let next = handle;
  for (let i = interceptors.length - 1; i >= 0; i--) {
    const interceptor = interceptors[i] as ProcessInterceptor;
    const inner = next;
    next = () => interceptor(context, inner);
  }
  try {
    await messageContextStorage.run(context, next);
  } catch (err) {
    if (outcome === undefined) return settle(asError(err));
  }
  return outcome ?? settle(new KsdkError('KSDK_HANDLER', `an interceptor did not call next() for ${what}`, { retriable: true }));
}
