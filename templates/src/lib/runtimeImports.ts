import { symbols, type RuntimeModule, type SymbolName } from '@ksdk/runtime/codegen';
import { StructureKind, type ImportDeclarationStructure } from 'ts-morph';

const MODULES: readonly RuntimeModule[] = ['@ksdk/runtime', '@ksdk/runtime/codegen'];

/**
 * The imports of the runtime names a generated file uses: one declaration per
 * entry point, as the runtime's `symbols` table (`@ksdk/runtime/codegen`) says
 * where each name lives and whether it is a type. Values come first, then types,
 * each in the order given; a declaration of types only is an `import type`.
 */
export function runtimeImports(names: readonly SymbolName[]): ImportDeclarationStructure[] {
  return MODULES.flatMap((module): ImportDeclarationStructure[] => {
    const own = names.filter((n) => symbols[n].from === module);
    if (own.length === 0) return [];
    const values = own.filter((n) => !symbols[n].typeOnly);
    const types = own.filter((n) => symbols[n].typeOnly);
    return [
      values.length === 0
        ? { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: module, namedImports: types }
        : { kind: StructureKind.ImportDeclaration, moduleSpecifier: module, namedImports: [...values, ...types.map((name) => ({ name, isTypeOnly: true }))] },
    ];
  });
}
