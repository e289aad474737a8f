import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { CompressionTypes, Partitioners, type IHeaders, type Kafka, type Message, type Producer } from 'kafkajs';
import {
  HEADERS, createEnvelope, derivedEventId, physicalTopicName,
  type EventEnvelope, type TopicContract,
} from '@pipeline/contracts';
import { captureTraceContext, startPublishSpan, type PublishSpan, type TraceCarrier } from '@pipeline/observability';
import { KAFKA_CLIENT, KAFKA_OPTIONS, type KafkaModuleOptions } from './kafka.options';

export interface PublishRequest<P> {
  key: string;
  payload: P;
  correlationId?: string;
  causationId?: string;
  /** Deterministic ids make re-publishing after a crash harmless downstream. */
  eventId?: string;
  occurredAt?: Date;
}

export interface OutgoingEnvelope {
  /** Logical topic name, as in the contract. */
  topic: string;
  envelope: EventEnvelope<unknown>;
  /** The trace context the event was created in; the outbox keeps it until the event is published. */
  trace?: TraceCarrier;
}

export function envelopeHeaders(envelope: EventEnvelope<unknown>): IHeaders {
  return {
    [HEADERS.correlationId]: envelope.correlationId,
    [HEADERS.eventType]: envelope.type,
    [HEADERS.eventVersion]: String(envelope.version),
  };
}

/**
 * The one way events leave a service: an idempotent producer (acks from all
 * in-sync replicas, no duplicates on its own retries) sending versioned
 * envelopes to prefixed topic names.
 */
@Injectable()
export class EventPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(EventPublisher.name);
  private readonly producer: Producer;
  private connecting: Promise<void> | null = null;

  constructor(
    @Inject(KAFKA_CLIENT) kafka: Kafka,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaModuleOptions,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5_000 },
    });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.connecting = null;
    });
  }

  /** Builds the envelope for a contract; the payload type must match the topic. */
  envelope<P extends object>(topic: TopicContract<P>, req: PublishRequest<P>): OutgoingEnvelope & { envelope: EventEnvelope<P> } {
    const envelope = createEnvelope({
      type: topic.type,
      version: topic.version,
      producer: this.options.serviceName,
      key: req.key,
      payload: req.payload,
      correlationId: req.correlationId,
      causationId: req.causationId,
      eventId: req.eventId,
      occurredAt: req.occurredAt,
    });
    // captured now, inside the request or handler that causes the event: the outbox publishes it later
    const trace = captureTraceContext();
    return { topic: topic.name, envelope, ...(trace ? { trace } : {}) };
  }

  /**
   * An event caused by another: it keeps the cause's correlation id, names the
   * cause, and takes an id derived from (cause, topic), so handling the same
   * cause twice produces the same event, which consumers drop.
   */
  causedBy<P extends object>(
    cause: Pick<EventEnvelope<unknown>, 'eventId' | 'correlationId'>,
    topic: TopicContract<P>,
    req: { key: string; payload: P; occurredAt?: Date },
    /** Tells apart several events of one topic caused by the same event (one per complaint of a case). */
    discriminator?: string,
  ): OutgoingEnvelope & { envelope: EventEnvelope<P> } {
    return this.envelope(topic, {
      ...req,
      correlationId: cause.correlationId,
      causationId: cause.eventId,
      eventId: discriminator === undefined ? derivedEventId(cause.eventId, topic.name) : derivedEventId(cause.eventId, topic.name, discriminator),
    });
  }

  async publish<P extends object>(topic: TopicContract<P>, req: PublishRequest<P>): Promise<EventEnvelope<P>> {
    const out = this.envelope(topic, req);
    await this.send([out]);
    return out.envelope;
  }

  /** Sends envelopes in order; one request per call, grouped by topic. Each event gets a producer span. */
  async send(items: OutgoingEnvelope[]): Promise<void> {
    if (!items.length) return;
    const byTopic = new Map<string, Message[]>();
    const spans: PublishSpan[] = [];
    for (const { topic, envelope, trace } of items) {
      const name = physicalTopicName(topic, this.options.topicPrefix);
      const list = byTopic.get(name) ?? [];
      const span = startPublishSpan({ topic, key: envelope.key, eventId: envelope.eventId, eventType: envelope.type, trace });
      spans.push(span);
      list.push({ key: envelope.key, value: JSON.stringify(envelope), headers: { ...envelopeHeaders(envelope), ...span.headers } });
      byTopic.set(name, list);
    }
    try {
      await this.sendRaw([...byTopic].map(([topic, messages]) => ({ topic, messages })));
    } catch (err) {
      for (const span of spans) span.end(err);
      throw err;
    }
    for (const span of spans) span.end();
  }

  /** Physical topic names; used for dead letters, which keep the original bytes. */
  async sendRaw(topicMessages: { topic: string; messages: Message[] }[]): Promise<void> {
    await this.connect();
    await this.producer.sendBatch({ topicMessages, acks: -1, compression: CompressionTypes.None });
  }

  private connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((err) => {
      this.connecting = null;
      throw err;
    });
    return this.connecting;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect().catch((err) => this.logger.warn(`生产者断开失败：${err}`));
  }
}
