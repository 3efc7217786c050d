/** The ksdk generator as a library: pure functions, no process exits. The CLI commands are thin wrappers. */
export * from './manifest/index.js';
export { generate, renderProject, type GenerateOptions, type GenerateResult } from './generate/generate.js';
export { TRACKING_FILE, type FileChange, type FileStatus } from './generate/writeOutput.js';
export { KsdkCliError, formatIssue, toCliError, type CliErrorJson, type Issue, type KsdkCliErrorOptions, type SourceLocation } from './errors/KsdkCliError.js';
export { ERROR_EXIT, EXIT, exitCodeOf, type CliErrorCode, type ExitCode } from './errors/exitCodes.js';
export { GenContext, type ContextOptions, type ProgressEvent } from './context/GenContext.js';
export { SourceDocument } from './source/SourceDocument.js';
export type { ValidatorBundle } from './schema/bundleForValidator.js';
export type { CompiledValidators, ValidatorModule } from './schema/compileValidators.js';
export type { SchemaGraph } from './schema/SchemaGraph.js';
export type { SchemaFile, SchemaLocation } from './schema/SchemaFile.js';
export type { Draft } from './schema/draft.js';
export { RESERVED_PROPERTIES, bodyProperties } from './schema/checkSchemas.js';
export { parseDuration } from './util/duration.js';
