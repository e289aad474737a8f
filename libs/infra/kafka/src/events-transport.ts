import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { parseEnvelope, physicalTopicName } from '@pipeline/contracts';
import { ConsumerStatus } from './consumer-status';
import { DeadLetterWriter } from './dead-letter-writer';
import { describeError } from './errors';
import type { EventPublisher } from './event-publisher';
import { MessagePipeline, type Dispatch } from './message-pipeline';
import type { ProcessedEventStore } from './processed-event-store';
import { ConsumerBackoff, ConsumerStopping, settlesBy } from './retry';

export interface EventsTransportOptions {
  kafka: Kafka;
  publisher: EventPublisher;
  status: ConsumerStatus;
  groupId: string;
  topicPrefix: string;
  partitionsConcurrency: number;
  dedup?: ProcessedEventStore;
  /** Attempts for an error that is neither transient nor permanent before dead-lettering. */
  maxAttempts?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** Commit after this many processed messages even mid-batch. */
  commitEvery?: number;
  /** How long a shutdown lets the batches in hand run before leaving the group anyway. */
  shutdownTimeoutMs?: number;
}

/**
 * A Nest microservice transport over kafkajs. Handlers are ordinary
 * `@ConsumesEvent(TOPICS.x)` methods; this class owns the consumer's life and
 * its batches, everything Nest's own Kafka transport lacks: batches with
 * bounded partition concurrency, deduplication by event id looked up per
 * batch, offsets committed explicitly, only for messages whose handling
 * finished, a consumer replaced when kafkajs gives up on it, and a shutdown
 * that drains: fetching stops, the batches in hand finish (within
 * `shutdownTimeoutMs`), their offsets are committed, then the group is left.
 * Each message goes through the MessagePipeline (validation, handler,
 * retries, dead letters).
 */
