import { KsdkError } from '../errors/KsdkError.js';
import type { Outcome } from './BatchRunner.js';
import type { ProcessInterceptor } from './ConsumerOptions.js';
import type { MessageContext, MessageHandler } from './MessageContext.js';
import { anyInEffect } from './interceptorInEffect.js';
import { messageContextStorage } from './messageContextStorage.js';

/** What a handler threw, as an Error; a thrown non-Error is retriable like any error without the flag. */
function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new KsdkError('KSDK_HANDLER', String(thrown), { cause: thrown, retriable: true });
}

/** What names the record in an error: its message type and id. */
export type RecordName = { readonly descriptor: { readonly name: string }; readonly message: { readonly id: string } };

function describe(record: RecordName): string {
  return `${record.descriptor.name} ${record.message.id}`;
}

/** The failure of a handler that did not return `true`. */
function returnedFalse(record: RecordName): Error {
  return new KsdkError('KSDK_HANDLER', `handler returned false for ${describe(record)}`, { retriable: true });
}

type Settle = (error: Error | undefined) => Promise<Outcome> | Outcome;

/**
 * Runs the handler and then `settle` (outcome events, retry, dead-lettering)
 * inside the interceptors and the message context, so a tracing span covers
 * the record's whole outcome and the outcome events fire within it. A handler
 * that returns anything but `true` or throws has failed the attempt; an
 * interceptor that throws or skips `next()` never loses the record: it is
 * settled as a failed attempt. `named` names the record in an error.
 *
 * Without interceptors (or with none in effect, see `withInEffect`), a handler
 * that answers synchronously is settled synchronously too: no promise is made
 * for the record.
 */
export function invokeHandler<M>(
  handler: MessageHandler<M>,
  interceptors: readonly ProcessInterceptor[],
  message: M,
  context: MessageContext,
  named: RecordName,
  settle: Settle,
): Promise<Outcome> | Outcome {
  if (interceptors.length === 0 || !anyInEffect(interceptors)) return messageContextStorage.run(context, handleDirectly, handler, message, context, named, settle);
  return intercepted(handler, interceptors, message, context, named, settle);
}

/** Settles once; a settle that throws is settled again as a failed attempt with that error (as the intercepted path does). */
function settleOnce(settle: Settle, error: Error | undefined): Promise<Outcome> | Outcome {
  try {
    return settle(error);
  } catch (err) {
    return settle(asError(err));
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function handleDirectly<M>(handler: MessageHandler<M>, message: M, context: MessageContext, named: RecordName, settle: Settle): Promise<Outcome> | Outcome {
  let answer: boolean | Promise<boolean>;
  try {
    answer = handler.handle(message, context);
  } catch (err) {
    return settleOnce(settle, asError(err));
  }
  if (answer === true) return settleOnce(settle, undefined);
  if (!isThenable(answer)) return settleOnce(settle, returnedFalse(named));
  // The reactions run in this record's message context (AsyncLocalStorage follows the promise).
  return Promise.resolve(answer).then(
    (ok) => settleOnce(settle, ok === true ? undefined : returnedFalse(named)),
    (err: unknown) => settleOnce(settle, asError(err)),
  );
}

async function intercepted<M>(
  handler: MessageHandler<M>,
  interceptors: readonly ProcessInterceptor[],
  message: M,
  context: MessageContext,
  named: RecordName,
  settle: Settle,
): Promise<Outcome> {
  let outcome: Promise<Outcome> | Outcome | undefined;
  // next(): settles the attempt, then resolves whether the handler succeeded. Promises only
  // where something is asynchronous (the handler's answer, the settling).
  const finish = (error: Error | undefined): Promise<boolean> => {
    try {
      outcome = settle(error);
    } catch (err) {
      return Promise.reject(err);
    }
    const ok = error === undefined;
    return outcome instanceof Promise ? outcome.then(() => ok) : Promise.resolve(ok);
  };
  const handle = (): Promise<boolean> => {
    let answer: boolean | Promise<boolean>;
    try {
      answer = handler.handle(message, context);
    } catch (err) {
      return finish(asError(err));
    }
    if (answer === true) return finish(undefined);
    if (!isThenable(answer)) return finish(returnedFalse(named));
    return Promise.resolve(answer).then(
      (ok) => finish(ok === true ? undefined : returnedFalse(named)),
      (err: unknown) => finish(asError(err)),
    );
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
  return outcome ?? settle(new KsdkError('KSDK_HANDLER', `an interceptor did not call next() for ${describe(named)}`, { retriable: true }));
}
