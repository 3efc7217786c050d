import { UnknownTopicError } from '../errors/UnknownTopicError.js';
import type { ClientFactory } from '../transport/ClientFactory.js';

/** How long a missing topic is looked for before ksdk gives up, unless configured. */
export const DEFAULT_UNKNOWN_TOPIC_TIMEOUT_MS = 5000;

export interface TopicCatalogOptions {
  /** How long `require()` looks for a missing topic: a topic created a moment ago may not show at once. */
  timeoutMs: number;
  /** Pause between two looks. Default 250 ms. */
  pollMs?: number;
}

/**
 * Which topics the cluster has, asked before ksdk lets kafkajs produce to or
 * subscribe to a topic for the first time.
 *
 * kafkajs treats a missing topic as a passing condition: it retries the
 * metadata request (an idempotent producer forever), logs an ERROR line for
 * every try, and its retry timers keep the process alive after `disconnect()`.
 * The catalog asks for the cluster's topic list instead, which the broker
 * answers without an error, and fails within `timeoutMs` with an
 * `UnknownTopicError` naming the missing topics.
 *
 * Topics found are remembered; missing ones are looked for again on the next
 * call. The admin client is connected for a check and disconnected after it.
 */
export class TopicCatalog {
  readonly #factory: ClientFactory;
  readonly #timeoutMs: number;
  readonly #pollMs: number;
  readonly #known = new Set<string>();
  readonly #checks = new Map<string, Promise<string[]>>();
  readonly #sleepers = new Set<() => void>();
  /** Bumped by `close()`: checks started before it stop waiting. */
  #epoch = 0;

  constructor(factory: ClientFactory, options: TopicCatalogOptions) {
    this.#factory = factory;
    this.#timeoutMs = options.timeoutMs;
    this.#pollMs = options.pollMs ?? 250;
  }

  /**
   * Resolves once every topic exists; rejects with an `UnknownTopicError`
   * naming the missing ones after `timeoutMs`. `what` says who needs them, for
   * the error message (e.g. `producer "OrderProducer"`).
   */
  async require(topics: readonly string[], what: string): Promise<void> {
    const missing = await this.missing(topics, this.#timeoutMs);
    if (missing.length > 0) throw new UnknownTopicError(missing, what, this.#timeoutMs);
  }

  /** The topics of `topics` that do not exist after looking for up to `waitMs` (0: one look). */
  async missing(topics: readonly string[], waitMs: number): Promise<string[]> {
    // A cluster that creates topics on first use (the in-memory broker's autoCreateTopics) has nothing to check.
    if (this.#factory.autoCreatesTopics === true) return [];
    const wanted = [...new Set(topics)].filter((t) => !this.#known.has(t)).sort();
    if (wanted.length === 0) return [];
    const key = `${waitMs}\u0000${wanted.join('\u0000')}`;
    let check = this.#checks.get(key);
    if (!check) {
      check = this.#check(wanted, waitMs).finally(() => this.#checks.delete(key));
      this.#checks.set(key, check);
    }
    return check;
  }

  /** Ends the waits of running checks: they report what is still missing now. Later checks run as usual. */
  close(): void {
    this.#epoch++;
    for (const wake of [...this.#sleepers]) wake();
  }

  /** The topics of `wanted` still missing when the time is up. */
  async #check(wanted: readonly string[], waitMs: number): Promise<string[]> {
    const deadline = Date.now() + waitMs;
    const epoch = this.#epoch;
    const admin = this.#factory.createAdmin();
    try {
      await admin.connect();
      for (;;) {
        const existing = new Set(await admin.listTopics());
        for (const t of wanted) if (existing.has(t)) this.#known.add(t);
        const missing = wanted.filter((t) => !this.#known.has(t));
        const wait = Math.min(this.#pollMs, deadline - Date.now());
        if (missing.length === 0 || wait <= 0 || epoch !== this.#epoch) return missing;
        await this.#sleep(wait);
      }
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#sleepers.add(wake);
    });
  }
}
