import type {
  Batch,
  ConsumerRunConfig,
  ConsumerSubscribeTopic,
  ConsumerSubscribeTopics,
  EachBatchPayload,
  EachMessagePayload,
  InstrumentationEvent,
  KafkaMessage,
  Offsets,
  OffsetsByTopicPartition,
  TopicPartitionOffsetAndMetadata,
} from 'kafkajs';
import type { RecordHeaders } from '../transport/RecordHeaders.js';
import type { TopicPartitionOffset, TopicPartitions, TopicSelection, TransportConsumer, TransportConsumerConfig } from '../transport/TransportConsumer.js';
import type { InMemoryCluster } from './InMemoryCluster.js';
import type { CommittedOffset, GroupMember, InMemoryGroup, MemberAssignment } from './InMemoryGroup.js';
import { CONSUMER_EVENTS, InstrumentationEmitter, type ConsumerEventPayloads } from './instrumentation.js';
import { KafkaClientError, KafkaProtocolError } from './KafkaProtocolError.js';
import { nextMacrotask, realDelay } from './realTimers.js';
import type { InMemoryRecord } from './TopicLog.js';

const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** kafkajs's pause bookkeeping per topic: whole-topic pauses with per-partition exceptions. */
interface PauseState {
  all: boolean;
  paused: Set<number>;
  resumed: Set<number>;
}

interface FetchedBatch {
  topic: string;
  partition: number;
  highWatermark: number;
  records: readonly InMemoryRecord[];
}

interface RunSettings {
  autoCommit: boolean;
  autoCommitInterval: number | null;
  autoCommitThreshold: number | null;
  eachBatchAutoResolve: boolean;
  concurrency: number;
  eachBatch: (payload: EachBatchPayload) => Promise<void>;
}

/** A fetched record, copied so a handler that mutates its buffers cannot change the log. */
function delivered(record: InMemoryRecord): KafkaMessage {
  const headers: RecordHeaders = {};
  for (const [name, value] of Object.entries(record.headers)) {
    headers[name] = Array.isArray(value) ? value.map((v: Buffer) => Buffer.from(v)) : Buffer.from(value as Buffer);
  }
  return {
    key: record.key === null ? null : Buffer.from(record.key),
    value: record.value === null ? null : Buffer.from(record.value),
    timestamp: record.timestamp,
    attributes: 0,
    offset: record.offset,
    headers,
  };
}

const notRunYet = () => new KafkaClientError('Consumer group was not initialized, consumer#run must be called first');

/**
 * The transport port's consumer (`TransportConsumer`) on the in-memory broker,
 * with kafkajs's semantics where the runtime depends on them, and kafkajs's
 * `eachMessage`, `commitOffsets` and instrumentation events besides, so that
 * tests of the broker itself can use them:
 *
 * - `run()` joins the group and resolves once partitions are assigned; a join
 *   or leave rebalances the whole group (REBALANCING to the old owners, who
 *   finish their batches and commit, then GROUP_JOIN to every member).
 * - Fetch position is kafkajs's "resolved offset": what `resolveOffset` marked,
 *   else the committed offset, else the start (`fromBeginning`) or the end.
 *   Records an `eachBatch` leaves unresolved are fetched again. A position
 *   below the log start (records deleted) resets the same way, as kafkajs
 *   does on OFFSET_OUT_OF_RANGE.
 * - With `autoCommit`, resolved offsets are committed after every batch, when
 *   `commitOffsetsIfNecessary()` finds the interval or threshold reached, before
 *   a rebalance and on stop. A `seek` applies at the next fetch, commits the
 *   offset sought (kafkajs does) and makes the batch in hand stale.
 * - `pause`/`resume` per partition or whole topic; paused partitions are not
 *   fetched, the others are.
 * - `heartbeat()` throws REBALANCE_IN_PROGRESS while the group rebalances.
 * - `eachMessage` runs as kafkajs runs it, on top of the same batches.
 * - An `eachBatch` that throws is reported as a CRASH with `restart: true`; the
 *   consumer goes on from the resolved offsets after `crashRestartMs`.
 *
 * Fetching waits on the cluster's change signal rather than a poll interval,
 * and yields one macrotask between fetches, so tests run as fast as handlers do.
 */
