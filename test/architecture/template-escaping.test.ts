import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Templates put text into generated code only through `templates/src/lib/code.ts`
 * (issue 13): code is assembled with its `ts` tag (which accepts only escaped
 * `Code`), doc comments with `doc`. These checks keep it the only way: a template
 * that splices a string with an untagged template literal, or hands ts-morph a
 * doc comment that did not go through `doc`, fails here.
 */
const root = join(import.meta.dirname, '../..');
const templates = join(root, 'templates/src');
/** The helper layer itself (`code.ts`, file assembly, paths, the pass over json-schema-to-typescript's output): reviewed by hand. */
const HELPERS = 'lib/';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function findings(visit: (node: ts.Node, where: (n: ts.Node) => string) => string | undefined): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(templates)) {
    const rel = relative(templates, file).split('\\').join('/');
    if (rel.startsWith(HELPERS)) continue;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const where = (n: ts.Node): string => `${rel}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    const walk = (node: ts.Node): void => {
      const finding = visit(node, where);
      if (finding) out.push(finding);
      ts.forEachChild(node, walk);
    };
    walk(source);
  }
  return out;
}

const tagName = (node: ts.TaggedTemplateExpression): string => node.tag.getText();

describe('templates interpolate text through one escaping path', () => {
  it('no untagged template literal splices a value; tagged ones use `ts` or `doc`', () => {
    const offenders = findings((node, where) => {
      if (ts.isTemplateExpression(node) && !ts.isTaggedTemplateExpression(node.parent)) return `${where(node)}: ${node.getText()}`;
      if (ts.isTaggedTemplateExpression(node) && !['ts', 'doc'].includes(tagName(node))) return `${where(node)}: ${node.getText()}`;
      return undefined;
    });
    expect(offenders).toEqual([]);
  });

  it('every doc comment handed to ts-morph is fixed text or went through `doc`', () => {
    const offenders = findings((node, where) => {
      if (!ts.isPropertyAssignment(node) || node.name.getText() !== 'docs') return undefined;
      if (!ts.isArrayLiteralExpression(node.initializer)) return `${where(node)}: docs is not an array literal`;
      const bad = node.initializer.elements.filter(
        (e) =>
          !ts.isStringLiteral(e) &&
          !ts.isNoSubstitutionTemplateLiteral(e) &&
          !(ts.isTaggedTemplateExpression(e) && tagName(e) === 'doc') &&
          !(ts.isCallExpression(e) && e.expression.getText() === 'doc') &&
          // A helper of the same file that returns `doc(...)`: named `...Doc`.
          !(ts.isCallExpression(e) && /Doc$/.test(e.expression.getText())) &&
          !(ts.isIdentifier(e) && e.text === 'docs'),
      );
      return bad.length > 0 ? `${where(node)}: ${bad.map((e) => e.getText()).join(', ')}` : undefined;
    });
    expect(offenders).toEqual([]);
  });

  it('no string is built with + in a template', () => {
    const offenders = findings((node, where) =>
      ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken ? `${where(node)}: ${node.getText()}` : undefined,
    );
    expect(offenders).toEqual([]);
  });
});
