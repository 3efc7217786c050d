import type { CodeBlockWriter, WriterFunction } from 'ts-morph';

/**
 * The one way text from a manifest or a schema becomes part of generated code.
 *
 * Nothing a user wrote may change what the generated code does, so every piece of
 * such text reaches a file through one of these helpers, chosen by where it lands:
 * a string literal (`str`), a doc comment (`doc`), a line comment (`lineComment`),
 * an identifier (`ident`), a property key or member access (`key`, `member`), a
 * module specifier (`moduleSpecifier`). Code is assembled with the `ts` tag, which
 * accepts only what these helpers return (`Code`), numbers and booleans: a plain
 * string spliced into code does not compile. `test/generator/injection.test.ts`
 * proves it end to end; `test/architecture/template-escaping.test.ts` keeps the
 * templates on this path.
 */

declare const CODE: unique symbol;

/** TypeScript text that is safe to splice into generated code: only the helpers of this module make it. */
export type Code = string & { readonly [CODE]: true };

const code = (text: string): Code => text as Code;

/** Characters a single-quoted string literal must escape, and lone surrogates (not well-formed UTF-16). */
const UNSAFE_IN_STRING = /[\\'\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SHORT_ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * A single-quoted string literal. Besides quotes and backslashes, every control
 * character, U+2028/U+2029 and lone surrogate is escaped, so the literal is one
 * line of plain text whatever the value.
 */
export function str(value: string): Code {
  return code(`'${value.replace(UNSAFE_IN_STRING, (c) => SHORT_ESCAPES[c] ?? unicodeEscape(c))}'`);
}

/** ECMAScript line terminators (ECMA-262 §12.3): each one ends a `//` comment, U+2028 and U+2029 included. */
const LINE_TERMINATOR = /\r\n?|[\n\u2028\u2029]/g;
/** Control characters other than tab and line feed: invisible in an editor, escaped where they would be shown. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * Text safe inside a `/** ... *\/` doc comment: a `*\/` in it cannot close the
 * comment, line breaks of any kind become `\n` (ts-morph starts each line with ` * `).
 * As a tag, escapes the whole text, fixed parts included:
 * doc`Handles \`${name}\` from ${topic}.`
 */
export function doc(text: string): string;
export function doc(strings: TemplateStringsArray, ...values: ReadonlyArray<string | number>): string;
export function doc(first: string | TemplateStringsArray, ...values: ReadonlyArray<string | number>): string {
  const text = typeof first === 'string' ? first : interleave(first, values.map(String));
  return text
    .replace(LINE_TERMINATOR, '\n')
    .replace(CONTROL, unicodeEscape)
    .replace(/\*\//g, '*\\/')
    .trim();
}

/** Text for a `// ...` comment: it stays on its line (line terminators and control characters are shown escaped). */
export function lineComment(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]/g, unicodeEscape).replace(CONTROL, unicodeEscape);
}

const IDENTIFIER_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Words that cannot name a declaration: ECMAScript reserved words (strict mode),
 * and TypeScript's predefined type names (not valid as a type or interface name).
 */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with implements interface let ' +
    'package private protected public static yield await any bigint boolean never number object string symbol undefined unknown'
  ).split(' '),
);

/** True for a name `ident` accepts: ASCII identifier characters, not a reserved word. */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER_NAME.test(name) && !RESERVED.has(name);
}

/**
 * A name used as an identifier (a declaration, a type, a method). Names cannot be
 * escaped, only checked: the manifest validation refuses bad ones with a located
 * error, so a bad one reaching a template is a bug in ksdk, and throws.
 */
export function ident(name: string): Code {
  if (!isIdentifier(name)) throw new Error(`internal: ${JSON.stringify(name)} reached a template as an identifier; the manifest validation should have refused it`);
  return code(name);
}

/**
 * A property key (object literal or type member): bare when it is an identifier
 * name, quoted otherwise. `__proto__` is a computed key: written bare or quoted in
 * an object literal it would set the prototype instead of defining a property.
 */
export function key(name: string): Code {
  if (name === '__proto__') return code(`[${str(name)}]`);
  return IDENTIFIER_NAME.test(name) ? code(name) : str(name);
}

/** `obj.name` or `obj['na-me']`. */
export function member(object: Code, name: string): Code {
  return IDENTIFIER_NAME.test(name) ? code(`${object}.${name}`) : code(`${object}[${str(name)}]`);
}

/** `A | B`, `never` for none. */
export function union(types: readonly Code[]): Code {
  return code(types.length === 0 ? 'never' : types.join(' | '));
}

const MODULE_SPECIFIER = /^(?:\.{1,2}\/|@ksdk\/)[A-Za-z0-9._/@+~-]*$/;

/**
 * A module specifier ts-morph quotes for an import: relative (`./x.js`,
 * `../keys.js`) or a ksdk package, made of path characters only. The manifest
 * refuses other module paths with a located error; one reaching here is a bug.
 */
export function moduleSpecifier(specifier: string): string {
  if (!MODULE_SPECIFIER.test(specifier)) throw new Error(`internal: ${JSON.stringify(specifier)} reached a template as a module specifier`);
  return specifier;
}

/**
 * Assembles code: the fixed parts are the template's own text, and every value
 * spliced in is `Code` (made by the helpers above), a number or a boolean.
 * ts`return this.#producer.publish(${member(ident('messages'), name)}, message);`
 */
export function ts(strings: TemplateStringsArray, ...values: ReadonlyArray<Code | number | boolean>): Code {
  return code(interleave(strings, values.map((v) => (typeof v === 'number' ? numberLiteral(v) : String(v)))));
}

/** A tagged template's text as an untagged template would give it (cooked strings). */
function interleave(strings: TemplateStringsArray, values: readonly string[]): string {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += v + (strings[i + 1] ?? '');
  });
  return out;
}

function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`internal: ${value} is not a finite number`);
  return String(value);
}

/** A literal for a plain value (string, number, boolean, null, array, object). */
export function literal(value: unknown): Code | WriterFunction {
  if (typeof value === 'string') return str(value);
  if (typeof value === 'number') return code(numberLiteral(value));
  if (typeof value === 'boolean') return code(String(value));
  if (value === null) return code('null');
  if (Array.isArray(value)) return array(value.map((v) => literal(v)));
  if (typeof value === 'object') {
    return object(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).map(([k, v]) => [k, literal(v)]));
  }
  throw new Error(`no literal for ${typeof value}`);
}

/** One object-literal entry: the key as written by the user (escaped by `key`), and the value's code. */
export type Entry = [name: string, value: Code | WriterFunction];

function writeValue(writer: CodeBlockWriter, value: Code | WriterFunction): void {
  if (typeof value === 'string') writer.write(value);
  else value(writer);
}

/** `{ a: 1, 'b-c': 2 }`, one entry per line, in the order given. An empty list gives `{}`. */
export function object(entries: readonly Entry[], suffix: Code = code('')): WriterFunction {
  return (writer) => {
    if (entries.length === 0) {
      writer.write(`{}${suffix}`);
      return;
    }
    writer.write('{').newLine();
    writer.indent(() => {
      for (const [name, value] of entries) {
        writer.write(`${key(name)}: `);
        writeValue(writer, value);
        writer.write(',').newLine();
      }
    });
    writer.write(`}${suffix}`);
  };
}

/** `[a, b]` on one line; `[]` when empty. */
export function array(items: ReadonlyArray<Code | WriterFunction>): WriterFunction {
  return (writer) => {
    writer.write('[');
    items.forEach((item, i) => {
      if (i > 0) writer.write(', ');
      writeValue(writer, item);
    });
    writer.write(']');
  };
}
