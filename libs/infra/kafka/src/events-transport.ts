import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import {
  HEADERS, deadLetterTopicName, describeFieldErrors, findTopicContract, parseEnvelope, physicalTopicName, validatePlain,
  type EventEnvelope,
} from '@pipeline/contracts';
import { markDeadLettered, runWithLogContext, withConsumerSpan, type LogContext } from '@pipeline/observability';
import { ConsumerStatus } from './consumer-status';
import { PermanentEventError, describeError, isTransientError } from './errors';
import { EventContext } from './event-context';
import type { EventPublisher } from './event-publisher';
import type { ProcessedEventStore } from './processed-event-store';

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

type Outcome = 'processed' | 'skipped' | 'dead-lettered' | 'aborted';

class ConsumerStopping extends Error {}

/**
 * A Nest microservice transport over kafkajs. Handlers are ordinary
 * `@ConsumesEvent(TOPICS.x)` methods; this class owns everything Nest's own Kafka
 * transport lacks: batches with bounded partition concurrency, envelope and
 * payload validation before the handler runs, deduplication by event id,
 * retries with backoff, a dead-letter topic per topic, offsets committed
 * explicitly, only for messages whose handling finished, and a shutdown that
 * drains: fetching stops, the batches in hand finish (within
 * `shutdownTimeoutMs`), their offsets are committed, then the group is left.
 * Each message is handled inside a log context carrying its correlation id.
 */
