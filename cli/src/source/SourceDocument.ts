import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { KsdkCliError, type CliErrorCode, type Issue } from '../errors/KsdkCliError.js';
import { DEFAULT_LIMITS, type Limits } from '../context/limits.js';
import { joinPointer, parsePointer } from '../util/pointer.js';
import { hasDuplicateKeys } from './hasDuplicateKeys.js';
import { deepestPointer, depthExceededAt } from './nestingDepth.js';

/** Line and column, both 1-based. */
export interface Position {
  line: number;
  column: number;
}

/** A YAML parser diagnostic, with the pointer of the key it concerns when the parser named one. */
export interface ParseProblem {
  code: string;
  message: string;
  position?: Position;
  /** For duplicate keys: the pointer of the duplicated key. */
  pointer?: string;
}

/**
 * A parsed YAML or JSON file that remembers where every value came from, so
 * that any error can name `file:line:column` for a JSON pointer. JSON files
 * are parsed with `JSON.parse` (the authority on what JSON is) and located with
 * the YAML parser (YAML 1.2 is a superset of JSON).
 */
export class SourceDocument {
  /** Path relative to the project directory, `/`-separated; what messages show. */
  readonly file: string;
  readonly value: unknown;
  #doc: Document.Parsed | undefined;
  #lines: LineCounter;
  /** JSON text not yet parsed for positions: the YAML parser runs when an issue is first located in it. */
  #unlocated: string | undefined;

  private constructor(file: string, value: unknown, doc: Document.Parsed | undefined, lines: LineCounter, unlocated?: string) {
    this.file = file;
    this.value = value;
    this.#doc = doc;
    this.#lines = lines;
    this.#unlocated = unlocated;
  }

  /**
   * Parses `text`. `json` selects strict JSON; otherwise YAML. Syntax errors throw
   * `KsdkCliError(syntaxCode)`; duplicate keys are reported through `onDuplicateKey`
   * (which may throw a more specific error) and otherwise as syntax errors.
   */
  static parse(
    file: string,
    text: string,
    options: { json: boolean; syntaxCode: CliErrorCode; onDuplicateKey?: (problem: ParseProblem) => void; limits?: Pick<Limits, 'depth' | 'yamlAliases'> },
  ): SourceDocument {
    const limits = options.limits ?? DEFAULT_LIMITS;
    const lines = new LineCounter();
    const message = `nested more than ${limits.depth} levels deep (objects and arrays); ksdk reads documents up to that depth`;
    const tooDeep = (pointer: string): KsdkCliError => {
      // Where in the text: the bracket that opens one level too many (JSON, and YAML flow collections).
      const at = depthExceededAt(text, limits.depth, options.json);
      const pos = at === undefined ? undefined : positionOf(text, at);
      return new KsdkCliError('KSDK_LIMIT_EXCEEDED', { file, ...(pos ? { line: pos.line, column: pos.column } : {}), pointer, message });
    };
    let jsonValue: unknown;
    if (options.json) {
      // JSON.parse does not recurse (any depth is safe), so the deepest value can be named by its pointer.
      try {
        jsonValue = JSON.parse(text);
      } catch (err) {
        throw new KsdkCliError(options.syntaxCode, { file, ...jsonErrorPosition(text, err), pointer: '', message: `not valid JSON: ${describeJsonError(err)}` }, { cause: err });
      }
      const deepest = deepestPointer(jsonValue, limits.depth);
      if (deepest !== undefined) throw tooDeep(deepest);
      // Positions are only needed for an error or a warning: most files never need them.
      if (!hasDuplicateKeys(text)) return new SourceDocument(file, jsonValue, undefined, lines, text);
    } else if (depthExceededAt(text, limits.depth, false) !== undefined) {
      // The YAML parser recurses per level: stop deep flow collections before it sees them.
      throw tooDeep('');
    }
    let doc;
    try {
      doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
    } catch (err) {
      // Block-style YAML nests by indentation, which the bracket scan does not see.
      if (err instanceof RangeError) throw tooDeep('');
      throw err;
    }
    const doc0 = doc as Document.Parsed;
    if (options.json) {
      // JSON.parse keeps the last of duplicated keys silently; the YAML parser reports them.
      const onlyDuplicates = doc.errors.every((e) => e.code === 'DUPLICATE_KEY');
      if (doc.errors.length > 0 && onlyDuplicates) reportDuplicates(file, doc0, lines, options);
      return new SourceDocument(file, jsonValue, onlyDuplicates ? doc0 : undefined, lines);
    }
    if (doc.errors.length > 0) {
      const duplicate = doc.errors.find((e) => e.code === 'DUPLICATE_KEY');
      if (duplicate && doc.errors.every((e) => e.code === 'DUPLICATE_KEY')) reportDuplicates(file, doc0, lines, options);
      const issues: Issue[] = doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return { file, line: pos.line, column: pos.col, pointer: '', message: `YAML syntax error: ${firstLine(e.message)}` };
      });
      throw new KsdkCliError(options.syntaxCode, issues, { cause: doc.errors[0] });
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.yamlAliases });
    } catch (err) {
      // yaml refuses to expand a document whose aliases multiply ("billion laughs").
      if (err instanceof ReferenceError && /alias/i.test(err.message)) {
        const alias = /(^|[\s,[{:-])\*[^\s,\]}]+/m.exec(text);
        const pos = alias === null ? undefined : positionOf(text, alias.index + alias[1]!.length);
        throw new KsdkCliError(
          'KSDK_LIMIT_EXCEEDED',
          { file, ...(pos ? { line: pos.line, column: pos.column } : {}), pointer: '', message: `its YAML aliases expand to more than ${limits.yamlAliases} copies (a "billion laughs" document); write the values out instead` },
          { cause: err },
        );
      }
      if (err instanceof RangeError) throw tooDeep('');
      throw err;
    }
    const parsed = new SourceDocument(file, value, doc0, lines);
    const deepest = deepestPointer(value, limits.depth);
    if (deepest !== undefined) throw new KsdkCliError('KSDK_LIMIT_EXCEEDED', { ...parsed.issue(deepest, ''), message });
    return parsed;
  }

  /** Wraps a value that has no source text (a fetched or synthesized document). */
  static fromValue(file: string, value: unknown): SourceDocument {
    return new SourceDocument(file, value, undefined, new LineCounter());
  }

  /**
   * Where the value at `pointer` starts; for a pointer that does not exist, the
   * deepest existing ancestor. `key: true` prefers the key of the last segment.
   */
  locate(pointer: string, options: { key?: boolean } = {}): Position | undefined {
    if (this.#unlocated !== undefined) this.#locateJson(this.#unlocated);
    if (!this.#doc) return undefined;
    let node: unknown = this.#doc.contents;
    let position = this.#position(node);
    let segments: string[];
    try {
      segments = parsePointer(pointer);
    } catch {
      return position;
    }
    for (const [i, segment] of segments.entries()) {
      const last = i === segments.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
        if (!pair) return position;
        if (last && options.key) return this.#position(pair.key) ?? position;
        node = pair.value;
        position = this.#position(node) ?? this.#position(pair.key) ?? position;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (item === undefined) return position;
        node = item;
        position = this.#position(node) ?? position;
      } else {
        return position;
      }
    }
    return position;
  }

  /** An issue located at `pointer` in this file. */
  issue(pointer: string, message: string, options: { key?: boolean } = {}): Issue {
    const pos = this.locate(pointer, options);
    return { file: this.file, ...(pos ? { line: pos.line, column: pos.column } : {}), pointer, message };
  }

  /** The YAML parser's positions for a JSON file (YAML 1.2 is a superset of JSON); none if it reads the text otherwise. */
  #locateJson(text: string): void {
    this.#unlocated = undefined;
    const lines = new LineCounter();
    try {
      const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
      if (doc.errors.length === 0) {
        this.#doc = doc as Document.Parsed;
        this.#lines = lines;
      }
    } catch {
      // No positions: issues name the file and the pointer.
    }
  }

  #position(node: unknown): Position | undefined {
    const range = (node as YamlNode | null | undefined)?.range;
    if (!range) return undefined;
    const pos = this.#lines.linePos(range[0]);
    return { line: pos.line, column: pos.col };
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/**
 * What `JSON.parse` found wrong, without the file's content: its messages quote
 * the text around the error (`Unexpected token 'r', "root:x:0:0"... is not valid
 * JSON`), and a file that is not JSON may be anything. The position is reported
 * as line and column separately.
 */
