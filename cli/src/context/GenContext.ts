import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Issue } from '../errors/KsdkCliError.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { relativePosix } from '../util/paths.js';

/** A step of a run, reported to `onProgress` (the CLI shows it; tests ignore it). */
export interface ProgressEvent {
  stage: 'manifest' | 'schemas' | 'types' | 'validators' | 'render' | 'write' | 'check';
  message: string;
  /** 1-based index within the stage, when it has several steps. */
  current?: number;
  total?: number;
}

/** How files are read; `ksdk check` passes one that reads a git revision. */
export type ReadText = (absolutePath: string) => Promise<string>;
/** How a remote schema is fetched (only with `allowRemoteRefs`). */
export type FetchText = (url: string) => Promise<string>;

export interface ContextOptions {
  /** Allow `$ref`s to http(s) URLs. Default false. */
  allowRemoteRefs?: boolean;
  readText?: ReadText;
  fetchText?: FetchText;
  onProgress?: (event: ProgressEvent) => void;
}

/**
 * What every step of the pipeline shares: the project directory (all paths in
 * messages are relative to it), how to read files, the parsed documents (so
 * any step can name `file:line` for a pointer), warnings and progress.
 */
export class GenContext {
  readonly projectDir: string;
  readonly allowRemoteRefs: boolean;
  readonly warnings: Issue[] = [];
  /** Parsed documents by absolute path (or URL). */
  readonly documents = new Map<string, SourceDocument>();
  readonly #readText: ReadText;
  readonly #fetchText: FetchText;
  readonly #onProgress: ((event: ProgressEvent) => void) | undefined;

  constructor(projectDir: string, options: ContextOptions = {}) {
    this.projectDir = path.resolve(projectDir);
    this.allowRemoteRefs = options.allowRemoteRefs ?? false;
    this.#readText = options.readText ?? ((p) => readFile(p, 'utf8'));
    this.#fetchText = options.fetchText ?? defaultFetch;
    this.#onProgress = options.onProgress;
  }

  /** A path as messages and generated files show it: relative to the project, `/`-separated. URLs stay as they are. */
  display(absolutePathOrUrl: string): string {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(absolutePathOrUrl)) return absolutePathOrUrl;
    return relativePosix(this.projectDir, absolutePathOrUrl) || '.';
  }

  readText(absolutePath: string): Promise<string> {
    return this.#readText(absolutePath);
  }

  fetchText(url: string): Promise<string> {
    return this.#fetchText(url);
  }

  warn(issue: Issue): void {
    this.warnings.push(issue);
  }

  progress(event: ProgressEvent): void {
    this.#onProgress?.(event);
  }
}

async function defaultFetch(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  return response.text();
}
