import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import { str } from './code.js';

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Evens out code json-schema-to-typescript produced so it reads like the rest:
 * string literal types single-quoted, and no parentheses around a union that
 * is a whole property or alias type (`status?: 'a' | 'b'`, not `("a" | "b")`).
 * Edits are collected first and applied to the text in one go.
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
    if (Node.isStringLiteral(name) && name.getText().startsWith('"')) {
      edits.push({ start: name.getStart(), end: name.getEnd(), text: str(name.getLiteralValue()) });
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
  let text = file.getFullText();
  for (const edit of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  file.replaceWithText(text);
}
