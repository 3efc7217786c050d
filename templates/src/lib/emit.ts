import { IndentationText, NewLineKind, Project, QuoteKind, ts, type StatementStructures, type WriterFunction } from 'ts-morph';
import { lineComment } from './code.js';
import { GENERATED_HEADER } from './header.js';

export { GENERATED_HEADER };

let project: Project | undefined;

/** One in-memory ts-morph project for all files: nothing touches the disk. */
function emitter(): Project {
  project ??= new Project({
    useInMemoryFileSystem: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, allowJs: true },
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      quoteKind: QuoteKind.Single,
      useTrailingCommas: true,
      insertSpaceAfterOpeningAndBeforeClosingNonemptyBraces: true,
    },
  });
  return project;
}

/** What a file is made of: ts-morph statement structures, or code (text or a writer) printed as given. */
export type Statement = string | WriterFunction | StatementStructures;

/**
 * Builds one file from structures: ts-morph prints them once, with the fixed
 * manipulation settings above (two-space indentation, single quotes, trailing
 * commas), under the header. Nothing reformats the result: the templates give
 * code that is already formatted (what `test/generator/formatted.test.ts` checks
 * on every generated file), so a file costs one print, not a parse per added
 * node plus a formatting pass.
 *
 * `code` is code produced elsewhere and already formatted (the types
 * json-schema-to-typescript declared, through `printTypes`): it follows the
 * statements as it is.
 */
export function emitFile(path: string, manifest: string, statements: readonly Statement[], code = ''): string {
  const file = emitter().createSourceFile(`/${path}`, { statements: [...statements] }, { overwrite: true });
  try {
    const body = `${withoutHangingIndents(file.compilerNode)}\n\n${code}`
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      // An interface that only extends reads best as `{}`.
      .replace(/^((?:export )?interface [^\n]*) \{\n\}/gm, '$1 {}')
      .trim();
    return `${fileHeader(manifest)}\n${path.endsWith('.js') ? body : separateDeclarations(body)}\n`;
  } finally {
    emitter().removeSourceFile(file);
  }
}

/**
 * ts-morph prints a variable's initializer and an alias's type with a hanging
 * indent (one level more on every line after the first), which reads as
 * `= {\n    a: 1,\n  };` for an object literal. Takes that level off again on the
 * lines of the multi-line initializers and types of top-level declarations, so
 * a block closes where its statement starts.
 */
function withoutHangingIndents(file: ts.SourceFile): string {
  const text = file.text;
  const hanging: Array<[start: number, end: number]> = [];
  const add = (node: ts.Node | undefined): void => {
    if (node === undefined) return;
    const first = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
    const last = file.getLineAndCharacterOfPosition(node.end).line;
    if (last > first) hanging.push([first + 1, last]);
  };
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) add(d.initializer);
    else if (ts.isTypeAliasDeclaration(statement)) add(statement.type);
  }
  if (hanging.length === 0) return text;
  const lines = text.split('\n');
  for (const [start, end] of hanging) {
    for (let i = start; i <= end; i++) lines[i] = (lines[i] as string).replace(INDENT_UNIT, '');
  }
  return lines.join('\n');
}

const INDENT_UNIT = /^ {2}/;

/**
 * A file whose code was produced elsewhere (ajv's validators), under the same header,
 * exactly as given: no parsing, no formatting. `preamble` lines (comments) follow the header.
 */
export function emitVerbatim(manifest: string, preamble: readonly string[], code: string): string {
  return `${fileHeader(manifest)}${preamble.map((line) => `${line}\n`).join('')}\n${code.trim()}\n`;
}

/** The header lines every generated file starts with. */
function fileHeader(manifest: string): string {
  return `${GENERATED_HEADER}\n// source: ${lineComment(manifest)}\n`;
}

const DECLARATION = /^(\/\*\*|export (interface|type|class|function|const|declare|default) |(interface|type|class|function|const|declare) )/;

/** One blank line before every top-level declaration (and its doc comment), whoever emitted it. */
function separateDeclarations(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    const previous = i > 0 ? (lines[i - 1] as string) : '';
    if (i > 0 && DECLARATION.test(line) && previous !== '' && !previous.endsWith('*/')) out.push('');
    out.push(line);
  }
  return out.join('\n');
}
