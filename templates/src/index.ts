export * from './model.js';
export { renderClient, renderClientCode, renderValidators } from './renderClient.js';
export { GENERATED_HEADER } from './lib/emit.js';
