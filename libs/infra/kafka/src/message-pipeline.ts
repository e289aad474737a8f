import type { LoggerService } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { HEADERS, describeFieldErrors, findTopicContract, parseEnvelope, validatePlain, type EventEnvelope } from '@pipeline/contracts';
import { runWithLogContext, withConsumerSpan, type LogContext } from '@pipeline/observability';
import type { ConsumerStatus } from './consumer-status';
import type { DeadLetterWriter } from './dead-letter-writer';
import { PermanentEventError, describeError, isTransientError } from './errors';
import { EventContext } from './event-context';
import type { ProcessedEventStore } from './processed-event-store';
import { ConsumerStopping, type ConsumerBackoff } from './retry';

/** How the consumer finished with one message; `aborted` leaves it uncommitted. */
export type Outcome = 'processed' | 'skipped' | 'dead-lettered' | 'aborted';

export type ParsedMessage = ReturnType<typeof parseEnvelope>;

/** Runs the app's handler of a topic with a validated payload, to the end of whatever it returns. */
export type Dispatch = (payload: object, context: EventContext) => Promise<unknown>;

export interface MessagePipelineOptions {
  status: ConsumerStatus;
  groupId: string;
  dedup?: ProcessedEventStore;
  /** Attempts for an error that is neither transient nor permanent before dead-lettering. */
  maxAttempts: number;
  backoff: ConsumerBackoff;
  deadLetters: DeadLetterWriter;
  /** The handler subscribed to a topic, if any. */
  handlerFor: (topic: string) => Dispatch | null;
  logger: LoggerService;
}

/** Where one message is in the batch, and how to keep the group membership while it is handled. */
export interface MessageInBatch {
  topic: string;
  partition: number;
  message: KafkaMessage;
  parsed: ParsedMessage;
  alreadyProcessed: Set<string>;
  heartbeat: () => Promise<void>;
  stillRunning: () => boolean;
}

/**
 * One message, from bytes to a finished handler: the envelope and its type
 * and version against the topic's contract, the payload against its class,
 * the dedup check, then the handler with retries (transient errors without
 * limit, others up to `maxAttempts`, a PermanentEventError at once) or the
 * dead-letter topic. Each message runs inside a log context carrying its
 * correlation id, event id and topic, and inside its consumer span.
 */
export class MessagePipeline {
  constructor(private readonly options: MessagePipelineOptions) {}

  handle(m: MessageInBatch): Promise<Outcome> {
    return runWithLogContext(logContextOf(m.topic, m.message, m.parsed), () =>
      withConsumerSpan(this.consumedMessage(m), () => this.process(m)),
    );
  }

  private async process({ topic, partition, message, parsed, alreadyProcessed, heartbeat, stillRunning }: MessageInBatch): Promise<Outcome> {
    const { status, backoff, deadLetters, logger } = this.options;
    const counters = status.counters(topic);
    const deadLetter = (reason: string) =>
      backoff.untilDone(() => deadLetters.write(topic, partition, message, reason), stillRunning, heartbeat).then(
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

    const handler = this.options.handlerFor(topic);
    if (!handler) return deadLetter(`NO_HANDLER: ${topic}`);
    const context = new EventContext([envelope as EventEnvelope<unknown>, topic, partition, message.offset, heartbeat]);

    const startedAt = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        await handler(payload.value, context);
        await this.options.dedup?.markProcessed(this.options.groupId, envelope.eventId, topic);
        counters.consumed++;
        logger.log(`已处理 ${topic} 事件 ${envelope.eventId}（${Date.now() - startedAt} ms）`);
        return 'processed';
      } catch (err) {
        counters.failedAttempts++;
        if (err instanceof PermanentEventError) return deadLetter(`REJECTED: ${err.code}: ${err.message}`);
        const transient = isTransientError(err);
        if (!transient && attempt >= this.options.maxAttempts) {
          return deadLetter(`HANDLER_FAILED after ${attempt} attempts: ${describeError(err)}`);
        }
        logger.warn(`处理 ${topic} 事件 ${envelope.eventId} 失败（第 ${attempt} 次${transient ? '，暂时性故障' : ''}）：${describeError(err)}`);
        if (!(await backoff.wait(attempt, heartbeat, stillRunning))) return 'aborted';
      }
    }
  }

  /** What the consumer span of one message records: where it came from and which event it holds. */
  private consumedMessage({ topic, partition, message, parsed }: MessageInBatch) {
    const envelope = parsed.ok ? parsed.envelope : undefined;
    return {
      topic, partition, offset: message.offset, key: message.key, headers: message.headers, consumerGroup: this.options.groupId,
      eventId: envelope?.eventId, eventType: envelope?.type,
    };
  }
}

/** The log context of one message: from its envelope, or from its headers when the envelope is unreadable. */
function logContextOf(topic: string, message: KafkaMessage, parsed: ParsedMessage): LogContext {
  if (parsed.ok) return { correlationId: parsed.envelope.correlationId, eventId: parsed.envelope.eventId, topic };
  const header = message.headers?.[HEADERS.correlationId];
  const correlationId = Array.isArray(header) ? header[0]?.toString() : header?.toString();
  return correlationId ? { correlationId, topic } : { topic };
}
