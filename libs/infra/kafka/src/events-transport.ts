import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import {
  HEADERS, deadLetterTopicName, describeFieldErrors, findTopicContract, parseEnvelope, physicalTopicName, validatePlain,
  type EventEnvelope,
} from '@pipeline/contracts';
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
}

type Outcome = 'processed' | 'skipped' | 'dead-lettered' | 'aborted';

class ConsumerStopping extends Error {}

/**
 * A Nest microservice transport over kafkajs. Handlers are ordinary
 * `@OnEvent(TOPICS.x)` methods; this class owns everything Nest's own Kafka
 * transport lacks: batches with bounded partition concurrency, envelope and
 * payload validation before the handler runs, deduplication by event id,
 * retries with backoff, a dead-letter topic per topic, and offsets committed
 * explicitly, only for messages whose handling finished.
 */
export class KafkaEventsTransport extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(KafkaEventsTransport.name);
  private consumer: Consumer | null = null;
  private readonly maxAttempts: number;
  private readonly backoffInitialMs: number;
  private readonly backoffMaxMs: number;
  private readonly commitEvery: number;

  constructor(private readonly options: EventsTransportOptions) {
    super();
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoffInitialMs = options.backoffInitialMs ?? 200;
    this.backoffMaxMs = options.backoffMaxMs ?? 5_000;
    this.commitEvery = options.commitEvery ?? 100;
  }

  listen(callback: (err?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (err) => callback(err),
    );
  }

  async close(): Promise<void> {
    this.options.status.state = 'stopping';
    // disconnect waits for the batch in hand; offsets of finished messages are already committed
    await this.consumer?.disconnect();
    this.options.status.state = 'stopped';
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
    if (!topics.length) return;
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
    consumer.on(consumer.events.GROUP_JOIN, () => {
      status.state = 'consuming';
      status.lastError = null;
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      status.state = payload.restart ? 'retrying' : 'crashed';
      status.lastError = describeError(payload.error);
      this.logger.error(`消费者异常（${payload.restart ? '将自动重启' : '已停止'}）：${status.lastError}`);
    });
    consumer.on(consumer.events.STOP, () => {
      if (status.state !== 'stopping') status.state = 'stopped';
    });
    await consumer.connect();
    await consumer.subscribe({ topics: topics.map((t) => this.physical(t)), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConcurrency,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  private async handleBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const topic = this.logical(batch.topic);
    const stillRunning = () => isRunning() && !isStale();
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
      if (!stillRunning()) break;
      const outcome = await this.processMessage(topic, batch.partition, message, p, alreadyProcessed, heartbeat, stillRunning);
      if (outcome === 'aborted') break;
      resolveOffset(message.offset);
      uncommitted = message.offset;
      if (++sinceCommit >= this.commitEvery) {
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

    for (let attempt = 1; ; attempt++) {
      try {
        const result = await handler(payload.value, context);
        await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
        await this.options.dedup?.markProcessed(this.options.groupId, envelope.eventId, topic);
        counters.consumed++;
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

  private async commit(physicalTopic: string, partition: number, offset: string): Promise<void> {
    try {
      await this.consumer?.commitOffsets([{ topic: physicalTopic, partition, offset: (BigInt(offset) + 1n).toString() }]);
    } catch (err) {
      // after a rebalance the new owner re-reads from the last commit; dedup absorbs the repeats
      this.logger.warn(`提交位点失败：${describeError(err)}`);
    }
  }
}
