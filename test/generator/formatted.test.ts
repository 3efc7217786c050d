import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { writeSyntheticProject } from '../../bench/lib/synthSchemas.js';
import { generate } from '../../cli/src/index.js';
import { EXAMPLE, readTree, tempDir } from './helpers.js';
import { generateCase, schemaCases } from './schemaCases.js';

/**
 * `ksdk generate` prints every file once from structures and never runs a
 * formatter (templates/src/lib/emit.ts): the generated code must come out
 * formatted all the same. The judge is TypeScript's own formatter, with the
 * settings the generator formatted with before it stopped: a file it would
 * change is a template (or `printTypes`) that writes code unformatted.
 * ajv's validator modules are exempt: they are emitted as ajv writes them.
 */
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

/** The text TypeScript's formatter makes of `text`, with the one house rule on top: an empty interface body is `{}`. */
function formatted(fileName: string, text: string): string {
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => ({ target: ts.ScriptTarget.ES2022 }),
    getScriptFileNames: () => [fileName],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => (name === fileName ? ts.ScriptSnapshot.fromString(text) : undefined),
    getCurrentDirectory: () => '/',
    getDefaultLibFileName: () => 'lib.d.ts',
    fileExists: (name) => name === fileName,
    readFile: (name) => (name === fileName ? text : undefined),
  };
  const edits = ts.createLanguageService(host).getFormattingEditsForDocument(fileName, FORMAT);
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.span.start - a.span.start)) {
    out = out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.start + edit.span.length);
  }
  return out.replace(/^((?:export )?interface [^\n]*) \{ \}$/gm, '$1 {}');
}

/** The generated TypeScript files of a tree that are meant to be formatted (not ajv's modules). */
function formattedFiles(tree: Map<string, string>): Array<[string, string]> {
  return [...tree.entries()].filter(([file]) => file.endsWith('.ts') && !/^validators\/draft-[^/]*\.ts$/.test(file));
}

function expectFormatted(tree: Map<string, string>): void {
  const files = formattedFiles(tree);
  expect(files.length).toBeGreaterThan(0);
  for (const [file, text] of files) expect(formatted(`/${file}`, text), file).toBe(text);
}

describe('generated code is formatted without a formatter pass', () => {
  it('the golden example', async () => {
    expectFormatted(await readTree(path.join(EXAMPLE, 'src/generated')));
  });

  it('every schema edge case', async () => {
    for (const [, c] of schemaCases) expectFormatted(await readTree(await generateCase(c)));
  });

  it('a synthetic project of 30 schemas (nested objects, arrays, shared and cross-file $refs, 3 producers, 25 subscriptions)', async () => {
    const dir = await tempDir();
    writeSyntheticProject(dir, 30);
    const out = path.join(dir, 'out');
    await generate('ksdk.json', { cwd: dir, out });
    expectFormatted(await readTree(out));
  });
});