export class KafkaEventsTransport extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(KafkaEventsTransport.name);
  private consumer: Consumer | null = null;
  private readonly backoffInitialMs: number;
  private readonly backoff: ConsumerBackoff;
  private readonly pipeline: MessagePipeline;
  private readonly commitEvery: number;
  private readonly shutdownTimeoutMs: number;
  /** Physical names of the subscribed topics (paused on shutdown). */
  private topics: string[] = [];
  /** eachBatch calls in progress; a shutdown waits for them. */
  private readonly inFlight = new Set<Promise<void>>();
  private draining = false;
  private drainDeadline = Infinity;
  private closing: Promise<void> | null = null;
  /** A new consumer about to replace one that kafkajs gave up on. */
  private restartTimer: NodeJS.Timeout | null = null;
  private restartsInARow = 0;

  constructor(private readonly options: EventsTransportOptions) {
    super();
    this.backoffInitialMs = options.backoffInitialMs ?? 200;
    this.backoff = new ConsumerBackoff(this.backoffInitialMs, options.backoffMaxMs ?? 5_000, this.logger);
    this.commitEvery = options.commitEvery ?? 100;
    this.shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
    this.pipeline = new MessagePipeline({
      status: options.status,
      groupId: options.groupId,
      dedup: options.dedup,
      maxAttempts: options.maxAttempts ?? 5,
      backoff: this.backoff,
      deadLetters: new DeadLetterWriter(options.publisher, options.groupId, options.topicPrefix, this.logger),
      handlerFor: (topic) => this.dispatchTo(topic),
      logger: this.logger,
    });
  }

  /** The app's handler of a topic, run to the end of whatever it returns (a promise or an observable). */
  private dispatchTo(topic: string): Dispatch | null {
    const handler = this.getHandlerByPattern(topic);
    if (!handler) return null;
    return async (payload, context) => {
      const result = await handler(payload, context);
      await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
    };
  }

  listen(callback: (err?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (err) => callback(err),
    );
  }

  /** Called by Nest on app.close() (SIGTERM): drains, commits, leaves the group. */
  close(): Promise<void> {
    this.closing ??= this.drainAndDisconnect();
    return this.closing;
  }

  private async drainAndDisconnect(): Promise<void> {
    const { status } = this.options;
    status.state = 'stopping';
    this.draining = true;
    this.drainDeadline = Date.now() + this.shutdownTimeoutMs;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const consumer = this.consumer;
    if (!consumer) {
      status.state = 'stopped';
      return;
    }
    // Stop fetching, but keep the group membership: kafkajs' own stop() would
    // also stop our offset commits (it ignores commits once not running).
    try {
      consumer.pause(this.topics.map((topic) => ({ topic })));
    } catch {
      // not running yet, or restarting after a crash: nothing is being fetched
    }
    if (this.inFlight.size) {
      this.logger.log(`停止拉取消息，等待 ${this.inFlight.size} 个处理中的批次完成（最多 ${Math.round(this.shutdownTimeoutMs / 1000)} 秒）`);
    }
    const drained = await settlesBy([...this.inFlight], this.drainDeadline);
    if (!drained) this.logger.warn('等待处理中的批次超时：未完成的消息不提交位点，将由组内其他消费者或重启后重新处理');
    // disconnect waits for batches still in hand (only after a timeout), so it is bounded too
    const left = await settlesBy([consumer.disconnect()], Math.max(this.drainDeadline, Date.now() + 2_000));
    if (!left) this.logger.warn('退出消费组超时，直接停止');
    status.state = 'stopped';
    this.logger.log(drained ? '消费者已停止，已完成消息的位点均已提交' : '消费者已停止');
  }

  on(): never {
    throw new Error('KafkaEventsTransport does not emit events; read ConsumerStatus instead');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private physical(logical: string): string {
    return physicalTopicName(logical, this.options.topicPrefix);
  }

  private logical(physical: string): string {
    const prefix = this.options.topicPrefix;
    return prefix && physical.startsWith(`${prefix}.`) ? physical.slice(prefix.length + 1) : physical;
  }

  private async start(): Promise<void> {
    const { kafka, groupId, status } = this.options;
    const topics = [...this.messageHandlers.keys()];
    // nothing to consume, or shut down before it started
    if (!topics.length || this.draining) return;
    status.state = 'connecting';
    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 200,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000, restartOnFailure: async () => true },
    });
    this.consumer = consumer;
    this.topics = topics.map((t) => this.physical(t));
    // every subscribed topic's counters exist from the start, at zero, so a first dead letter is an increase
    for (const topic of topics) status.counters(topic);
    consumer.on(consumer.events.GROUP_JOIN, () => {
      // the assignment may have changed: lag is reported again by the next batch of each partition
      status.forgetLag();
      if (this.draining) return;
      status.state = 'joined';
      status.lastError = null;
    });
    // consuming once a fetch has come back (every maxWaitTimeInMs while idle), not merely joined
    consumer.on(consumer.events.FETCH, () => {
      if (this.draining || status.state === 'consuming') return;
      status.state = 'consuming';
      status.lastError = null;
      this.restartsInARow = 0;
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (this.draining) return;
      status.state = payload.restart ? 'retrying' : 'crashed';
      status.lastError = describeError(payload.error);
      this.logger.error(`消费者异常（${payload.restart ? '将自动重启' : '将重建消费者'}）：${status.lastError}`);
      if (!payload.restart) this.replaceLater(consumer);
    });
    consumer.on(consumer.events.STOP, () => {
      if (status.state !== 'stopping') status.state = 'stopped';
    });
    await consumer.connect();
    // a shutdown that came while connecting has disconnected this consumer already
    if (this.draining) return;
    await consumer.subscribe({ topics: this.topics, fromBeginning: true });
    if (this.draining) return;
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConcurrency,
      eachBatch: (payload) => this.tracked(payload),
    });
  }

  /**
   * kafkajs does not restart a consumer after an error it deems permanent
   * (seen after a broker outage: "Failed to find group coordinator"), which
   * would leave the service up but consuming nothing. Such a consumer is
   * replaced by a new one, with a growing delay so a broker that stays down is
   * not hammered; the uncommitted messages are fetched again by the new one.
   */
  private replaceLater(crashed: Consumer): void {
    if (this.consumer !== crashed || this.restartTimer || this.draining) return;
    const delayMs = Math.min(this.backoffInitialMs * 5 * 2 ** this.restartsInARow, 30_000);
    this.restartsInARow += 1;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      void this.replace(crashed);
    }, delayMs);
  }

  private async replace(crashed: Consumer): Promise<void> {
    await crashed.disconnect().catch(() => undefined);
    if (this.draining) return;
    this.logger.warn(`重建消费者（第 ${this.restartsInARow} 次）`);
    try {
      await this.start();
    } catch (err) {
      this.options.status.state = 'crashed';
      this.options.status.lastError = describeError(err);
      this.logger.error(`重建消费者失败：${this.options.status.lastError}`);
      if (this.consumer) this.replaceLater(this.consumer);
    }
  }

  private tracked(payload: EachBatchPayload): Promise<void> {
    const work = this.handleBatch(payload);
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private async handleBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    // handed out after the shutdown began: left for the next owner, uncommitted
    if (this.draining) return;
    const topic = this.logical(batch.topic);
    const { status } = this.options;
    // lag from what the fetch already says (no broker request of its own): everything from this batch's first message on
    if (batch.messages.length) status.recordLag(topic, batch.partition, batch.highWatermark, batch.messages[0].offset);
    // retries and backoff give up on shutdown; the messages in hand still finish
    const stillRunning = () => isRunning() && !isStale() && !this.draining;
    const mayContinue = () => isRunning() && !isStale() && (!this.draining || Date.now() < this.drainDeadline);
    const parsed = batch.messages.map((message) => ({ message, parsed: parseEnvelope(message.value) }));
    const ids = parsed.flatMap((p) => (p.parsed.ok ? [p.parsed.envelope.eventId] : []));
    let alreadyProcessed: Set<string>;
    try {
      alreadyProcessed = await this.backoff.untilDone(() => this.options.dedup?.filterProcessed(this.options.groupId, ids) ?? Promise.resolve(new Set<string>()), stillRunning, heartbeat);
    } catch (err) {
      if (err instanceof ConsumerStopping) return;
      throw err;
    }

    let uncommitted: string | null = null;
    let sinceCommit = 0;
    for (const { message, parsed: p } of parsed) {
      if (!mayContinue()) break;
      const outcome = await this.pipeline.handle({ topic, partition: batch.partition, message, parsed: p, alreadyProcessed, heartbeat, stillRunning });
      if (outcome === 'aborted') break;
      resolveOffset(message.offset);
      uncommitted = message.offset;
      status.recordLag(topic, batch.partition, batch.highWatermark, (BigInt(message.offset) + 1n).toString());
      // while draining, every finished message is committed at once: the deadline may cut the batch
      if (++sinceCommit >= this.commitEvery || this.draining) {
        await this.commit(batch.topic, batch.partition, uncommitted);
        uncommitted = null;
        sinceCommit = 0;
      }
      await heartbeat();
    }
    if (uncommitted !== null) await this.commit(batch.topic, batch.partition, uncommitted);
  }

  private async commit(physicalTopic: string, partition: number, offset: string): Promise<void> {
    try {
      await this.consumer?.commitOffsets([{ topic: physicalTopic, partition, offset: (BigInt(offset) + 1n).toString() }]);
    } catch (err) {
      // after a rebalance the new owner re-reads from the last commit; dedup absorbs the repeats
      this.logger.warn(`提交位点失败：${describeError(err)}`);
    }
  }
}
