import { SpanKind, SpanStatusCode, context, trace, type Span } from '@opentelemetry/api';
import {
  ATTR_EVENT_OUTCOME, ATTR_EVENT_TYPE, ATTR_MESSAGING_CONSUMER_GROUP_NAME, ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_DESTINATION_PARTITION_ID, ATTR_MESSAGING_KAFKA_MESSAGE_KEY, ATTR_MESSAGING_KAFKA_OFFSET,
  ATTR_MESSAGING_MESSAGE_ID, ATTR_MESSAGING_OPERATION_TYPE, ATTR_MESSAGING_SYSTEM,
} from './attributes';
import { contextFromCarrier, traceCarrierOfHeaders, traceHeaders, type TraceCarrier } from './trace-context';
import { isTracingEnabled, pipelineTracer } from './tracing';

export interface ConsumedMessage {
  /** Logical topic name (without the environment prefix). */
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | string | null;
  headers?: Parameters<typeof traceCarrierOfHeaders>[0];
  consumerGroup: string;
  /** From the envelope, when it could be read. */
  eventId?: string;
  eventType?: string;
}

/**
 * Runs the handling of one consumed message inside a CONSUMER span whose
 * parent is the producer span named by the message's `traceparent` (a new
 * trace when the message has none). Everything the handler writes or
 * publishes happens inside it, so the next hop continues the same trace.
 * The outcome the handling returns is recorded on the span.
 */
export async function withConsumerSpan<O extends string>(message: ConsumedMessage, handle: () => Promise<O>): Promise<O> {
  if (!isTracingEnabled()) return handle();
  const parent = contextFromCarrier(traceCarrierOfHeaders(message.headers));
  const span = pipelineTracer().startSpan(
    `process ${message.topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        ...messagingAttributes('process', message.topic, message.key, message.eventId, message.eventType),
        [ATTR_MESSAGING_DESTINATION_PARTITION_ID]: String(message.partition),
        [ATTR_MESSAGING_KAFKA_OFFSET]: Number(message.offset),
        [ATTR_MESSAGING_CONSUMER_GROUP_NAME]: message.consumerGroup,
      },
    },
    parent,
  );
  try {
    const outcome = await context.with(trace.setSpan(parent, span), handle);
    span.setAttribute(ATTR_EVENT_OUTCOME, outcome);
    return outcome;
  } catch (err) {
    failSpan(span, err);
    throw err;
  } finally {
    span.end();
  }
}

/** Marks the span in progress (the consumer's) as failed because its event went to the dead-letter topic. */
export function markDeadLettered(reason: string): void {
  if (!isTracingEnabled()) return;
  trace.getActiveSpan()?.setStatus({ code: SpanStatusCode.ERROR, message: `dead-lettered: ${reason}` });
}

export interface PublishedEvent {
  /** Logical topic name. */
  topic: string;
  key: string;
  eventId: string;
  eventType: string;
  /** The context the event was created in (kept in the outbox until now). */
  trace?: TraceCarrier;
}

/** One PRODUCER span: the headers that carry it onward, and its end once the broker has answered. */
export interface PublishSpan {
  readonly headers: Record<string, string>;
  end(error?: unknown): void;
}

const NOT_TRACED: PublishSpan = { headers: {}, end: () => undefined };

/**
 * Starts the PRODUCER span of one event, a child of the context the event
 * was created in (not of whatever runs the relay now), and returns the W3C
 * headers naming it, for the Kafka message.
 */
export function startPublishSpan(event: PublishedEvent): PublishSpan {
  if (!isTracingEnabled()) return NOT_TRACED;
  const parent = contextFromCarrier(event.trace);
  const span = pipelineTracer().startSpan(
    `publish ${event.topic}`,
    { kind: SpanKind.PRODUCER, attributes: messagingAttributes('publish', event.topic, event.key, event.eventId, event.eventType) },
    parent,
  );
  return {
    headers: traceHeaders(trace.setSpan(parent, span)),
    end: (error) => {
      if (error !== undefined) failSpan(span, error);
      span.end();
    },
  };
}

function messagingAttributes(operation: 'publish' | 'process', topic: string, key: Buffer | string | null, eventId?: string, eventType?: string) {
  return {
    [ATTR_MESSAGING_SYSTEM]: 'kafka',
    [ATTR_MESSAGING_OPERATION_TYPE]: operation,
    [ATTR_MESSAGING_DESTINATION_NAME]: topic,
    ...(key !== null ? { [ATTR_MESSAGING_KAFKA_MESSAGE_KEY]: key.toString() } : {}),
    ...(eventId ? { [ATTR_MESSAGING_MESSAGE_ID]: eventId } : {}),
    ...(eventType ? { [ATTR_EVENT_TYPE]: eventType } : {}),
  };
}

function failSpan(span: Span, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  span.recordException(err);
  span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
}
