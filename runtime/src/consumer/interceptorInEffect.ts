import type { ProcessInterceptor } from './ConsumerOptions.js';

/** Where an interceptor may keep the function that says whether it does anything at the moment. */
const IN_EFFECT = Symbol('ksdk.interceptorInEffect');

type Marked = ProcessInterceptor & { [IN_EFFECT]?: () => boolean };

/**
 * Marks `interceptor` as one that only passes records through while `inEffect()` is false
 * (tracing before an OpenTelemetry SDK is registered), so the consumer may skip it then,
 * with the promises and closures that wrapping a record costs.
 */
export function withInEffect(interceptor: ProcessInterceptor, inEffect: () => boolean): ProcessInterceptor {
  (interceptor as Marked)[IN_EFFECT] = inEffect;
  return interceptor;
}

/** Whether any of `interceptors` may do something for the record in hand. */
export function anyInEffect(interceptors: readonly ProcessInterceptor[]): boolean {
  for (const interceptor of interceptors) {
    const inEffect = (interceptor as Marked)[IN_EFFECT];
    if (inEffect === undefined || inEffect()) return true;
  }
  return false;
}