export class KafkaEventsTransport extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(KafkaEventsTransport.name);
  private consumer: Consumer | null = null;
  private readonly maxAttempts: number;
  private readonly backoffInitialMs: number;
  private readonly backoffMaxMs: number;
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
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoffInitialMs = options.backoffInitialMs ?? 200;
    this.backoffMaxMs = options.backoffMaxMs ?? 5_000;
    this.commitEvery = options.commitEvery ?? 100;
    this.shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
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
      alreadyProcessed = await this.untilDone(() => this.options.dedup?.filterProcessed(this.options.groupId, ids) ?? Promise.resolve(new Set<string>()), stillRunning, heartbeat);
    } catch (err) {
      if (err instanceof ConsumerStopping) return;
      throw err;
    }

    let uncommitted: string | null = null;
    let sinceCommit = 0;
    for (const { message, parsed: p } of parsed) {
      if (!mayContinue()) break;
      const outcome = await runWithLogContext(logContextOf(topic, message, p), () =>
        withConsumerSpan(this.consumedMessage(topic, batch.partition, message, p), () =>
          this.processMessage(topic, batch.partition, message, p, alreadyProcessed, heartbeat, stillRunning),
        ),
      );
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

  private async processMessage(
    topic: string,
    partition: number,
    message: KafkaMessage,
    parsed: ReturnType<typeof parseEnvelope>,
    alreadyProcessed: Set<string>,
    heartbeat: () => Promise<void>,
    stillRunning: () => boolean,
  ): Promise<Outcome> {
    const counters = this.options.status.counters(topic);
    const deadLetter = (reason: string) =>
      this.untilDone(() => this.deadLetter(topic, partition, message, reason), stillRunning, heartbeat).then(
        () => {
          counters.deadLettered++;
          return 'dead-lettered' as const;
        },
        (err) => {
          if (err instanceof ConsumerStopping) return 'aborted' as const;
          throw err;
        },
      );

    if (!parsed.ok) {
      return deadLetter(parsed.errors ? `${parsed.reason}: ${describeFieldErrors(parsed.errors)}` : parsed.reason);
    }
    const envelope = parsed.envelope;
    const contract = findTopicContract(topic);
    if (!contract || envelope.type !== contract.type || envelope.version !== contract.version) {
      return deadLetter(`UNSUPPORTED_EVENT: ${envelope.type} v${envelope.version} is not ${contract?.type ?? '?'} v${contract?.version ?? '?'} on ${topic}`);
    }
    const payload = validatePlain(contract.payload, envelope.payload);
    if (!payload.ok) return deadLetter(`INVALID_PAYLOAD: ${describeFieldErrors(payload.errors)}`);
    if (alreadyProcessed.has(envelope.eventId)) {
      counters.skippedDuplicates++;
      return 'skipped';
    }

    const handler = this.getHandlerByPattern(topic);
    if (!handler) return deadLetter(`NO_HANDLER: ${topic}`);
    const context = new EventContext([envelope as EventEnvelope<unknown>, topic, partition, message.offset, heartbeat]);

    const startedAt = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await handler(payload.value, context);
        await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
        await this.options.dedup?.markProcessed(this.options.groupId, envelope.eventId, topic);
        counters.consumed++;
        this.logger.log(`已处理 ${topic} 事件 ${envelope.eventId}（${Date.now() - startedAt} ms）`);
        return 'processed';
      } catch (err) {
        counters.failedAttempts++;
        if (err instanceof PermanentEventError) return deadLetter(`REJECTED: ${err.code}: ${err.message}`);
        const transient = isTransientError(err);
        if (!transient && attempt >= this.maxAttempts) {
          return deadLetter(`HANDLER_FAILED after ${attempt} attempts: ${describeError(err)}`);
        }
        this.logger.warn(`处理 ${topic} 事件 ${envelope.eventId} 失败（第 ${attempt} 次${transient ? '，暂时性故障' : ''}）：${describeError(err)}`);
        if (!(await this.backoff(attempt, heartbeat, stillRunning))) return 'aborted';
      }
    }
  }

  /** Retries an infrastructure step (dedup lookup, dead-lettering) until it succeeds or the consumer stops. */
  private async untilDone<T>(step: () => Promise<T>, stillRunning: () => boolean, heartbeat: () => Promise<void>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await step();
      } catch (err) {
        this.logger.warn(`基础设施暂不可用（第 ${attempt} 次）：${describeError(err)}`);
        if (!(await this.backoff(attempt, heartbeat, stillRunning))) throw new ConsumerStopping();
      }
    }
  }

  /** Waits with exponential backoff, heartbeating; false when the consumer is stopping. */
  private async backoff(attempt: number, heartbeat: () => Promise<void>, stillRunning: () => boolean): Promise<boolean> {
    const delay = Math.min(this.backoffMaxMs, this.backoffInitialMs * 2 ** (attempt - 1));
    const until = Date.now() + delay;
    while (Date.now() < until) {
      if (!stillRunning()) return false;
      await new Promise((r) => setTimeout(r, Math.min(500, until - Date.now())));
      await heartbeat().catch(() => undefined);
    }
    return stillRunning();
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, reason: string): Promise<void> {
    this.logger.warn(`事件转入死信主题 ${deadLetterTopicName(topic)}：${reason}`);
    markDeadLettered(reason);
    const headers: IHeaders = {
      ...message.headers,
      [HEADERS.dlqReason]: reason.slice(0, 2000),
      [HEADERS.dlqOriginalTopic]: topic,
      [HEADERS.dlqOriginalPartition]: String(partition),
      [HEADERS.dlqOriginalOffset]: message.offset,
      [HEADERS.dlqConsumerGroup]: this.options.groupId,
      [HEADERS.dlqFailedAt]: new Date().toISOString(),
    };
    await this.options.publisher.sendRaw([
      { topic: this.physical(deadLetterTopicName(topic)), messages: [{ key: message.key, value: message.value, headers }] },
    ]);
  }

  /** What the consumer span of one message records: where it came from and which event it holds. */
  private consumedMessage(topic: string, partition: number, message: KafkaMessage, parsed: ReturnType<typeof parseEnvelope>) {
    const envelope = parsed.ok ? parsed.envelope : undefined;
    return {
      topic, partition, offset: message.offset, key: message.key, headers: message.headers, consumerGroup: this.options.groupId,
      eventId: envelope?.eventId, eventType: envelope?.type,
    };
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

/** The log context of one message: from its envelope, or from its headers when the envelope is unreadable. */
function logContextOf(topic: string, message: KafkaMessage, parsed: ReturnType<typeof parseEnvelope>): LogContext {
  if (parsed.ok) return { correlationId: parsed.envelope.correlationId, eventId: parsed.envelope.eventId, topic };
  const header = message.headers?.[HEADERS.correlationId];
  const correlationId = Array.isArray(header) ? header[0]?.toString() : header?.toString();
  return correlationId ? { correlationId, topic } : { topic };
}

/** True when every promise settles before `deadline` (epoch ms); false when the deadline comes first. */
async function settlesBy(promises: Promise<unknown>[], deadline: number): Promise<boolean> {
  if (!promises.length) return true;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([Promise.allSettled(promises).then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
