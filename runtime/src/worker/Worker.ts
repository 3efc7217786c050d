import { KsdkError } from '../errors/KsdkError.js';

/** What every component reports; health checks read `healthy`. */
export interface ComponentStatus {
  name: string;
  state: string;
  healthy: boolean;
  /** Why it is unhealthy while running, one line each (e.g. a stuck partition, named). */
  problems?: string[];
  lastError?: Error;
}

/** Anything a worker can run: subscription sets, subscriptions, streams. */
export interface WorkerComponent {
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): ComponentStatus;
}

export type WorkerState = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

export interface WorkerOptions {
  /** Longest a graceful stop may take before the worker gives up waiting. Default 30000 ms. */
  shutdownTimeoutMs?: number;
  /** Signals that trigger a graceful stop. Default SIGTERM and SIGINT; `[]` to handle none. */
  signals?: readonly NodeJS.Signals[];
  /**
   * After a signal-triggered stop, end the process with exit code 0 (1 if the stop
   * timed out or failed). Default true: a worker owns its process, like a host service.
   */
  exitOnSignal?: boolean;
  /** Told about lifecycle steps; `console` fits. */
  logger?: { info(message: string): void; error(message: string, error?: unknown): void };
}

export interface WorkerStatus {
  state: WorkerState;
  /** True while running and every component is healthy (none failed, no partition stuck). */
  healthy: boolean;
  /** The components' `problems`, prefixed with the component's name. */
  problems?: string[];
  components: ComponentStatus[];
  lastError?: Error;
}

/**
 * Starts every component (the subscriptions of a generated client, streams)
 * and stops them gracefully on SIGTERM/SIGINT or on request: components stop
 * fetching, let the record in hand finish, commit and disconnect, all bounded
 * by `shutdownTimeoutMs`.
 */
export class Worker {
  readonly #components: readonly WorkerComponent[];
  readonly #options: WorkerOptions;
  readonly #onSignal = (signal: NodeJS.Signals) => void this.#stopOnSignal(signal);
  #state: WorkerState = 'idle';
  #lastError: Error | undefined;
  #stopping: Promise<boolean> | undefined;

  constructor(components: readonly WorkerComponent[], options: WorkerOptions = {}) {
    this.#components = components;
    this.#options = options;
  }

  get state(): WorkerState {
    return this.#state;
  }

  async start(): Promise<void> {
    if (this.#state !== 'idle') throw new KsdkError('KSDK_CONFIG', `worker is ${this.#state}; a worker starts once`);
    this.#state = 'starting';
    for (const signal of this.#options.signals ?? ['SIGTERM', 'SIGINT']) process.on(signal, this.#onSignal);
    try {
      await Promise.all(this.#components.map((c) => c.start()));
      this.#state = 'running';
      this.#options.logger?.info(`ksdk worker: ${this.#components.length} component(s) running`);
    } catch (err) {
      this.#lastError = err instanceof Error ? err : new Error(String(err));
      await this.stop();
      this.#state = 'failed';
      throw err;
    }
  }

  /**
   * Stops every component, waiting at most `shutdownTimeoutMs`. Resolves true
   * when all stopped in time, false on time-out (what was in hand may be redelivered).
   */
  stop(): Promise<boolean> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<boolean> {
    if (this.#state !== 'failed') this.#state = 'stopping';
    for (const signal of this.#options.signals ?? ['SIGTERM', 'SIGINT']) process.off(signal, this.#onSignal);
    const timeoutMs = this.#options.shutdownTimeoutMs ?? 30000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const stopped = Promise.allSettled(this.#components.map((c) => c.stop())).then((results) => {
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) this.#lastError = failure.reason instanceof Error ? failure.reason : new Error(String(failure.reason));
      return failure === undefined;
    });
    const inTime = await Promise.race([stopped, timedOut]);
    clearTimeout(timer);
    if (!inTime) this.#lastError = new KsdkError('KSDK_TIMEOUT', `graceful stop did not finish within ${timeoutMs} ms`);
    if (this.#state !== 'failed') this.#state = 'stopped';
    return inTime;
  }

  async #stopOnSignal(signal: NodeJS.Signals): Promise<void> {
    this.#options.logger?.info(`ksdk worker: ${signal} received, stopping gracefully`);
    const ok = await this.stop();
    if (!ok) this.#options.logger?.error('ksdk worker: stop failed or timed out', this.#lastError);
    if (this.#options.exitOnSignal ?? true) process.exit(ok ? 0 : 1);
  }

  status(): WorkerStatus {
    const components = this.#components.map((c) => c.status());
    const status: WorkerStatus = { state: this.#state, healthy: this.#state === 'running' && components.every((c) => c.healthy), components };
    const problems = components.flatMap((c) => (c.problems ?? []).map((p) => `${c.name}: ${p}`));
    if (problems.length > 0) status.problems = problems;
    if (this.#lastError) status.lastError = this.#lastError;
    return status;
  }
}