export class InMemoryConsumer implements GroupMember, TransportConsumer {
  readonly events = CONSUMER_EVENTS;
  readonly #cluster: InMemoryCluster;
  readonly #config: TransportConsumerConfig;
  readonly #emitter: InstrumentationEmitter<ConsumerEventPayloads>;
  readonly #subscribed = new Map<string, { fromBeginning: boolean }>();
  readonly #pauses = new Map<string, PauseState>();
  readonly #seeks = new Map<string, number>();
  /** Next offset to fetch and to commit, per topic-partition (kafkajs's resolved offsets). */
  readonly #next = new Map<string, number>();
  /** What this member knows to be committed, to tell which resolved offsets are new. */
  readonly #committed = new Map<string, number>();
  readonly #inFlight = new Set<Promise<void>>();
  /** Joined on `run()`, as kafkajs joins: creating a consumer leaves no trace on the broker. */
  #group: InMemoryGroup | undefined;
  #memberId = '';
  #run: RunSettings | undefined;
  #running = false;
  #revoking = false;
  #loop: Promise<void> | undefined;
  #generation = -1;
  #assignment = new Map<string, number[]>();
  #lastCommit = 0;
  #round = 0;

  constructor(cluster: InMemoryCluster, config: TransportConsumerConfig) {
    this.#cluster = cluster;
    this.#config = config;
    this.#emitter = new InstrumentationEmitter(() => cluster.now());
  }

  /** `<clientId>-<n>`, numbered in join order across the broker; empty before the first `run()`. */
  get memberId(): string {
    return this.#memberId;
  }

