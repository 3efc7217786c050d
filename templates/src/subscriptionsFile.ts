import { StructureKind, VariableDeclarationKind, type WriterFunction } from 'ts-morph';
import { array, doc, ident, key, literal, member, object, str, ts, union, type Entry } from './lib/code.js';
import { emitFile, type Statement } from './lib/emit.js';
import { importPath, messageModule } from './lib/modules.js';
import { runtimeImports } from './lib/runtimeImports.js';
import type { ClientCodeModel, GeneratedFile, RetryTemplate, SubscriptionTemplate } from './model.js';

/**
 * `subscriptions.ts`: the manifest's subscriptions as runtime
 * `SubscriptionSpec`s, the handlers they need, and `createSubscriptions`,
 * which pairs them (the compiler checks each pair) into a `SubscriptionSet`.
 */
export function renderSubscriptionsFile(model: ClientCodeModel): GeneratedFile {
  const path = 'subscriptions.ts';
  const subs = model.subscriptions;
  const used = [...new Set(subs.flatMap((s) => s.messages))].sort();
  const content = emitFile(path, model.manifest, [
    ...runtimeImports(subs.length > 0 ? ['SubscriptionSet', 'ConsumerOptions', 'bindSubscription', 'SubscriptionSpec'] : ['SubscriptionSet', 'ConsumerOptions']),
    ...(subs.length > 0
      ? [{ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: importPath(path, 'handlers'), namedImports: subs.map((s) => ident(s.handlerName)).sort() } satisfies Statement]
      : []),
    ...used.map((m): Statement => ({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: importPath(path, messageModule(m)), namedImports: [ident(m)] })),
    ...(subs.length > 0 ? [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: importPath(path, 'registry'), namedImports: ['messages'] } satisfies Statement] : []),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: ['The subscriptions the manifest declares, by name. `ConsumerOptions.overrides` adjusts them at run time.'],
      declarations: [{ name: 'subscriptionSpecs', initializer: object(subs.map((s): Entry => [s.name, spec(s)]), ts` as const`) }],
    },
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: 'SubscriptionHandlers',
      docs: ['A handler for every subscription, by subscription name.'],
      properties: subs.map((s) => ({ name: key(s.name), type: ident(s.handlerName) })),
    },
    { kind: StructureKind.TypeAlias, isExported: true, name: 'SubscriptionName', type: subs.length > 0 ? 'keyof SubscriptionHandlers' : 'never', docs: ['A subscription name from the manifest.'] },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: 'createSubscriptions',
      parameters: [
        { name: 'options', type: 'ConsumerOptions<SubscriptionName>' },
        { name: subs.length > 0 ? 'handlers' : '_handlers', type: 'SubscriptionHandlers' },
      ],
      returnType: 'SubscriptionSet',
      docs: [
        doc`Pairs every subscription with its handler. Nothing connects until \`start()\`;
\`stop()\` finishes the messages in hand, commits and disconnects.

@param options Connection settings (brokers, SASL/SSL...), monitoring and per-subscription overrides
(\`overrides\` takes subscription names only: a misspelt one does not compile).`,
      ],
      statements: (writer) => {
        writer.write('return new SubscriptionSet(');
        writer.write('[').newLine();
        writer.indent(() => {
          for (const s of subs) {
            writer.write(ts`bindSubscription<${union(s.messages.map(ident))}>(${member(ident('subscriptionSpecs'), s.name)}, ${member(ident('handlers'), s.name)}),`).newLine();
          }
        });
        writer.write('], options);');
      },
    },
  ]);
  return { path, content };
}

function spec(s: SubscriptionTemplate): WriterFunction {
  const entries: Entry[] = [
    ['name', str(s.name)],
    ['topic', str(s.topic)],
    ['groupId', str(s.groupId)],
    ['messages', array(s.messages.map((m) => member(ident('messages'), m)))],
  ];
  if (s.consumers !== undefined) entries.push(['consumers', literal(s.consumers)]);
  if (s.retry !== undefined) entries.push(['retry', retry(s.retry)]);
  if (s.deadLetterTopic !== undefined) entries.push(['deadLetterTopic', str(s.deadLetterTopic)]);
  if (s.processingDelayMs !== undefined) entries.push(['processingDelayMs', literal(s.processingDelayMs)]);
  if (s.onExhausted !== undefined) entries.push(['onExhausted', str(s.onExhausted)]);
  if (s.fromBeginning !== undefined) entries.push(['fromBeginning', literal(s.fromBeginning)]);
  if (s.concurrency !== undefined) entries.push(['concurrency', literal(s.concurrency)]);
  return object(entries, ts` satisfies SubscriptionSpec<${union(s.messages.map(ident))}>`);
}

function retry(r: RetryTemplate): WriterFunction {
  const entries: Entry[] = [['mode', str(r.mode)]];
  if (r.mode === 'in-process') {
    if (r.maxAttempts !== undefined) entries.push(['maxAttempts', literal(r.maxAttempts)]);
    if (r.initialBackoffMs !== undefined) entries.push(['initialBackoffMs', literal(r.initialBackoffMs)]);
    if (r.exponential !== undefined) entries.push(['exponential', literal(r.exponential)]);
    if (r.maxBackoffMs !== undefined) entries.push(['maxBackoffMs', literal(r.maxBackoffMs)]);
    if (r.jitter !== undefined) entries.push(['jitter', literal(r.jitter)]);
  } else if (r.mode === 'topic-chain') {
    entries.push(['nextTopic', str(r.nextTopic)]);
  }
  return object(entries);
}
