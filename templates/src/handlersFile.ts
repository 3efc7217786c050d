import { doc, ident, ts, union } from './lib/code.js';
import { emitFile } from './lib/emit.js';
import { importPath, messageModule } from './lib/modules.js';
import type { ClientModel, GeneratedFile, SubscriptionTemplate } from './model.js';

/**
 * `handlers.ts`: one handler interface per subscription, narrowed to the
 * message type(s) it accepts. `handle` is redeclared as a function-typed
 * property so the compiler checks its parameter strictly: a handler for the
 * wrong message type does not compile.
 */
export function renderHandlersFile(model: ClientModel): GeneratedFile {
  const path = 'handlers.ts';
  const content = emitFile(path, model.manifest, (file) => {
    file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: model.runtimeModule, namedImports: ['MessageContext', 'MessageHandler'] });
    const used = [...new Set(model.subscriptions.flatMap((s) => s.messages))].sort();
    for (const m of used) file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: importPath(path, messageModule(m)), namedImports: [ident(m)] });
    for (const s of model.subscriptions) {
      const type = union(s.messages.map(ident));
      file.addInterface({
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
      });
    }
  });
  return { path, content };
}

function handlerDoc(s: SubscriptionTemplate): string {
  const messages = s.messages.map((m) => doc`\`${m}\``).join(', ');
  const summary = doc`Handles ${messages} from topic \`${s.topic}\` (subscription \`${s.name}\`, group \`${s.groupId}\`).`;
  return s.description ? doc`${s.description}\n\n${summary}` : summary;
}
