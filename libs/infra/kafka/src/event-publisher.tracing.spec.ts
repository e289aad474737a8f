import { ROOT_CONTEXT, SpanKind, context, trace } from '@opentelemetry/api';
import type { Kafka, ProducerBatch } from 'kafkajs';
import { HEADERS, TOPICS } from '@pipeline/contracts';
import { collectSpans, pipelineTracer } from '@pipeline/observability';
import { EventPublisher } from './event-publisher';

/** A kafkajs client whose producer keeps what it is asked to send. */
function fakeKafka() {
  const sent: ProducerBatch[] = [];
  const producer = { events: { DISCONNECT: 'disconnect' }, on: () => undefined, connect: async () => undefined, disconnect: async () => undefined, sendBatch: async (b: ProducerBatch) => sent.push(b) };
  return { kafka: { producer: () => producer } as unknown as Kafka, sent };
}

const options = { serviceName: 'complaint-intake', brokers: [], topicPrefix: 't1', partitions: 1, replicationFactor: 1 };
const payload = { complaintId: 'c-1' } as never;

describe('EventPublisher and trace context', () => {
  it('keeps the context an event is created in, and publishes it under a producer span named in the headers', async () => {
    const collected = collectSpans('complaint-intake');
    const { kafka, sent } = fakeKafka();
    const publisher = new EventPublisher(kafka, options);
    const request = pipelineTracer().startSpan('POST /api/v1/complaints', { kind: SpanKind.SERVER });
    const out = context.with(trace.setSpan(ROOT_CONTEXT, request), () => publisher.envelope(TOPICS.complaintReceived, { key: 'c-1', payload }));
    request.end();
    expect(out.trace?.traceparent).toBe(`00-${request.spanContext().traceId}-${request.spanContext().spanId}-01`);

    // published later, outside the request (as the outbox relay does)
    await publisher.send([out]);
    const spans = await collected.finish();
    const producer = spans.find((s) => s.kind === SpanKind.PRODUCER)!;
    expect(producer.name).toBe('publish complaints.received.v1');
    expect(producer.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    const headers = sent[0].topicMessages![0].messages[0].headers!;
    expect(headers.traceparent).toBe(`00-${request.spanContext().traceId}-${producer.spanContext().spanId}-01`);
    expect(headers[HEADERS.correlationId]).toBe(out.envelope.correlationId);
  });

  it('sends no trace headers and keeps no context with tracing off', async () => {
    const { kafka, sent } = fakeKafka();
    const publisher = new EventPublisher(kafka, options);
    const out = publisher.envelope(TOPICS.complaintReceived, { key: 'c-1', payload });
    expect(out).not.toHaveProperty('trace');
    await publisher.send([out]);
    expect(Object.keys(sent[0].topicMessages![0].messages[0].headers!).sort()).toEqual([HEADERS.correlationId, HEADERS.eventType, HEADERS.eventVersion].sort());
  });
});
