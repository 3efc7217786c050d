import type { MessageMetadata } from '../messages/MessageMetadata.js';
import type { ComponentStatus } from '../worker/Worker.js';
import type { ConsumerOptions } from './ConsumerOptions.js';
import type { MessageHandler } from './MessageContext.js';
import { Subscription, type SubscriptionStatus } from './Subscription.js';
import type { SubscriptionSpec } from './SubscriptionSpec.js';

/** A subscription's spec with the handler that serves it, its message type erased. */
export interface SubscriptionBinding {
  readonly spec: SubscriptionSpec;
  readonly handler: MessageHandler<MessageMetadata>;
}

/** Pairs a spec with its handler; the types must agree here, after which they are erased. */
export function bindSubscription<M extends MessageMetadata>(spec: SubscriptionSpec<M>, handler: MessageHandler<M>): SubscriptionBinding {
  return { spec: spec as unknown as SubscriptionSpec, handler: handler as unknown as MessageHandler<MessageMetadata> };
}

export interface SubscriptionSetStatus extends ComponentStatus {
  subscriptions: SubscriptionStatus[];
}

/** The subscriptions of a generated client, started and stopped together. */
export class SubscriptionSet {
  readonly subscriptions: readonly Subscription[];

  constructor(bindings: readonly SubscriptionBinding[], options: ConsumerOptions = {}) {
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
