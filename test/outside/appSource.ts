/**
 * The code a user writes after `ksdk init` and `ksdk generate`, for the
 * outside-app test: the same source compiles as an ES module app and as a
 * CommonJS app (no top-level await). Its topics exist (`ksdk topics apply`). It subscribes,
 * publishes one message its handler accepts and one it always fails (retried,
 * then dead-lettered), checks that an invalid message is refused before it is
 * sent, stops, closes, and prints one `RESULT {...}` line, with a value from each
 * of the runtime's other entry points (each must resolve for tsc and for node). It never calls
 * `process.exit`: the test checks that the process ends by itself.
 */
export interface AppNames {
  message: string;
  producer: string;
  subscription: string;
  topic: string;
  deadLetterTopic: string;
}

export function appSource(n: AppNames): string {
  return `import { DefaultClientFactory, KsdkError, RuntimeEvents, ValidationError } from '@ksdk/runtime';
import { symbols } from '@ksdk/runtime/codegen';
import { KSDK_METER_NAME } from '@ksdk/runtime/otel';
import { InMemoryKafka } from '@ksdk/runtime/testing';
import type { TransportProducer } from '@ksdk/runtime/transport';
import { formats } from '@ksdk/runtime/validation';
import { javaPartition } from '@ksdk/runtime/wire';
import { createSubscriptions, ${n.producer} } from './generated/index.js';

const brokers = (process.env.KSDK_BROKERS ?? '127.0.0.1:9092').split(',');

async function main(): Promise<void> {
  const factory = new DefaultClientFactory({ brokers, clientId: 'outside-app', kafka: { logLevel: 0 } });

  const events = new RuntimeEvents();
  const handled: string[] = [];
  const deadLettered: string[] = [];
  let settle: () => void = () => undefined;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const check = (): void => {
    if (handled.includes('order-1') && deadLettered.length > 0) settle();
  };
  events.on('consumer.dead-lettered', (e) => {
    if (e.message) deadLettered.push(e.message.id);
    check();
  });

  const subscriptions = createSubscriptions({ factory, events }, {
    ${n.subscription}: {
      async handle(order) {
        // Fails every attempt: retried in-process, then sent to the dead-letter topic.
        if (order.note === 'poison') return false;
        handled.push(order.orderId);
        check();
        return true;
      },
    },
  });
  await subscriptions.start();

  const producer = new ${n.producer}({ factory });
  let refused = 'not refused';
  try {
    await producer.publish${n.message}({ orderId: 'invalid', amount: -1 });
  } catch (err) {
    refused = err instanceof ValidationError && err instanceof KsdkError ? \`ValidationError \${err.code}\` : \`something else: \${String(err)}\`;
  }
  const good = await producer.publish${n.message}({ orderId: 'order-1', amount: 42 });
  const bad = await producer.publish${n.message}({ orderId: 'order-2', amount: 7, note: 'poison' });

  const timeout = setTimeout(settle, 60_000);
  await settled;
  clearTimeout(timeout);
  await subscriptions.stop();
  await producer.close();
  const portCalls: Array<keyof TransportProducer> = ['connect', 'send', 'disconnect'];
  const entryPoints = {
    codegen: symbols.bindSubscription.from,
    otel: KSDK_METER_NAME,
    testing: typeof InMemoryKafka,
    transport: portCalls.length,
    validation: typeof formats,
    wire: javaPartition('c-42', 12),
  };
  console.log(\`RESULT \${JSON.stringify({ good: good.messageId, bad: bad.messageId, handled, deadLettered, refused, entryPoints })}\`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
`;
}

/**
 * The README's quick-start `src/main.ts`, with the names of this app and the test's
 * broker: the outside-app test compiles and runs it as it is printed there.
 */
export function readmeSource(readme: string, n: AppNames, brokers: string): string {
  const start = readme.indexOf('```ts', readme.indexOf('`src/main.ts` (works unchanged'));
  const code = readme.slice(start + '```ts\n'.length, readme.indexOf('```', start + 5));
  if (start < 0 || !code.includes('OrderPlacedProducer')) throw new Error('README: the quick-start src/main.ts was not found');
  return code
    .replaceAll("['127.0.0.1:9092']", JSON.stringify(brokers.split(',')))
    .replaceAll('order-placed', n.topic)
    .replaceAll('orderPlacedHandler', n.subscription)
    .replaceAll('OrderPlaced', n.message);
}
