import { renderHandlersFile } from './handlersFile.js';
import { renderIndexFile } from './indexFile.js';
import { renderDefinitionsFile, renderMessageFile } from './messageFile.js';
import type { ClientCodeModel, ClientModel, GeneratedFile } from './model.js';
import { renderProducerFile } from './producerFile.js';
import { renderRegistryFile } from './registryFile.js';
import { renderSubscriptionsFile } from './subscriptionsFile.js';
import { renderValidatorFiles } from './validatorFiles.js';

/** Every file of the client, sorted by path. `onFile` reports progress. */
export function renderClient(model: ClientModel, onFile?: (path: string) => void): GeneratedFile[] {
  return sortByPath([...renderClientCode(model, onFile), ...renderValidators(model, onFile)]);
}

/**
 * Every file of the client but the validators, which depend on nothing else of
 * the model than `validators` (and the registry imports them by a fixed path): a
 * pipeline can render these while the validators still compile.
 */
export function renderClientCode(model: ClientCodeModel, onFile?: (path: string) => void): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const add = (...rendered: GeneratedFile[]): void => {
    for (const f of rendered) {
      onFile?.(f.path);
      files.push(f);
    }
  };
  for (const m of model.messages) add(renderMessageFile(model, m));
  if (model.definitions) add(renderDefinitionsFile(model, model.definitions));
  add(renderRegistryFile(model));
  for (const p of model.producers) add(renderProducerFile(model, p));
  add(renderHandlersFile(model), renderSubscriptionsFile(model));
  // Validators are reached through the registry's `messages`; ajv's untyped code is never re-exported.
  const modules = files.filter((f) => f.path.endsWith('.ts')).map((f) => f.path.replace(/\.ts$/, ''));
  add(renderIndexFile(model, modules));
  return sortByPath(files);
}

/** The validator files: ajv's module of each draft and the typed `validators/index.ts`. */
export function renderValidators(model: Pick<ClientModel, 'manifest' | 'messages' | 'validators'>, onFile?: (path: string) => void): GeneratedFile[] {
  const files = renderValidatorFiles(model);
  for (const f of files) onFile?.(f.path);
  return files;
}

function sortByPath(files: GeneratedFile[]): GeneratedFile[] {
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
