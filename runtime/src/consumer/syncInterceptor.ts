import type { ProcessInterceptor } from './ConsumerOptions.js';
import type { MessageContext } from './MessageContext.js';

/** `next()` that answers `true`/`false` at once when the record was settled synchronously. */
export type SyncNext = () => boolean | Promise<boolean>;

/**
 * The internal form of one of ksdk's own interceptors (tracing): the public
 * `ProcessInterceptor` contract (a promise per call) costs a record a promise and its
 * reactions in every interceptor even when the handler answered synchronously. This
 * form answers synchronously then, and takes the decoded message's id, which the
 * public form can only learn from the runtime event stream.
 */
export type SyncInterceptor = (context: MessageContext, next: SyncNext, messageId: string) => boolean | Promise<boolean>;

/** Where a public interceptor carries its internal form. */
const SYNC_FORM = Symbol('ksdk.syncInterceptor');

type Marked = ProcessInterceptor & { [SYNC_FORM]?: SyncInterceptor };

/** Attaches `sync`, the same interceptor without promises, to `interceptor`; the consumer calls it instead. */
export function withSyncForm(interceptor: ProcessInterceptor, sync: SyncInterceptor): ProcessInterceptor {
  (interceptor as Marked)[SYNC_FORM] = sync;
  return interceptor;
}

/** The internal form of `interceptor`, if it has one. */
export function syncFormOf(interceptor: ProcessInterceptor): SyncInterceptor | undefined {
  return (interceptor as Marked)[SYNC_FORM];
}
