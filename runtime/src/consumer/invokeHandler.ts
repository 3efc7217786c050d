import { KsdkError } from '../errors/KsdkError.js';
import type { Outcome } from './BatchRunner.js';
import type { ProcessInterceptor } from './ConsumerOptions.js';
import type { MessageContext, MessageHandler } from './MessageContext.js';
import { anyInEffect } from './interceptorInEffect.js';
import { messageContextStorage } from './messageContextStorage.js';
import { syncFormOf, type SyncNext } from './syncInterceptor.js';

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

/** next()'s answers to a public interceptor when settling was synchronous: one promise each, not one per record. */
const SUCCEEDED = Promise.resolve(true);
const FAILED = Promise.resolve(false);

/** `next` as the public `ProcessInterceptor` contract has it: always a promise, a throw as a rejection. */
function promised(next: SyncNext): Promise<boolean> {
  let answer: boolean | Promise<boolean>;
  try {
    answer = next();
  } catch (err) {
    return Promise.reject(err);
  }
  if (answer === true) return SUCCEEDED;
  if (answer === false) return FAILED;
  return answer;
}

function intercepted<M>(
  handler: MessageHandler<M>,
  interceptors: readonly ProcessInterceptor[],
  message: M,
  context: MessageContext,
  named: RecordName,
  settle: Settle,
): Promise<Outcome> | Outcome {
  let outcome: Promise<Outcome> | Outcome | undefined;
  // next(): settles the attempt, then answers whether the handler succeeded: synchronously
  // when the handler and the settling were, so that ksdk's own interceptors (their internal
  // form, see SyncInterceptor) make no promise for such a record. A settle that throws
  // throws here; a public interceptor sees it as a rejection (promised).
  const finish = (error: Error | undefined): boolean | Promise<boolean> => {
    outcome = settle(error);
    const ok = error === undefined;
    if (outcome instanceof Promise) return outcome.then(() => ok);
    return ok;
  };
  const handle = (): boolean | Promise<boolean> => {
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
  // One interceptor with an internal form (tracing alone): called as it is, no wrapper.
  const only = interceptors.length === 1 ? syncFormOf(interceptors[0] as ProcessInterceptor) : undefined;
  let next: SyncNext = handle;
  for (let i = only === undefined ? interceptors.length - 1 : -1; i >= 0; i--) {
    const interceptor = interceptors[i] as ProcessInterceptor;
    const inner = next;
    const sync = syncFormOf(interceptor);
    next = sync !== undefined ? () => sync(context, inner, named.message.id) : () => interceptor(context, () => promised(inner));
  }
  // Once the chain is over: the outcome next() settled, or a failed attempt if no next() did.
  const over = (): Promise<Outcome> | Outcome =>
    outcome ?? settle(new KsdkError('KSDK_HANDLER', `an interceptor did not call next() for ${describe(named)}`, { retriable: true }));
  const threw = (err: unknown): Promise<Outcome> | Outcome => (outcome === undefined ? settle(asError(err)) : outcome);
  let chain: boolean | Promise<boolean>;
  try {
    chain = only === undefined ? messageContextStorage.run(context, next) : messageContextStorage.run(context, only, context, handle, named.message.id);
  } catch (err) {
    // An interceptor (or the settling) that threw before returning a promise: settled at once.
    try {
      return threw(err);
    } catch (settleError) {
      return Promise.reject(settleError);
    }
  }
  if (typeof chain === 'boolean') {
    try {
      return over();
    } catch (settleError) {
      return Promise.reject(settleError);
    }
  }
  return Promise.resolve(chain).then(over, threw);
}