function describeJsonError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/^Unexpected end of JSON input/.test(message)) return 'unexpected end of input';
  if (/^Unexpected (token|non-whitespace character)/.test(message)) return 'unexpected character';
  const grammar = /^(Expected [^"]*?|Bad control character in string literal|Bad escaped character|Unterminated string|Exponent part is missing a number|No number after minus sign|Unterminated fractional number)(?= in JSON|$)/.exec(message)?.[1];
  return grammar === undefined ? 'syntax error' : grammar.replace(/'[^']*'/g, (quoted) => (/^'[,:}\]\[{]'$/.test(quoted) ? quoted : "'…'"));
}

/** Line and column (1-based) of an offset. */
function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** `JSON.parse` names a position (`at position 42`, or `line 3 column 5`); turn it into line and column. */
function jsonErrorPosition(text: string, err: unknown): { line?: number; column?: number } {
  const message = err instanceof Error ? err.message : '';
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return { line: Number(lineCol[1]), column: Number(lineCol[2]) };
  const at = /position (\d+)/.exec(message);
  if (!at) return {};
  const offset = Number(at[1]);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** Finds the pointer of every duplicated key and hands it to `onDuplicateKey`. */
function reportDuplicates(
  file: string,
  doc: Document.Parsed,
  lines: LineCounter,
  options: { onDuplicateKey?: (problem: ParseProblem) => void; syntaxCode: CliErrorCode },
): void {
  const problems: ParseProblem[] = [];
  const visit = (node: unknown, pointer: string): void => {
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const child = joinPointer(pointer, key);
        if (seen.has(key)) {
          const range = pair.key.range;
          const pos = range ? lines.linePos(range[0]) : undefined;
          problems.push({
            code: 'DUPLICATE_KEY',
            message: `duplicate key "${key}"`,
            pointer: child,
            ...(pos ? { position: { line: pos.line, column: pos.col } } : {}),
          });
        }
        seen.add(key);
        visit(pair.value, child);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, joinPointer(pointer, i)));
    }
  };
  visit(doc.contents, '');
  if (problems.length === 0) return;
  for (const p of problems) options.onDuplicateKey?.(p);
  throw new KsdkCliError(
    options.syntaxCode,
    problems.map((p) => ({ file, ...(p.position ? { line: p.position.line, column: p.position.column } : {}), pointer: p.pointer ?? '', message: p.message })),
  );
}
