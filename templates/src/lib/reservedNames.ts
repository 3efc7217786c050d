/**
 * Names a message, producer or subscription handler must not take, because the
 * generated code already uses them: a message called `Promise` or `KsdkProducer`
 * would shadow what a generated module refers to, and its code would not
 * compile (or, worse, mean something else). The manifest check refuses them
 * with the reason below (`reservedNameReason`); schema type names avoid them.
 * `test/generator/reservedNames.test.ts` checks that every name generated code
 * imports from the runtime is in `RUNTIME_IMPORTS`.
 */
import { symbols, type SymbolName } from '@ksdk/runtime/codegen';

/** What generated code imports from the runtime (values and types): the names of its `symbols` table. */
export const RUNTIME_IMPORTS: readonly string[] = (Object.keys(symbols) as SymbolName[]).sort();

/** What every generated client declares (and `index.ts` re-exports). */
export const GENERATED_DECLARATIONS: readonly string[] = [
  'MessageName', 'MessageTypes', 'SubscriptionHandlers', 'SubscriptionName', 'TopicMessages', 'TopicName', 'createSubscriptions', 'messages',
  'subscriptionSpecs', 'topics',
];

/**
 * Global types and values of TypeScript and JavaScript that generated code uses
 * (`Promise`, `Readonly`, `ReadonlyArray`) or that code working with messages
 * cannot do without: a type of that name would shadow it wherever it is imported.
 */
export const RESERVED_GLOBALS: readonly string[] = [
  'Array', 'Awaited', 'BigInt', 'Boolean', 'Buffer', 'Date', 'Error', 'Exclude', 'Extract', 'Function', 'InstanceType', 'JSON', 'Map', 'Math',
  'NonNullable', 'Number', 'Object', 'Omit', 'Parameters', 'Partial', 'Pick', 'Promise', 'PromiseLike', 'Readonly', 'ReadonlyArray', 'Record',
  'RegExp', 'Required', 'ReturnType', 'Set', 'String', 'Symbol', 'Uint8Array', 'WeakMap', 'WeakSet',
];

const REASONS = new Map<string, string>([
  ...RESERVED_GLOBALS.map((n): [string, string] => [n, `the global ${n}, which generated code and the code using it rely on`]),
  ...GENERATED_DECLARATIONS.map((n): [string, string] => [n, `declared by every generated client`]),
  ...(RUNTIME_IMPORTS as SymbolName[]).map((n): [string, string] => [n, `imported from ${symbols[n].from} by the generated code`]),
]);

/** Every reserved name. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(REASONS.keys());

/** Why `name` is reserved (for an error message), or undefined when it is free. */
export function reservedNameReason(name: string): string | undefined {
  return REASONS.get(name);
}
