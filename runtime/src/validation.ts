/**
 * What the validators `ksdk generate` emits (ajv standalone code) import at
 * run time: ajv's runtime helpers and the ajv-formats format checks. Generated
 * code imports these from `@ksdk/runtime/validation`, so an application depends
 * on the runtime only. Nothing here compiles a schema.
 */
import ajvEqual from 'ajv/dist/runtime/equal.js';
import ajvUcs2length from 'ajv/dist/runtime/ucs2length.js';
import ajvUri from 'ajv/dist/runtime/uri.js';
import ajvFormats from 'ajv-formats/dist/formats.js';
import { fastDateTime } from './formats/fastDateTime.js';

/**
 * ajv's runtime modules are CommonJS with the value on `exports.default`. Node
 * hands an ES module the whole `module.exports`; some loaders (vitest's) hand
 * over `exports.default` itself. Accept both.
 */
function commonJsDefault<T>(module: unknown): T {
  const m = module as { default?: T; __esModule?: boolean };
  return (typeof module === 'object' && module !== null && m.default !== undefined ? m.default : module) as T;
}

/** Deep equality (`const`, `enum` of objects, `uniqueItems`). */
export const equal = commonJsDefault<(a: unknown, b: unknown) => boolean>(ajvEqual);
/** String length in code points (`minLength`, `maxLength`). */
export const ucs2length = commonJsDefault<(text: string) => number>(ajvUcs2length);
/** RFC 3986 URI parser, used by ajv for `$id`s and `uri` checks. */
export const uri = commonJsDefault<object>(ajvUri);
type FormatDefinition = { validate: (text: string) => boolean; compare?: (a: string, b: string) => number | undefined };
const fullFormats = (ajvFormats as unknown as { fullFormats: Record<string, unknown> }).fullFormats;
const dateTime = fullFormats['date-time'] as FormatDefinition;

/**
 * ajv-formats' full format set (`date-time`, `email`, `uuid`, `uri`...), as the validators
 * name it. `date-time` answers the common RFC 3339 shape without regular-expression
 * captures (see fastDateTime) and everything else as ajv-formats does.
 */
export const formats: Record<string, unknown> = {
  ...fullFormats,
  'date-time': { ...dateTime, validate: (text: string): boolean => fastDateTime(text) ?? dateTime.validate(text) },
};
