import { doc, ident, ts, union, type Code } from './lib/code.js';
import { StructureKind } from 'ts-morph';
import { emitFile, type Statement } from './lib/emit.js';
import { importPath, messageModule } from './lib/modules.js';
import { runtimeImports } from './lib/runtimeImports.js';
import type { ClientCodeModel, GeneratedFile, SubscriptionTemplate } from './model.js';

/**
 * `handlers.ts`: one handler type per subscription, narrowed to the message
 * type(s) it accepts. `handle` is a function-typed property so the compiler
 * checks its parameter strictly: a handler for the wrong message type does not
 * compile.
 *
 * A subscription with several message types may also be handled by a map with
 * one function per message type (`<Name>HandlerMap`): each function gets its
 * own message type, a type left out does not compile, and nothing has to tell
 * similar messages apart by their fields (`'lines' in message`). The map is
 * keyed by manifest message name, which the runtime knows for every record
 * (`context.messageType`), rather than by a field added to the messages: a
 * schema may use any field name, and the message stays what was published.
 */
export function renderHandlersFile(model: ClientCodeModel): GeneratedFile {
  const path = 'handlers.ts';
  const used = [...new Set(model.subscriptions.flatMap((s) => s.messages))].sort();
  const content = emitFile(path, model.manifest, [
    ...runtimeImports(['MessageContext', 'MessageHandler']),
    ...used.map((m): Statement => ({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: importPath(path, messageModule(m)), namedImports: [ident(m)] })),
    ...model.subscriptions.flatMap((s): Statement[] => {
      const type = union(s.messages.map(ident));
      if (s.messages.length > 1) {
        return [
          {
            kind: StructureKind.TypeAlias,
            isExported: true,
            name: ident(s.handlerName),
            type: ts`${mapName(s)} | MessageHandler<${type}>`,
            docs: [handlerDoc(s)],
          },
          {
            kind: StructureKind.TypeAlias,
            isExported: true,
            name: mapName(s),
            type: (writer) => {
              writer.write('{').newLine();
              writer.indent(() => {
                for (const m of s.messages) writer.write(ts`${ident(m)}: (message: ${ident(m)}, context: MessageContext) => boolean | Promise<boolean>;`).newLine();
              });
              writer.write('}');
            },
            docs: [mapDoc(s)],
          },
        ];
      }
      return [
        {
          kind: StructureKind.Interface,
          isExported: true,
          name: ident(s.handlerName),
          extends: [ts`MessageHandler<${type}>`],
          docs: [handlerDoc(s)],
          properties: [
            {
              name: 'handle',
              type: ts`(message: ${type}, context: MessageContext) => boolean | Promise<boolean>`,
              docs: ['Return `true` when done; `false` or a throw fails the attempt (then retry, then the dead-letter topic).'],
            },
          ],
        },
      ];
    }),
  ]);
  return { path, content };
}

function mapName(s: SubscriptionTemplate): Code {
  return ts`${ident(s.handlerName)}Map`;
}

function handlerDoc(s: SubscriptionTemplate): string {
  const messages = s.messages.map((m) => doc`\`${m}\``).join(', ');
  let summary = doc`Handles ${messages} from topic \`${s.topic}\` (subscription \`${s.name}\`, group \`${s.groupId}\`).`;
  if (s.messages.length > 1) {
    summary = doc`${summary}
Either one function per message type (\`${s.handlerName}Map\`: each gets its own message type, narrowed by the
compiler, and a type left out does not compile), or one \`handle\` for all of them.`;
  }
  return s.description ? doc`${s.description}\n\n${summary}` : summary;
}

function mapDoc(s: SubscriptionTemplate): string {
  return doc`One function per message type of subscription \`${s.name}\`, by message name: each is called with the records of its type.
Return \`true\` when done; \`false\` or a throw fails the attempt (then retry, then the dead-letter topic).`;
}
