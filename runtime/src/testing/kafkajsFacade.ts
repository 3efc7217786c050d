import { KsdkError } from '../errors/KsdkError.js';

/** Names that look like methods but must stay undefined so that awaiting, printing or comparing a client works. */
const PASS_THROUGH = new Set(['then', 'toJSON', 'constructor', 'asymmetricMatch', 'nodeType', 'inspect']);
/** kafkajs method names are plain camelCase; anything else (symbols, `@@...`, `$$...`) is left alone. */
const METHOD_NAME = /^[a-z][A-Za-z]*$/;

/**
 * Presents an in-memory client as the kafkajs type `T`.
 *
 * Why a Proxy rather than a plain cast: the in-memory clients implement the
 * part of kafkajs's `Producer`/`Consumer`/`Admin` that ksdk's runtime uses.
 * Should code reach for a method outside that part, it gets an error naming
 * the method and the transport instead of `undefined is not a function`.
 * Methods are bound to the target, so its private fields keep working.
 */
export function kafkajsFacade<T>(target: object, kind: string): T {
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value === 'function') {
        let fn = bound.get(property);
        if (!fn) {
          fn = (value as (...args: unknown[]) => unknown).bind(object);
          bound.set(property, fn);
        }
        return fn;
      }
      if (value !== undefined || typeof property === 'symbol' || !METHOD_NAME.test(property) || PASS_THROUGH.has(property) || property in object) return value;
      return () => {
        throw new KsdkError('KSDK_CONFIG', `InMemoryKafka: ${kind}.${property}() is not supported by the in-memory transport`);
      };
    },
  }) as T;
}
