import { renderHandlersFile } from './handlersFile.js';
import { renderIndexFile } from './indexFile.js';
import { renderDefinitionsFile, renderMessageFile } from './messageFile.js';
import type { ClientModel, GeneratedFile } from './model.js';
import { renderProducerFile } from './producerFile.js';
import { renderRegistryFile } from './registryFile.js';
import { renderSubscriptionsFile } from './subscriptionsFile.js';
import { renderValidatorFiles } from './validatorFiles.js';

/** Every file of the client, sorted by path. `onFile` reports progress. */
export function renderClient(model: ClientModel, onFile?: (path: string) => void): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const add = (...rendered: GeneratedFile[]): void => {
    for (const f of rendered) {
      onFile?.(f.path);
      files.push(f);
    }
  };
  for (const m of model.messages) add(renderMessageFile(model, m));
  add(...renderValidatorFiles(model));
  if (model.definitions) add(renderDefinitionsFile(model, model.definitions));
  add(renderRegistryFile(model));
  for (const p of model.producers) add(renderProducerFile(model, p));
  add(renderHandlersFile(model), renderSubscriptionsFile(model));
  // Validators are reached through the registry's `messages`; ajv's untyped code is never re-exported.
  const modules = files.filter((f) => f.path.endsWith('.ts') && !f.path.startsWith('validators/')).map((f) => f.path.replace(/\.ts$/, ''));
  add(renderIndexFile(model, modules));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
