export * from './model.js';
export { renderClient } from './renderClient.js';
export { GENERATED_HEADER } from './lib/emit.js';