  get topics(): readonly string[] {
    return [...this.#subscribed.keys()];
  }

  on<K extends keyof ConsumerEventPayloads & string>(eventName: K, listener: (event: InstrumentationEvent<ConsumerEventPayloads[K]>) => void): () => void {
    return this.#emitter.on(eventName, listener);
  }

  async connect(): Promise<void> {
    this.#emitter.emit(CONSUMER_EVENTS.CONNECT, () => null);
  }

  async subscribe(subscription: ConsumerSubscribeTopic | ConsumerSubscribeTopics): Promise<void> {
    if (this.#running) throw new KafkaClientError('Cannot subscribe to topic while consumer is running');
    const wanted = 'topics' in subscription ? subscription.topics : [subscription.topic];
    const fromBeginning = subscription.fromBeginning ?? false;
    const mayCreate = this.#config.allowAutoTopicCreation !== false;
    for (const topic of wanted) {
      if (typeof topic === 'string') {
        this.#cluster.requireTopic(topic, mayCreate);
        this.#subscribed.set(topic, { fromBeginning });
      } else {
        for (const name of this.#cluster.topicNames()) if (topic.test(name)) this.#subscribed.set(name, { fromBeginning });
      }
    }
  }

  async run(config: ConsumerRunConfig = {}): Promise<void> {
    if (this.#running) return;
    const { eachBatch, eachMessage } = config;
    if (!eachBatch && !eachMessage) throw new KafkaClientError('Consumer#run needs eachBatch or eachMessage');
    const autoCommit = config.autoCommit ?? true;
    this.#run = {
      autoCommit,
      autoCommitInterval: config.autoCommitInterval ?? null,
      autoCommitThreshold: config.autoCommitThreshold ?? null,
      // kafkajs resolves whole batches only for eachBatch; eachMessage resolves record by record.
      eachBatchAutoResolve: eachBatch ? (config.eachBatchAutoResolve ?? true) : false,
      concurrency: Math.max(1, config.partitionsConsumedConcurrently ?? 1),
      eachBatch: eachBatch ?? ((payload) => this.#eachMessage(payload, eachMessage!)),
    };
    // A fresh run starts from a clean slate, as kafkajs builds a new consumer group state.
    this.#pauses.clear();
    this.#seeks.clear();
    this.#running = true;
    this.#lastCommit = this.#cluster.now();
    this.#group ??= this.#cluster.group(this.#config.groupId);
    this.#memberId ||= this.#cluster.nextMemberId(this.#config.clientId ?? 'kafkajs');
    this.#loop = this.#fetchLoop();
    await this.#group.join(this);
  }

  /** Stops fetching, lets the batches in hand finish, commits, and leaves the group. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#cluster.signal.notify();
    await this.#drain();
    await this.#loop;
    if (this.#run?.autoCommit) this.#commitResolved();
    this.#generation = -1;
    this.#assignment = new Map();
    // Leaving does not wait for the others to rebalance, as with kafkajs's LeaveGroup.
    void this.#group?.leave(this).catch(() => undefined);
    this.#emitter.emit(CONSUMER_EVENTS.STOP, () => null);
  }

  async disconnect(): Promise<void> {
    await this.stop();
    this.#emitter.emit(CONSUMER_EVENTS.DISCONNECT, () => null);
  }

  pause(topics: TopicSelection[]): void {
    if (!this.#run) throw notRunYet();
    for (const { topic, partitions } of topics) {
      const state = this.#pauseState(topic);
      if (partitions === undefined) {
        state.paused.clear();
        state.resumed.clear();
        state.all = true;
      } else {
        for (const p of partitions) {
          state.paused.add(p);
          state.resumed.delete(p);
        }
        state.all = false;
      }
    }
  }

  resume(topics: TopicSelection[]): void {
    if (!this.#run) throw notRunYet();
    for (const { topic, partitions } of topics) {
      const state = this.#pauseState(topic);
      if (partitions === undefined) {
        state.paused.clear();
        state.resumed.clear();
        state.all = false;
      } else {
        for (const p of partitions) {
          state.paused.delete(p);
          if (state.all) state.resumed.add(p);
        }
      }
    }
    this.#cluster.signal.notify();
  }

  /** Paused partitions among those assigned (kafkajs reports no others). */
  paused(): TopicPartitions[] {
    if (!this.#run) return [];
    return [...this.#assignment]
      .map(([topic, partitions]) => ({ topic, partitions: partitions.filter((p) => this.#isPaused(topic, p)) }))
      .filter(({ partitions }) => partitions.length > 0);
  }

  seek({ topic, partition, offset }: TopicPartitionOffset): void {
    if (!this.#run) throw notRunYet();
    const n = Number(offset);
    if (!Number.isInteger(n) || (n < 0 && n !== -1 && n !== -2)) throw new KafkaClientError(`Invalid offset, expected a long received ${offset}`);
    this.#seeks.set(tpKey(topic, partition), n);
    this.#cluster.signal.notify();
  }

  async commitOffsets(offsets: Array<TopicPartitionOffsetAndMetadata>): Promise<void> {
    this.#commit(offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset })));
  }

  // --- group membership ---------------------------------------------------

  get #groupId(): string {
    return this.#config.groupId;
  }

  async revoke(): Promise<void> {
    if (this.#generation < 0) return;
    if (this.#running) {
      this.#revoking = true;
      this.#emitter.emit(CONSUMER_EVENTS.REBALANCING, () => ({ groupId: this.#groupId, memberId: this.memberId }));
    }
    // Also when stopping: until its batches are done the member still owns its partitions.
    await this.#drain();
    if (this.#run?.autoCommit) this.#commitResolved();
  }

  assign(assignment: MemberAssignment): void {
    if (!this.#running) return;
    this.#revoking = false;
    this.#generation = assignment.generation;
    this.#assignment = new Map(Object.entries(assignment.partitions).map(([topic, partitions]) => [topic, [...partitions].sort((a, b) => a - b)]));
    // As kafkajs after a join: positions come from the group's committed offsets, else the reset policy.
    this.#next.clear();
    this.#committed.clear();
    for (const [topic, partitions] of this.#assignment) {
      for (const partition of partitions) {
        const committed = this.#group!.committedOffset(topic, partition);
        const start = committed !== undefined && Number(committed) >= 0 ? Number(committed) : this.#resetOffset(topic, partition);
        this.#next.set(tpKey(topic, partition), start);
        this.#committed.set(tpKey(topic, partition), start);
      }
    }
    this.#emitter.emit(CONSUMER_EVENTS.GROUP_JOIN, () => ({
      duration: assignment.duration,
      groupId: this.#groupId,
      isLeader: assignment.leaderId === this.memberId,
      leaderId: assignment.leaderId,
      groupProtocol: assignment.protocol,
      memberId: this.memberId,
      memberAssignment: Object.fromEntries(this.#assignment),
    }));
    this.#cluster.signal.notify();
  }

  // --- fetching -----------------------------------------------------------

  async #fetchLoop(): Promise<void> {
    const signal = this.#cluster.signal;
    while (this.#running) {
      const version = signal.version;
      if (this.#revoking || this.#generation < 0) {
        await signal.changedSince(version);
        continue;
      }
      this.#applySeeks();
      const batches = this.#fetch();
      if (batches.length === 0) {
        await signal.changedSince(version);
        continue;
      }
      await this.#processAll(batches);
      // One macrotask between fetches, as a network round trip would give timers and I/O.
      await nextMacrotask();
    }
  }

  #fetch(): FetchedBatch[] {
    const candidates: Array<{ topic: string; partition: number }> = [];
    for (const [topic, partitions] of this.#assignment) {
      for (const partition of partitions) if (!this.#isPaused(topic, partition)) candidates.push({ topic, partition });
    }
    // Rotate where each fetch starts so no partition always goes first.
    const start = candidates.length === 0 ? 0 : this.#round++ % candidates.length;
    const batches: FetchedBatch[] = [];
    for (let i = 0; i < candidates.length; i++) {
      const { topic, partition } = candidates[(start + i) % candidates.length]!;
      const log = this.#cluster.topic(topic);
      if (!log) continue;
      const key = tpKey(topic, partition);
      let from = this.#next.get(key) ?? 0;
      if (from < log.logStartOffset(partition)) {
        // Kafka answers OFFSET_OUT_OF_RANGE (the records were deleted); kafkajs then resets as for a partition without a committed offset.
        from = this.#resetOffset(topic, partition);
        this.#next.set(key, from);
      }
      const records = log.read(partition, from, this.#cluster.settings.maxBatchSize);
      if (records.length > 0) batches.push({ topic, partition, highWatermark: log.highWatermark(partition), records });
    }
    return batches;
  }

  /** Up to `partitionsConsumedConcurrently` batches at a time, one per partition. */
  async #processAll(batches: FetchedBatch[]): Promise<void> {
    let i = 0;
    const worker = async () => {
      while (i < batches.length && this.#running && !this.#revoking) {
        const batch = batches[i++]!;
        const processing = this.#processBatch(batch);
        this.#inFlight.add(processing);
        try {
          await processing;
        } finally {
          this.#inFlight.delete(processing);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#run!.concurrency, batches.length) }, worker));
  }

  async #processBatch({ topic, partition, highWatermark, records }: FetchedBatch): Promise<void> {
    const run = this.#run!;
    const key = tpKey(topic, partition);
    // Paused or sought since the fetch: the batch is stale before it starts.
    if (this.#isPaused(topic, partition) || this.#seeks.has(key)) return;
    const messages = records.map(delivered);
    const last = messages[messages.length - 1]!.offset;
    const batch: Batch = {
      topic,
      partition,
      highWatermark: String(highWatermark),
      messages,
      isEmpty: () => messages.length === 0,
      firstOffset: () => messages[0]?.offset ?? null,
      lastOffset: () => last,
      offsetLag: () => String(highWatermark - 1 - Number(last)),
      offsetLagLow: () => String(highWatermark - 1 - Number(messages[0]!.offset)),
    };
    const info = () => ({
      topic,
      partition,
      highWatermark: batch.highWatermark,
      offsetLag: batch.offsetLag(),
      offsetLagLow: batch.offsetLagLow(),
      batchSize: messages.length,
      firstOffset: messages[0]!.offset,
      lastOffset: last,
    });
    const started = this.#cluster.now();
    this.#emitter.emit(CONSUMER_EVENTS.START_BATCH_PROCESS, info);
    const payload: EachBatchPayload = {
      batch,
      resolveOffset: (offset) => this.#next.set(key, Number(offset) + 1),
      heartbeat: async () => {
        if (this.#revoking) {
          if (run.autoCommit) this.#commitResolved();
          throw new KafkaProtocolError('REBALANCE_IN_PROGRESS');
        }
        this.#emitter.emit(CONSUMER_EVENTS.HEARTBEAT, () => ({ groupId: this.#groupId, memberId: this.memberId, groupGenerationId: this.#generation }));
      },
      pause: () => {
        this.pause([{ topic, partitions: [partition] }]);
        return () => this.resume([{ topic, partitions: [partition] }]);
      },
      commitOffsetsIfNecessary: async (offsets?: Offsets) => {
        if (offsets) this.#commit(offsets.topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.topic, partition: p.partition, offset: p.offset }))));
        else this.#commitIfNecessary();
      },
      uncommittedOffsets: () => this.#uncommitted(),
      isRunning: () => this.#running,
      isStale: () => this.#seeks.has(key),
    };
    try {
      await run.eachBatch(payload);
    } catch (error) {
      if (run.autoCommit) this.#commitResolved();
      if (error instanceof KafkaProtocolError && error.type === 'REBALANCE_IN_PROGRESS') return;
      this.#emitter.emit(CONSUMER_EVENTS.CRASH, () => ({ error: error as Error, groupId: this.#groupId, restart: true }));
      await realDelay(this.#cluster.settings.crashRestartMs);
      return;
    }
    this.#emitter.emit(CONSUMER_EVENTS.END_BATCH_PROCESS, () => ({ ...info(), duration: this.#cluster.now() - started }));
    if (run.eachBatchAutoResolve) this.#next.set(key, Number(last) + 1);
    if (run.autoCommit) this.#commitResolved();
  }

  /**
   * kafkajs's `eachMessage` loop over a batch: stop at a seek or a stop, resolve
   * each record after its handler, commit when necessary, and stop after a pause.
   */
  async #eachMessage(payload: EachBatchPayload, eachMessage: (payload: EachMessagePayload) => Promise<void>): Promise<void> {
    const { batch } = payload;
    for (const message of batch.messages) {
      if (!payload.isRunning() || payload.isStale()) break;
      await eachMessage({ topic: batch.topic, partition: batch.partition, message, heartbeat: payload.heartbeat, pause: payload.pause });
      payload.resolveOffset(message.offset);
      await payload.heartbeat();
      await payload.commitOffsetsIfNecessary();
      if (this.#isPaused(batch.topic, batch.partition)) break;
    }
  }

  // --- offsets ------------------------------------------------------------

  #applySeeks(): void {
    for (const [key, offset] of [...this.#seeks]) {
      const [topic, p] = key.split('\u0000') as [string, string];
      const partition = Number(p);
      // Like kafkajs, a seek waits until its partition is assigned to this member.
      if (!this.#assignment.get(topic)?.includes(partition)) continue;
      this.#seeks.delete(key);
      const log = this.#cluster.topic(topic);
      const target = offset === -2 ? (log?.logStartOffset(partition) ?? 0) : offset === -1 ? (log?.highWatermark(partition) ?? 0) : offset;
      this.#next.set(key, target);
      if (this.#run?.autoCommit) this.#commit([{ topic, partition, offset: String(target) }]);
    }
  }

  #uncommittedList(): CommittedOffset[] {
    const out: CommittedOffset[] = [];
    for (const [topic, partitions] of this.#assignment) {
      for (const partition of partitions) {
        const key = tpKey(topic, partition);
        const next = this.#next.get(key);
        if (next !== undefined && next !== this.#committed.get(key)) out.push({ topic, partition, offset: String(next) });
      }
    }
    return out;
  }

  #uncommitted(): OffsetsByTopicPartition {
    const byTopic = new Map<string, Array<{ partition: number; offset: string }>>();
    for (const { topic, partition, offset } of this.#uncommittedList()) {
      const list = byTopic.get(topic) ?? [];
      list.push({ partition, offset });
      byTopic.set(topic, list);
    }
    return { topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })) };
  }

  #commitResolved(): void {
    this.#commit(this.#uncommittedList());
  }

  #commitIfNecessary(): void {
    const run = this.#run;
    if (!run) return;
    const now = this.#cluster.now();
    const timeoutReached = run.autoCommitInterval !== null && now >= this.#lastCommit + run.autoCommitInterval;
    const resolved = this.#uncommittedList().reduce((sum, { topic, partition, offset }) => sum + Number(offset) - (this.#committed.get(tpKey(topic, partition)) ?? 0), 0);
    const thresholdReached = run.autoCommitThreshold !== null && resolved >= run.autoCommitThreshold;
    if (timeoutReached || thresholdReached) this.#commitResolved();
  }

  #commit(offsets: CommittedOffset[]): void {
    this.#lastCommit = this.#cluster.now();
    if (offsets.length === 0) return;
    if (!this.#group?.commit(this.#generation, offsets)) return;
    for (const { topic, partition, offset } of offsets) this.#committed.set(tpKey(topic, partition), Number(offset));
    this.#emitter.emit(CONSUMER_EVENTS.COMMIT_OFFSETS, () => ({
      groupId: this.#groupId,
      memberId: this.memberId,
      groupGenerationId: this.#generation,
      topics: [...new Set(offsets.map((o) => o.topic))].map((topic) => ({
        topic,
        partitions: offsets.filter((o) => o.topic === topic).map(({ partition, offset }) => ({ partition, offset })),
      })),
    }));
  }

  #resetOffset(topic: string, partition: number): number {
    const log = this.#cluster.topic(topic);
    if (this.#subscribed.get(topic)?.fromBeginning) return log?.logStartOffset(partition) ?? 0;
    return log?.highWatermark(partition) ?? 0;
  }

  // --- helpers ------------------------------------------------------------

  #pauseState(topic: string): PauseState {
    let state = this.#pauses.get(topic);
    if (!state) {
      state = { all: false, paused: new Set(), resumed: new Set() };
      this.#pauses.set(topic, state);
    }
    return state;
  }

  #isPaused(topic: string, partition: number): boolean {
    const state = this.#pauses.get(topic);
    if (!state) return false;
    return (state.all && !state.resumed.has(partition)) || state.paused.has(partition);
  }

  /** Waits for every batch in hand, including any started while waiting. */
  async #drain(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }
}
