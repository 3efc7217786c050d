import { KsdkError } from '../errors/KsdkError.js';
import type { ComponentStatus } from '../worker/Worker.js';
import type { ConsumerOptions } from './ConsumerOptions.js';
import type { SubscriptionBinding } from './bindSubscription.js';
import { Subscription, type SubscriptionStatus } from './Subscription.js';

/** An override for a subscription that does not exist would be ignored without a word: refuse it. */
function checkOverrides(names: readonly string[], options: ConsumerOptions): void {
  const unknown = Object.keys(options.overrides ?? {}).filter((name) => !names.includes(name));
  if (unknown.length === 0) return;
  const list = (items: readonly string[]) => items.map((n) => `"${n}"`).join(', ');
  throw new KsdkError('KSDK_CONFIG', `overrides name no subscription: ${list(unknown)}; the subscriptions are ${list(names)}`);
}

export interface SubscriptionSetStatus extends ComponentStatus {
  subscriptions: SubscriptionStatus[];
}

/** The subscriptions of a generated client, started and stopped together. */
export class SubscriptionSet {
  readonly subscriptions: readonly Subscription[];

  constructor(bindings: readonly SubscriptionBinding[], options: ConsumerOptions = {}) {
    checkOverrides(bindings.map((b) => b.spec.name), options);
    this.subscriptions = bindings.map((b) => new Subscription(b.spec, b.handler, options));
  }

  get(name: string): Subscription | undefined {
    return this.subscriptions.find((s) => s.name === name);
  }

  async start(): Promise<void> {
    try {
      await Promise.all(this.subscriptions.map((s) => s.start()));
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.subscriptions.map((s) => s.stop()));
  }

  status(): SubscriptionSetStatus {
    const subscriptions = this.subscriptions.map((s) => s.status());
    const states = new Set(subscriptions.map((s) => s.state));
    const state = states.size === 1 ? [...states][0]! : states.has('failed') ? 'failed' : 'mixed';
    const status: SubscriptionSetStatus = { name: 'subscriptions', state, healthy: subscriptions.every((s) => s.healthy), subscriptions };
    const problems = subscriptions.flatMap((s) => (s.problems ?? []).map((p) => `${s.name}: ${p}`));
    if (problems.length > 0) status.problems = problems;
    const lastError = subscriptions.find((s) => s.lastError)?.lastError;
    if (lastError) status.lastError = lastError;
    return status;
  }
}
