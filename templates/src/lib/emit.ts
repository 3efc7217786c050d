import { IndentationText, NewLineKind, Project, QuoteKind, ts, type SourceFile } from 'ts-morph';
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

/** Fixed formatter settings: output never depends on the machine or an editor config. */
const FORMAT: ts.FormatCodeSettings = {
  indentSize: 2,
  tabSize: 2,
  convertTabsToSpaces: true,
  newLineCharacter: '\n',
  indentStyle: ts.IndentStyle.Smart,
  insertSpaceAfterCommaDelimiter: true,
  insertSpaceAfterSemicolonInForStatements: true,
  insertSpaceBeforeAndAfterBinaryOperators: true,
  insertSpaceAfterKeywordsInControlFlowStatements: true,
  insertSpaceAfterFunctionKeywordForAnonymousFunctions: true,
  insertSpaceAfterOpeningAndBeforeClosingNonemptyBraces: true,
  insertSpaceAfterOpeningAndBeforeClosingNonemptyBrackets: false,
  insertSpaceAfterOpeningAndBeforeClosingNonemptyParenthesis: false,
  insertSpaceAfterOpeningAndBeforeClosingTemplateStringBraces: false,
  insertSpaceAfterTypeAssertion: false,
  placeOpenBraceOnNewLineForFunctions: false,
  placeOpenBraceOnNewLineForControlBlocks: false,
  semicolons: ts.SemicolonPreference.Insert,
};

/**
 * Builds one file: `build` fills a fresh source file (with structures, or by
 * inserting text for code produced elsewhere), the fixed formatter formats it,
 * and the header comes first. Returns the text; the in-memory file is dropped.
 *
 * `initialText` starts the file with code produced elsewhere (ajv's validators):
 * cheaper than inserting it with `addStatements`, which parses it once more.
 */
export function emitFile(path: string, manifest: string, build: (file: SourceFile) => void, initialText = ''): string {
  const file = emitter().createSourceFile(`/${path}`, initialText, { overwrite: true });
  try {
    build(file);
    // The text `file.formatText(FORMAT)` would leave in the file, without re-parsing it
    // into the file afterwards (nothing reads the file's nodes once it is formatted).
    const body = emitter()
      .getLanguageService()
      .getFormattedDocumentText(file.getFilePath(), FORMAT)
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
