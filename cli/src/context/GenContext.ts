import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CliErrorCode, Issue } from '../errors/KsdkCliError.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { isInside, relativePosix } from '../util/paths.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';

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
  /** Folders besides the project's that schemas may be read from (absolute, or relative to the project). */
  schemaRoots?: readonly string[];
  /** Overrides of the input limits (`DEFAULT_LIMITS`). */
  limits?: Partial<Limits>;
}

/** Why an input file was refused before it was read: the caller locates it (the `$ref`, the manifest field). */
export class InputRefused extends Error {
  readonly code: Extract<CliErrorCode, 'KSDK_INPUT_OUTSIDE_PROJECT' | 'KSDK_INPUT_NOT_A_FILE' | 'KSDK_LIMIT_EXCEEDED'>;

  constructor(code: InputRefused['code'], message: string) {
    super(message);
    this.name = 'InputRefused';
    this.code = code;
  }
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
  readonly limits: Readonly<Limits>;
  /** Folders inputs may come from: the project first, then the schema roots. */
  readonly #roots: string[];
  #realRoots: Promise<string[]> | undefined;
  readonly #readText: ReadText;
  readonly #fetchText: FetchText;
  readonly #onProgress: ((event: ProgressEvent) => void) | undefined;

  constructor(projectDir: string, options: ContextOptions = {}) {
    this.projectDir = path.resolve(projectDir);
    this.allowRemoteRefs = options.allowRemoteRefs ?? false;
    this.#readText = options.readText ?? ((p) => readFile(p, 'utf8'));
    this.#fetchText = options.fetchText ?? defaultFetch;
    this.#onProgress = options.onProgress;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.#roots = [this.projectDir];
    this.allowRoots(options.schemaRoots ?? []);
  }

  /** Adds folders (absolute, or relative to the project) schemas may be read from: the manifest's `schemaRoots`, `--schema-root`. */
  allowRoots(roots: readonly string[]): void {
    for (const root of roots) this.#roots.push(path.resolve(this.projectDir, root));
    this.#realRoots = undefined;
  }

  /** The folders inputs may come from, as given (absolute). */
  get roots(): readonly string[] {
    return this.#roots;
  }

  /**
   * Reads an input file, refusing (with `InputRefused`) before reading: with
   * `confined`, a file outside the project and the schema roots, also once
   * symlinks are resolved; a FIFO, device or folder (a read could block or never
   * end); a file over the size limit (`maxBytes`, default `limits.fileBytes`). A
   * file that is not on disk (a custom reader serves another revision) gets the
   * path and size checks only.
   */
  async readInput(file: string, options: { confined: boolean; maxBytes?: number }): Promise<string> {
    const maxBytes = options.maxBytes ?? this.limits.fileBytes;
    const shown = this.display(file);
    if (options.confined && !this.#roots.some((root) => isInside(root, file))) {
      throw new InputRefused('KSDK_INPUT_OUTSIDE_PROJECT', `${shown} is outside the project${this.#rootsNote()}`);
    }
    const real = await realpath(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
      throw err;
    });
    if (real !== undefined) {
      if (options.confined && !(await this.#resolvedRoots()).some((root) => isInside(root, real))) {
        throw new InputRefused('KSDK_INPUT_OUTSIDE_PROJECT', `${shown} is a symlink to a file outside the project${this.#rootsNote()}`);
      }
      const stats = await stat(real);
      if (!stats.isFile()) {
        const kind = stats.isDirectory() ? 'a folder' : stats.isFIFO() ? 'a FIFO' : stats.isSocket() ? 'a socket' : 'a device';
        throw new InputRefused('KSDK_INPUT_NOT_A_FILE', `${shown} is ${kind}, not a regular file`);
      }
      if (stats.size > maxBytes) throw this.#tooLarge(shown, stats.size, maxBytes);
    }
    const text = await this.#readText(file);
    if (text.length > maxBytes) throw this.#tooLarge(shown, Buffer.byteLength(text), maxBytes);
    return text;
  }

  #tooLarge(shown: string, bytes: number, maxBytes = this.limits.fileBytes): InputRefused {
    return new InputRefused('KSDK_LIMIT_EXCEEDED', `${shown} is ${bytes} bytes, over the limit of ${maxBytes} bytes per file`);
  }

  #rootsNote(): string {
    const extra = this.#roots.slice(1).map((r) => this.display(r));
    return `${extra.length > 0 ? ` and the schema roots (${extra.join(', ')})` : ''}; inputs are read from there only: copy the file into the project, or list its folder in the manifest's \`schemaRoots\``;
  }

  #resolvedRoots(): Promise<string[]> {
    this.#realRoots ??= Promise.all(this.#roots.map((root) => realpath(root).catch(() => root)));
    return this.#realRoots;
  }

  /** A path as messages and generated files show it: relative to the project, `/`-separated. URLs stay as they are. */
  display(absolutePathOrUrl: string): string {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(absolutePathOrUrl)) return absolutePathOrUrl;
    return relativePosix(this.projectDir, absolutePathOrUrl) || '.';
  }

  async fetchText(url: string): Promise<string> {
    const text = await this.#fetchText(url);
    if (text.length > this.limits.fileBytes) throw this.#tooLarge(url, Buffer.byteLength(text));
    return text;
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
