import { ts } from 'ts-morph';
import { key, str } from './code.js';
import { decodePropertyName } from './propertyNames.js';

const INDENT = '  ';

/**
 * Prints declarations json-schema-to-typescript produced (unformatted: no
 * indentation, no semicolons) the way the rest of the generated code reads,
 * from their syntax tree, in one linear pass: members indented by two spaces
 * per level and ended by `;`, doc comments re-indented with them, one blank
 * line between declarations.
 *
 * User text is written back through `code.ts` on the way: property names the
 * pipeline replaced by placeholders (`propertyNames.ts`) become keys again
 * (`key`), string literal types are single-quoted (`str`). No parentheses wrap
 * a union or intersection that is a whole property, index signature or alias
 * type (`status?: 'a' | 'b'`, not `("a" | "b")`).
 *
 * The tree comes from TypeScript's parser alone: no project, no language
 * service, no formatter (what made a file of types cost milliseconds).
 */
export function printTypes(text: string): string {
  const file = ts.createSourceFile('types.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const diagnostics = (file as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (diagnostics.length > 0) {
    throw new Error(`internal: json-schema-to-typescript produced code that does not parse: ${ts.flattenDiagnosticMessageText(diagnostics[0]?.messageText, '\n')}`);
  }
  return new TypePrinter(file).statements();
}

class TypePrinter {
  readonly #file: ts.SourceFile;
  readonly #text: string;

  constructor(file: ts.SourceFile) {
    this.#file = file;
    this.#text = file.text;
  }

  statements(): string {
    return this.#file.statements.map((s) => `${this.#comments(s, '')}${this.#statement(s)}`).join('\n\n');
  }

  #statement(node: ts.Statement): string {
    if (ts.isInterfaceDeclaration(node)) {
      const heritage = (node.heritageClauses ?? []).map((h) => ` extends ${h.types.map((t) => this.#source(t)).join(', ')}`).join('');
      return `${this.#modifiers(node)}interface ${node.name.text}${heritage} ${this.#members(node.members, '')}`;
    }
    if (ts.isTypeAliasDeclaration(node)) {
      return `${this.#modifiers(node)}type ${node.name.text} = ${this.#type(unwrap(node.type), '')};`;
    }
    throw new Error(`internal: unexpected ${ts.SyntaxKind[node.kind]} in json-schema-to-typescript's output`);
  }

  #modifiers(node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration): string {
    return (node.modifiers ?? []).map((m) => `${this.#source(m)} `).join('');
  }

  /** `{ ... }` over several lines, members one level deeper than `indent`; `{}` when there are none. */
  #members(members: ts.NodeArray<ts.TypeElement>, indent: string): string {
    if (members.length === 0) return '{}';
    const inner = indent + INDENT;
    const lines = members.map((m) => `${this.#comments(m, inner)}${inner}${this.#member(m, inner)};`);
    return `{\n${lines.join('\n')}\n${indent}}`;
  }

  #member(node: ts.TypeElement, indent: string): string {
    if (ts.isPropertySignature(node)) {
      const type = node.type ? `: ${this.#type(unwrap(node.type), indent)}` : '';
      return `${this.#propertyName(node.name)}${node.questionToken ? '?' : ''}${type}`;
    }
    if (ts.isIndexSignatureDeclaration(node)) {
      const params = node.parameters.map((p) => `${this.#source(p.name)}: ${this.#type(p.type as ts.TypeNode, indent)}`).join(', ');
      return `[${params}]: ${this.#type(unwrap(node.type), indent)}`;
    }
    throw new Error(`internal: unexpected ${ts.SyntaxKind[node.kind]} member in json-schema-to-typescript's output`);
  }

  #propertyName(name: ts.PropertyName): string {
    if (ts.isIdentifier(name)) {
      const placeholder = decodePropertyName(name.text);
      return placeholder === undefined ? name.text : key(placeholder);
    }
    if (ts.isStringLiteral(name)) return key(name.text);
    return this.#source(name);
  }

  #type(node: ts.TypeNode, indent: string): string {
    if (ts.isTypeLiteralNode(node)) return this.#members(node.members, indent);
    if (ts.isUnionTypeNode(node)) return node.types.map((t) => this.#type(t, indent)).join(' | ');
    if (ts.isIntersectionTypeNode(node)) return node.types.map((t) => this.#type(t, indent)).join(' & ');
    if (ts.isParenthesizedTypeNode(node)) return `(${this.#type(node.type, indent)})`;
    if (ts.isArrayTypeNode(node)) return `${this.#type(node.elementType, indent)}[]`;
    if (ts.isTupleTypeNode(node)) return `[${node.elements.map((t) => this.#type(t, indent)).join(', ')}]`;
    if (ts.isRestTypeNode(node)) return `...${this.#type(node.type, indent)}`;
    if (ts.isOptionalTypeNode(node)) return `${this.#type(node.type, indent)}?`;
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return str(node.literal.text);
    // Keywords, type names, number, boolean and null literals: one token (or `-1`), as written.
    return this.#source(node);
  }

  /** The doc comments before a node, each line indented to `indent` (continuation lines keep their one-space offset). */
  #comments(node: ts.Node, indent: string): string {
    const ranges = ts.getLeadingCommentRanges(this.#text, node.pos) ?? [];
    return ranges
      .map((r) => {
        const lines = this.#text.slice(r.pos, r.end).split('\n');
        return `${lines.map((line, i) => (i === 0 ? indent + line.trim() : `${indent} ${line.trim()}`)).join('\n')}\n`;
      })
      .join('');
  }

  #source(node: ts.Node): string {
    return this.#text.slice(node.getStart(this.#file), node.end).replace(/\s+/g, ' ');
  }
}

/** A union or intersection in parentheses, as a whole property or alias type, without them. */
function unwrap(node: ts.TypeNode): ts.TypeNode {
  return ts.isParenthesizedTypeNode(node) ? node.type : node;
}
