import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import { key, str } from './code.js';
import { decodePropertyName } from './propertyNames.js';

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Evens out code json-schema-to-typescript produced so it reads like the rest,
 * and writes user text back through `code.ts`: property names the pipeline
 * replaced by placeholders (`propertyNames.ts`) become keys again, string
 * literal types are single-quoted, and no parentheses wrap a union that is a
 * whole property or alias type (`status?: 'a' | 'b'`, not `("a" | "b")`).
 * Edits are collected first and applied to the text in one pass.
 */
export function tidyTypes(file: SourceFile): void {
  const edits: Edit[] = [];
  for (const literal of file.getDescendantsOfKind(SyntaxKind.LiteralType)) {
    const inner = literal.getLiteral();
    if (Node.isStringLiteral(inner) && inner.getText().startsWith('"')) {
      edits.push({ start: inner.getStart(), end: inner.getEnd(), text: str(inner.getLiteralValue()) });
    }
  }
  for (const property of file.getDescendantsOfKind(SyntaxKind.PropertySignature)) {
    const name = property.getNameNode();
    const placeholder = Node.isIdentifier(name) ? decodePropertyName(name.getText()) : undefined;
    if (placeholder !== undefined) {
      edits.push({ start: name.getStart(), end: name.getEnd(), text: key(placeholder) });
    } else if (Node.isStringLiteral(name) && name.getText().startsWith('"')) {
      edits.push({ start: name.getStart(), end: name.getEnd(), text: key(name.getLiteralValue()) });
    }
  }
  for (const paren of file.getDescendantsOfKind(SyntaxKind.ParenthesizedType)) {
    const parent = paren.getParent();
    if (Node.isPropertySignature(parent) || Node.isTypeAliasDeclaration(parent) || Node.isIndexSignatureDeclaration(parent)) {
      edits.push({ start: paren.getStart(), end: paren.getStart() + 1, text: '' });
      edits.push({ start: paren.getEnd() - 1, end: paren.getEnd(), text: '' });
    }
  }
  if (edits.length === 0) return;
  file.replaceWithText(applyEdits(file.getFullText(), edits));
}

/** Applies non-overlapping edits in one pass over the text: linear in its length and the number of edits. */
function applyEdits(text: string, edits: Edit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    parts.push(text.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
