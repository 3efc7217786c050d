import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * What `linearHeaderDecoding()` did to kafkajs:
 * - `applied`: kafkajs's header decoding is linear (here or by another copy of @ksdk/runtime);
 * - `disabled`: `KSDK_KAFKAJS_HEADER_PATCH=off` was set when it was first called;
 * - `unvetted-version`: the kafkajs ksdk loads is not the version the patch was checked against;
 * - `unexpected-source`: kafkajs's record decoder does not contain the call the patch replaces;
 * - `unavailable`: kafkajs's internal modules could not be loaded.
 * In every case but `applied`, kafkajs is left as it is.
 */
export type LinearHeaderDecodingStatus = 'applied' | 'disabled' | 'unvetted-version' | 'unexpected-source' | 'unavailable';

/** The kafkajs release whose record decoder was read and the patch checked against. */
const VETTED_VERSION = '2.2.4';
/** The quadratic step, as kafkajs 2.2.4 writes it in `protocol/recordBatch/record/v0/decoder.js`. */
const PATCHED_CALL = 'readVarIntArray(HeaderDecoder).reduce(';
/** The env var that turns the patch off (`off`, `0` or `false`). */
const DISABLE_VAR = 'KSDK_KAFKAJS_HEADER_PATCH';
/**
 * Set on the wrapper, pointing at kafkajs's own `readVarIntArray`. A global symbol, so
 * that two copies of @ksdk/runtime sharing one kafkajs apply the patch once, and tests and
 * benchmarks can decode with the original for comparison.
 */
export const ORIGINAL_READ_VAR_INT_ARRAY: unique symbol = Symbol.for('ksdk.kafkajs.readVarIntArray.original') as never;

type HeaderValue = Buffer | null;
type DecodedHeader = { key: string | null; value: HeaderValue };
type Headers = Record<string, HeaderValue | HeaderValue[]>;
type Reader = (decoder: unknown) => unknown;
type ReadVarIntArray = ((this: unknown, reader: Reader) => unknown[]) & { [ORIGINAL_READ_VAR_INT_ARRAY]?: ReadVarIntArray };

let status: LinearHeaderDecodingStatus | undefined;

/**
 * Makes kafkajs 2.2.4 decode record headers in linear time, once per process.
 *
 * kafkajs builds a consumed record's `headers` object with `reduce`, spreading the object
 * built so far for every header (and concatenating arrays for a repeated key): quadratic
 * in the header count. 5,000 headers take seconds, 20,000 over a minute, during which the
 * consumer sends no heartbeat: the member is evicted, its commit refused, and the batch
 * delivered again, forever. kafkajs is unmaintained, so ksdk patches that one step where
 * kafkajs's modules live: `Decoder.prototype.readVarIntArray`, when it reads headers, returns
 * the array with its own `reduce`, which builds the same object in one pass: a key seen once
 * maps to its value (a Buffer, or null), a repeated key to the array of its values in order.
 *
 * One deliberate difference: kafkajs looks a key up on the object with `obj[key]`, so a
 * header named like an inherited property (`constructor`, `toString`, `__proto__`...) comes
 * out as `[<the inherited function or object>, value]`. Here every header is an own data
 * property holding only its values.
 *
 * Applied only when the kafkajs ksdk resolves is version 2.2.4 and its record decoder
 * still contains the call replaced; otherwise nothing changes (see the status). ksdk calls
 * this when it creates a `DefaultClientFactory` or `kafkajsClientFactory`; set
 * `KSDK_KAFKAJS_HEADER_PATCH=off` to leave kafkajs untouched.
 */
export function linearHeaderDecoding(): LinearHeaderDecodingStatus {
  status ??= apply();
  return status;
}

function apply(): LinearHeaderDecodingStatus {
  if (/^(off|0|false)$/i.test(process.env[DISABLE_VAR]?.trim() ?? '')) return 'disabled';
  let Decoder: { prototype: { readVarIntArray: ReadVarIntArray } };
  let HeaderDecoder: Reader;
  try {
    // Resolved from here, as `import 'kafkajs'` in this folder resolves it: the same module
    // instances kafkajs's own record decoder requires.
    const require = createRequire(import.meta.url);
    const version = (require('kafkajs/package.json') as { version?: unknown }).version;
    if (version !== VETTED_VERSION) return 'unvetted-version';
    const source = readFileSync(require.resolve('kafkajs/src/protocol/recordBatch/record/v0/decoder'), 'utf8');
    if (!source.includes(PATCHED_CALL)) return 'unexpected-source';
    Decoder = require('kafkajs/src/protocol/decoder');
    HeaderDecoder = require('kafkajs/src/protocol/recordBatch/header/v0/decoder');
  } catch {
    return 'unavailable';
  }
  const original = Decoder.prototype.readVarIntArray;
  if (typeof original !== 'function') return 'unexpected-source';
  if (original[ORIGINAL_READ_VAR_INT_ARRAY]) return 'applied';

  const patched: ReadVarIntArray = function readVarIntArray(this: unknown, reader: Reader) {
    const array = original.call(this, reader);
    if (reader === HeaderDecoder) Object.defineProperty(array, 'reduce', { value: reduceHeaders, writable: true, configurable: true });
    return array;
  };
  Object.defineProperty(patched, ORIGINAL_READ_VAR_INT_ARRAY, { value: original });
  Decoder.prototype.readVarIntArray = patched;
  return 'applied';
}

/**
 * The `reduce` of a decoded header array. kafkajs calls it as `reduce(callback, {})`; any
 * other call gets the standard `reduce`.
 */
function reduceHeaders(this: DecodedHeader[], ...args: Parameters<DecodedHeader[]['reduce']>): unknown {
  const initial: unknown = args[1];
  const kafkajsCall =
    args.length === 2 &&
    typeof initial === 'object' &&
    initial !== null &&
    Object.getPrototypeOf(initial) === Object.prototype &&
    Reflect.ownKeys(initial).length === 0;
  return kafkajsCall ? headersObject(this) : (Array.prototype.reduce as (...a: unknown[]) => unknown).apply(this, args);
}

/** The headers object, in one pass: own data properties only, repeated keys collected in order. */
export function headersObject(decoded: readonly DecodedHeader[]): Headers {
  const headers: Headers = {};
  for (const { key, value } of decoded) {
    const name = String(key);
    if (!Object.hasOwn(headers, name)) set(headers, name, value);
    else {
      const seen = headers[name] as HeaderValue | HeaderValue[];
      if (Array.isArray(seen)) seen.push(value);
      else set(headers, name, [seen, value]);
    }
  }
  return headers;
}

function set(headers: Headers, name: string, value: HeaderValue | HeaderValue[]): void {
  // Assigning `__proto__` would set the object's prototype; define it as data instead.
  if (name === '__proto__') Object.defineProperty(headers, name, { value, writable: true, enumerable: true, configurable: true });
  else headers[name] = value;
}
