// Publish-side envelope checks: an `id` or `timeStamp` the caller passes becomes the
// CloudEvents `id`/`time`. ksdk refuses what the CloudEvents SDK (the peer program here)
// would reject, and what it sends the SDK reads back as a valid event.
import { createRequire } from 'node:module';
import { CloudEvent, Kafka as CeKafka, type Message as CeMessage } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import { KsdkProducer, PublishError, ValidationError, type DeliveryReport, type WireFormat } from '@ksdk/runtime';
import { descriptorOn } from '../fixtures/orderDescriptor.js';
import { FakeKafka } from './fakeKafka.js';

const orders = descriptorOn('orders');
/** The CloudEvents v1.0 JSON schema as the SDK compiled it (the spec's own schema). */
const specSchema = createRequire(import.meta.url)('cloudevents/dist/schema/v1.js') as (event: unknown) => boolean;

/** Does the CloudEvents SDK accept an event with this time? */
function sdkAcceptsTime(time: string): boolean {
  try {
    return new CloudEvent({ id: 'a', type: 't', source: 'urn:s', time, data: {} }).validate();
  } catch {
    return false;
  }
}

async function refusal(input: Record<string, unknown>, format: WireFormat = 'structured'): Promise<unknown> {
  const fake = new FakeKafka();
  const producer = new KsdkProducer({ factory: fake, wireFormat: format });
  const err = await producer.publish(orders, { orderId: 'o', amount: 1, ...input } as never).then(() => undefined, (e: unknown) => e);
  // Refused before anything was sent.
  if (err !== undefined) expect(fake.requests).toHaveLength(0);
  return err;
}

const BAD_TIMES = [
  'yesterday',
  '2024-12-02',
  '2024-13-01T00:00:00Z',
  '2024-02-30T10:30:00Z',
  '2024-12-02T25:00:00Z',
  '12/02/2024 10:30',
  'Mon, 02 Dec 2024 10:30:00 GMT',
];
/**
 * Not RFC 3339, yet the JS SDK lets them through (it replaces an empty time with now; its
 * date-time check takes a missing zone, a space, `+hhmm`): ksdk refuses them as the Java
 * SDK's `OffsetDateTime.parse` does.
 */
const LAX_TIMES = ['', '2024-12-02T10:30:00', '2024-12-02 10:30:00Z', '2024-12-02T10:30:00+0530', '2024-12-02T10:30:00+05', '2024-12-02T10:30:00+24:00'];
const GOOD_TIMES = ['2024-12-02T10:30:00Z', '2024-12-02T10:30:00.123Z', '2024-12-02T10:30:00.123456789+05:30', '2024-12-02t10:30:00z'];

describe('publishing refuses an envelope consumers would reject (item 10)', () => {
  it.each(BAD_TIMES)('timeStamp %j: the CloudEvents SDK rejects it, and so does publish, with a ValidationError', async (timeStamp) => {
    expect(sdkAcceptsTime(timeStamp)).toBe(false);
    const err = await refusal({ timeStamp });
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).violations).toEqual([expect.objectContaining({ instancePath: '/timeStamp', keyword: 'format' })]);
    expect((err as ValidationError).message).toMatch(/outgoing TestOrder does not match its schema: \/timeStamp must be an RFC 3339 date-time/);
  });

  it.each(LAX_TIMES)('timeStamp %j: not RFC 3339 (the JS SDK lets it through): refused', async (timeStamp) => {
    expect(await refusal({ timeStamp })).toBeInstanceOf(ValidationError);
  });

  it.each(GOOD_TIMES)('timeStamp %j is sent as the CloudEvent time, and the SDK reads it as valid (both modes)', async (timeStamp) => {
    for (const format of ['structured', 'binary'] as const) {
      const fake = new FakeKafka();
      await new KsdkProducer({ factory: fake, wireFormat: format }).publish(orders, { orderId: 'o', amount: 1, timeStamp, id: 'custom-id' });
      const m = fake.requests[0]!.messages[0]!;
      const event = CeKafka.toEvent({ headers: m.headers, body: String(m.value), key: 'k', value: String(m.value) } as unknown as CeMessage) as CloudEvent<unknown>;
      expect(event.validate()).toBe(true);
      expect(event.id).toBe('custom-id');
    }
  });

  it('refuses a leap second, valid RFC 3339 that the SDK cannot read', async () => {
    const leap = { specversion: '1.0', id: 'a', type: 't', source: 'urn:s', time: '2016-12-31T23:59:60Z', data: {} };
    const body = JSON.stringify(leap);
    expect(() => CeKafka.toEvent({ headers: { 'content-type': 'application/cloudevents+json' }, body, key: 'k', value: body } as unknown as CeMessage)).toThrow();
    const err = (await refusal({ timeStamp: '2016-12-31T23:59:60Z' })) as ValidationError;
    expect(err.violations[0]!.message).toMatch(/leap second/);
  });

  it('refuses an invalid Date and one past year 9999 (toISOString would write +010000-...)', async () => {
    for (const timeStamp of [new Date('nope'), new Date(Date.UTC(10000, 0, 1))]) {
      const err = await refusal({ timeStamp });
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).violations[0]).toMatchObject({ instancePath: '/timeStamp' });
    }
  });

  it('refuses an empty id, which the CloudEvents spec schema rejects', async () => {
    expect(specSchema({ specversion: '1.0', id: '', type: 't', source: 'urn:s' })).toBe(false);
    expect(specSchema({ specversion: '1.0', id: 'x', type: 't', source: 'urn:s' })).toBe(true);
    for (const format of ['structured', 'binary', 'plain'] as const) {
      const err = await refusal({ id: '' }, format);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).violations).toEqual([{ instancePath: '/id', keyword: 'minLength', message: 'must not be empty (it is the CloudEvents id)' }]);
    }
  });

  it('refuses an id longer than consumers read (1,024 characters) and one that is not a string', async () => {
    expect(await refusal({ id: 'x'.repeat(1024) })).toBeUndefined();
    const long = (await refusal({ id: 'x'.repeat(1025) })) as ValidationError;
    expect(long.violations[0]).toMatchObject({ instancePath: '/id', keyword: 'maxLength' });
    const number = (await refusal({ id: 42 })) as ValidationError;
    expect(number.violations[0]).toMatchObject({ instancePath: '/id', keyword: 'type' });
  });

  it('reports both at once, and through produce and publishBatch as a PublishError (validation) around the ValidationError', async () => {
    const fake = new FakeKafka();
    const producer = new KsdkProducer({ factory: fake });
    const input = { orderId: 'o', amount: 1, id: '', timeStamp: 'now' };
    const report = await new Promise<DeliveryReport>((resolve) => producer.produce(orders, input, resolve));
    expect(report.status).toBe('failed');
    const error = report.status === 'failed' ? report.error : undefined;
    expect(error).toBeInstanceOf(PublishError);
    expect(error).toMatchObject({ reason: 'validation' });
    expect((error!.cause as ValidationError).violations.map((v) => v.instancePath)).toEqual(['/id', '/timeStamp']);
    const batch = await producer.publishBatch(orders, [input, { orderId: 'p', amount: 2 }]);
    expect(batch.failed.map((f) => f.error.reason)).toEqual(['validation']);
    expect(batch.succeeded).toHaveLength(1);
  });

  it('checks the envelope even with validate: false (that skips the schema only)', async () => {
    const producer = new KsdkProducer({ factory: new FakeKafka(), validate: false });
    await expect(producer.publish(orders, { orderId: 'o', amount: 1, timeStamp: 'now' })).rejects.toBeInstanceOf(ValidationError);
  });
});
