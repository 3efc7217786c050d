// Lazy connect and bounded failure: no broker needed, only addresses where no broker is.
import { createServer, type Server, type Socket } from 'node:net';
import { logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { KsdkProducer, PublishError, type DeliveryReport } from '@ksdk/runtime';
import { descriptorOn } from '../fixtures/orderDescriptor.js';

const orders = descriptorOn('orders');
const CONNECT_TIMEOUT_MS = 1500;
/** The correctness bound: the configured time plus generous slack for a loaded CI machine. */
const BOUND_MS = CONNECT_TIMEOUT_MS + 5000;

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A port nothing listens on (bound once by us, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TCP server that accepts connections and never says a word: a broker that hangs. */
async function silentServer(): Promise<{ port: number; connections: () => number }> {
  const sockets = new Set<Socket>();
  let count = 0;
  const server: Server = createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return { port: (server.address() as { port: number }).port, connections: () => count };
}

function producerAt(port: number): KsdkProducer {
  const p = new KsdkProducer({ brokers: [`127.0.0.1:${port}`], connectTimeoutMs: CONNECT_TIMEOUT_MS, kafka: { logLevel: logLevel.NOTHING } });
  cleanups.push(() => p.close({ timeoutMs: 1000 }));
  return p;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

describe('lazy connect', () => {
  it('constructing producers opens no connection and raises nothing', async () => {
    const server = await silentServer();
    const producers = [producerAt(server.port), producerAt(server.port), producerAt(await closedPort())];
    await new Promise((resolve) => setImmediate(resolve));
    expect(producers).toHaveLength(3);
    expect(server.connections()).toBe(0);
  });

  it('the first publish to a refused port fails with PublishError (unreachable) within the configured time', async () => {
    const p = producerAt(await closedPort());
    const { value: err, ms } = await timed(() => p.publish(orders, { orderId: 'o-1', amount: 1 }).catch((e: unknown) => e));
    expect(err).toBeInstanceOf(PublishError);
    expect(err).toMatchObject({ reason: 'unreachable', retriable: true, topic: 'orders' });
    expect((err as Error).message).toMatch(/could not connect to 127\.0\.0\.1:\d+/);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('a broker that accepts the connection but never answers fails the publish within the configured time', async () => {
    const server = await silentServer();
    const p = producerAt(server.port);
    const { value: err, ms } = await timed(() => p.publish(orders, { orderId: 'o-1', amount: 1 }).catch((e: unknown) => e));
    expect(server.connections()).toBeGreaterThan(0);
    expect(err).toMatchObject({ name: 'PublishError', reason: 'unreachable', retriable: true });
    expect((err as Error).message).toMatch(new RegExp(`within ${CONNECT_TIMEOUT_MS} ms`));
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('publishBatch and produce report every message as unreachable, within the bound', async () => {
    const p = producerAt(await closedPort());
    const { value: batch, ms } = await timed(() =>
      p.publishBatch(
        orders,
        Array.from({ length: 30 }, (_, i) => ({ orderId: `o-${i}`, amount: i })),
        { batchSize: 10 },
      ),
    );
    expect(batch.succeeded).toEqual([]);
    expect(batch.failed).toHaveLength(30);
    expect(batch.failed.every((f) => f.error.reason === 'unreachable')).toBe(true);
    expect(ms).toBeLessThan(BOUND_MS);

    const reports: DeliveryReport[] = [];
    for (let i = 0; i < 20; i++) p.produce(orders, { orderId: `o-${i}`, amount: i }, (r) => reports.push(r));
    expect(await p.flush(BOUND_MS)).toBe(0);
    expect(reports).toHaveLength(20);
    expect(reports.every((r) => r.status === 'failed' && r.error.reason === 'unreachable')).toBe(true);
  });

  it('connect() fails within the bound too, and a later publish tries again', async () => {
    const p = producerAt(await closedPort());
    const first = await timed(() => p.connect().catch((e: unknown) => e));
    // KSDK_PUBLISH when kafkajs gave up on the refused port first, KSDK_TIMEOUT when ksdk's timer did.
    expect(first.value).toMatchObject({ retriable: true });
    expect(['KSDK_PUBLISH', 'KSDK_TIMEOUT']).toContain((first.value as { code: string }).code);
    expect(first.ms).toBeLessThan(BOUND_MS);
    await expect(p.publish(orders, { orderId: 'o-2', amount: 2 })).rejects.toMatchObject({ reason: 'unreachable' });
  });
});
