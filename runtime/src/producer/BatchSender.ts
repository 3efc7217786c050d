import { KsdkError } from '../errors/KsdkError.js';
import { isRecordError, PublishError } from '../errors/PublishError.js';
import type { PartitionChooser } from '../partitioning/PartitionChooser.js';
import type { CompressionCodec, ProduceResult, TransportProducer } from '../transport/TransportProducer.js';
import type { PendingRecord } from './PendingRecord.js';

export interface BatchSenderOptions {
  acks: -1 | 0 | 1;
  /** Broker-side ack timeout. */
  timeoutMs: number;
  compression: CompressionCodec;
  /** Upper bound on one request, after which its records fail with `timeout`. */
  deliveryTimeoutMs: number;
}

/**
 * Sends a group of records to one topic and settles every record with its own
 * outcome, so a batch reports exactly the records that failed.
 *
 * Kafka appends each partition's batch atomically, but kafkajs turns a produce
 * response with one failed partition into one error for the whole request, even
 * though the other partitions' records were written. So this sender:
 * 1. learns the topic's partitions (kafkajs hands them to ksdk's partitioner on
 *    every send; before the first send to a topic, one record goes alone),
 * 2. assigns every record its partition (the Java client's choice for a key,
 *    round robin for none) and sends one request per partition, so a failed
 *    request means none of its records were written,
 * 3. when a request fails because of a record (too large, invalid), halves the
 *    group and sends the halves in turn, down to single records: the ones that
 *    still fail are exactly the culprits, and no record is written twice.
 * Records of one partition stay in order.
 */
export class BatchSender {
  readonly #chooser: PartitionChooser;
  readonly #options: BatchSenderOptions;

  constructor(chooser: PartitionChooser, options: BatchSenderOptions) {
    this.#chooser = chooser;
    this.#options = options;
  }

  /** Settles every record in `records` (all for `topic`); never rejects. */
  async send(producer: TransportProducer, topic: string, records: readonly PendingRecord[]): Promise<void> {
    let rest = records.filter((r) => !r.settled);
    if (rest.length === 0) return;
    if (this.#chooser.partitionCount(topic) === undefined) {
      const [first, ...others] = rest;
      await this.#request(producer, topic, [first!], undefined);
      rest = others;
      if (rest.length === 0) return;
      if (this.#chooser.partitionCount(topic) === undefined) {
        // The first record failed before kafkajs had the topic's metadata (no such topic,
        // no leader...): the others would fail the same way.
        // A lone record's request always settles it.
        const outcome = first!.result ?? (await first!.outcome());
        const error = outcome.ok ? new KsdkError('KSDK_PUBLISH', `no partition metadata for topic "${topic}"`) : outcome.error.cause;
        for (const record of rest) record.settle({ ok: false, error: new PublishError(topic, record.messageId, error) });
        return;
      }
    }
    const groups = new Map<number, PendingRecord[]>();
    for (const record of rest) {
      const partition = this.#chooser.choose(topic, record.record.key)!;
      record.record.partition = partition;
      const group = groups.get(partition);
      if (group) group.push(record);
      else groups.set(partition, [record]);
    }
    await Promise.all([...groups].map(([partition, group]) => this.#isolated(producer, topic, group, partition)));
  }

  /** One partition's records; on a record-caused failure, halves and retries each half. */
  async #isolated(producer: TransportProducer, topic: string, group: PendingRecord[], partition: number): Promise<void> {
    const failure = await this.#request(producer, topic, group, partition);
    if (failure === undefined || group.length === 1 || !isRecordError(failure)) return;
    const middle = Math.ceil(group.length / 2);
    await this.#isolated(producer, topic, group.slice(0, middle), partition);
    await this.#isolated(producer, topic, group.slice(middle), partition);
  }

  /**
   * One produce request. Settles the records on success, or on a failure that
   * splitting cannot explain; returns the error when the caller may split.
   */
  async #request(producer: TransportProducer, topic: string, group: PendingRecord[], partition: number | undefined): Promise<unknown> {
    const { acks, timeoutMs, compression, deliveryTimeoutMs } = this.#options;
    let timer: NodeJS.Timeout | undefined;
    const sending = producer.send({ topic, acks, timeout: timeoutMs, compression, messages: group.map((r) => r.record) });
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), deliveryTimeoutMs);
    });
    try {
      const result = await Promise.race([sending, timeout]);
      if (result === 'timeout') {
        sending.catch(() => undefined);
        const error = new KsdkError('KSDK_TIMEOUT', `no acknowledgement within ${deliveryTimeoutMs} ms; the record may still be written`, { retriable: true });
        for (const record of group) record.settle({ ok: false, error: new PublishError(topic, record.messageId, error, undefined, { reason: 'timeout' }) });
        return undefined;
      }
      this.#delivered(group, partition, result);
      return undefined;
    } catch (err) {
      if (group.length > 1 && isRecordError(err)) return err;
      for (const record of group) record.settle({ ok: false, error: this.#failure(topic, record, err) });
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  #delivered(group: PendingRecord[], partition: number | undefined, metadata: ProduceResult[]): void {
    const meta = partition === undefined ? metadata[0] : metadata.find((m) => m.partition === partition);
    const at = partition ?? meta?.partition ?? this.#chooser.decided(group[0]!.record) ?? -1;
    const base = meta?.baseOffset;
    // One request per partition: the broker appended the group in order from baseOffset.
    if (base === undefined || base === '-1') {
      for (const record of group) record.settle({ ok: true, partition: at, offset: '-1' });
      return;
    }
    const first = Number(base);
    // Offsets are 64-bit: plain numbers while exact (below 2^53), BigInt beyond.
    const exact = Number.isSafeInteger(first + group.length);
    for (let i = 0; i < group.length; i++) {
      const offset = exact ? String(first + i) : (BigInt(base) + BigInt(i)).toString();
      group[i]!.settle({ ok: true, partition: at, offset });
    }
  }

  #failure(topic: string, record: PendingRecord, err: unknown): PublishError {
    if (isRecordError(err)) {
      return new PublishError(topic, record.messageId, err, `${(err as Error).message} (record of about ${record.bytes} bytes)`);
    }
    return new PublishError(topic, record.messageId, err);
  }
}
