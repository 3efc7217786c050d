/**
 * What the validators `ksdk generate` emits (ajv standalone code) import at
 * run time: ajv's runtime helpers and the ajv-formats format checks. Generated
 * code imports these from `@ksdk/runtime/validation`, so an application depends
 * on the runtime only. Nothing here compiles a schema.
 */
import ajvEqual from 'ajv/dist/runtime/equal.js';
import ajvUcs2length from 'ajv/dist/runtime/ucs2length.js';
import ajvUri from 'ajv/dist/runtime/uri.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';

// ajv's runtime modules are CommonJS with the function on `exports.default`.
/** Deep equality (`const`, `enum` of objects, `uniqueItems`). */
export const equal = ajvEqual.default as unknown as (a: unknown, b: unknown) => boolean;
/** String length in code points (`minLength`, `maxLength`). */
export const ucs2length: (text: string) => number = ajvUcs2length.default;
/** RFC 3986 URI parser (`format: uri`). */
export const uri: object = ajvUri.default;
/** ajv-formats' full format set (`date-time`, `email`, `uuid`, `uri`...), as the validators name it. */
export const formats = fullFormats;
