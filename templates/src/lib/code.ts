import type { CodeBlockWriter, WriterFunction } from 'ts-morph';

/**
 * Small helpers that build TypeScript text for ts-morph structures: literals
 * quoted one way, property keys quoted only when they must be, object and
 * array literals written in the order given (never re-sorted by the engine).
 */

/** Single-quoted string literal. */
export function str(value: string): string {
  const body = JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${body}'`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key: bare when it is an identifier, quoted otherwise. */
export function key(name: string): string {
  return IDENTIFIER.test(name) ? name : str(name);
}

/** `obj.name` or `obj['na-me']`. */
export function member(object: string, name: string): string {
  return IDENTIFIER.test(name) ? `${object}.${name}` : `${object}[${str(name)}]`;
}

/** A literal for a plain value (string, number, boolean, array, object). */
export function literal(value: unknown): string | WriterFunction {
  if (typeof value === 'string') return str(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return array(value.map((v) => literal(v)));
  if (typeof value === 'object') {
    return object(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).map(([k, v]) => [k, literal(v)]));
  }
  throw new Error(`no literal for ${typeof value}`);
}

export type Entry = [name: string, value: string | WriterFunction];

function writeValue(writer: CodeBlockWriter, value: string | WriterFunction): void {
  if (typeof value === 'string') writer.write(value);
  else value(writer);
}

/** `{ a: 1, 'b-c': 2 }`, one entry per line, in the order given. An empty list gives `{}`. */
export function object(entries: readonly Entry[], suffix = ''): WriterFunction {
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
export function array(items: ReadonlyArray<string | WriterFunction>): WriterFunction {
  return (writer) => {
    writer.write('[');
    items.forEach((item, i) => {
      if (i > 0) writer.write(', ');
      writeValue(writer, item);
    });
    writer.write(']');
  };
}

/** `A | B`, `never` for none. */
export function union(types: readonly string[]): string {
  return types.length === 0 ? 'never' : types.join(' | ');
}

/** Text safe inside a `/** ... *\/` comment. */
export function doc(text: string): string {
  return text.replace(/\*\//g, '*\\/').trim();
}
