import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { markDeadLettered, startPublishSpan, withConsumerSpan, type ConsumedMessage } from './messaging-spans';
import { collectSpans } from './collect-spans';
import { captureTraceContext } from './trace-context';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PRODUCER_SPAN_ID = '00f067aa0ba902b7';

const message = (headers: ConsumedMessage['headers']): ConsumedMessage => ({
  topic: 'complaints.received.v1',
  partition: 2,
  offset: '41',
  key: Buffer.from('complaint-1'),
  headers,
  consumerGroup: 'classification',
  eventId: 'e-1',
  eventType: 'complaint.received',
});

describe('consumer spans', () => {
  it('continue the producer span named in the headers, and the handler\'s events continue them', async () => {
    const collected = collectSpans('classification');
    let carriedOn: ReturnType<typeof captureTraceContext>;
    const outcome = await withConsumerSpan(message({ traceparent: Buffer.from(`00-${TRACE_ID}-${PRODUCER_SPAN_ID}-01`) }), async () => {
      carriedOn = captureTraceContext();
      return 'processed' as const;
    });
    const [span] = await collected.finish();
    expect(outcome).toBe('processed');
    expect(span.name).toBe('process complaints.received.v1');
    expect(span.kind).toBe(SpanKind.CONSUMER);
    expect(span.spanContext().traceId).toBe(TRACE_ID);
    expect(span.parentSpanContext?.spanId).toBe(PRODUCER_SPAN_ID);
    expect(span.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.destination.name': 'complaints.received.v1',
      'messaging.destination.partition.id': '2',
      'messaging.kafka.offset': 41,
      'messaging.kafka.message.key': 'complaint-1',
      'messaging.consumer.group.name': 'classification',
      'messaging.message.id': 'e-1',
      'pipeline.event.type': 'complaint.received',
      'pipeline.event.outcome': 'processed',
    });
    expect(carriedOn?.traceparent).toBe(`00-${TRACE_ID}-${span.spanContext().spanId}-01`);
  });

  it('start a new trace for a message without trace headers', async () => {
    const collected = collectSpans();
    await withConsumerSpan(message({}), async () => 'processed');
    const [span] = await collected.finish();
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.spanContext().traceId).not.toBe(TRACE_ID);
  });

  it('fail when the event is dead-lettered, with the reason', async () => {
    const collected = collectSpans();
    await withConsumerSpan(message({}), async () => {
      markDeadLettered('INVALID_PAYLOAD: text is empty');
      return 'dead-lettered';
    });
    const [span] = await collected.finish();
    expect(span.attributes['pipeline.event.outcome']).toBe('dead-lettered');
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'dead-lettered: INVALID_PAYLOAD: text is empty' });
  });

  it('record a handler that throws, and let the error through', async () => {
    const collected = collectSpans();
    await expect(withConsumerSpan(message({}), () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    const [span] = await collected.finish();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
  });

  it('cost nothing with tracing off: the handler runs as it is', async () => {
    let carried: ReturnType<typeof captureTraceContext> = { traceparent: 'not called' };
    const outcome = await withConsumerSpan(message({ traceparent: `00-${TRACE_ID}-${PRODUCER_SPAN_ID}-01` }), async () => {
      carried = captureTraceContext();
      return 'processed';
    });
    expect(outcome).toBe('processed');
    expect(carried).toBeUndefined();
  });
});

describe('publish spans', () => {
  const event = { topic: 'complaints.classified.v1', key: 'complaint-1', eventId: 'e-2', eventType: 'complaint.classified' };

  it('are children of the context the event was created in, and their headers name them', async () => {
    const collected = collectSpans('classification');
    const publish = startPublishSpan({ ...event, trace: { traceparent: `00-${TRACE_ID}-${PRODUCER_SPAN_ID}-01` } });
    publish.end();
    const [span] = await collected.finish();
    expect(span.name).toBe('publish complaints.classified.v1');
    expect(span.kind).toBe(SpanKind.PRODUCER);
    expect(span.parentSpanContext?.spanId).toBe(PRODUCER_SPAN_ID);
    expect(span.attributes).toMatchObject({ 'messaging.system': 'kafka', 'messaging.operation.type': 'publish', 'pipeline.event.type': 'complaint.classified' });
    expect(publish.headers).toEqual({ traceparent: `00-${TRACE_ID}-${span.spanContext().spanId}-01` });
  });

  it('start a trace of their own for an event created outside any span, and fail with the send', async () => {
    const collected = collectSpans();
    startPublishSpan(event).end(new Error('broker down'));
    const [span] = await collected.finish();
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'broker down' });
  });

  it('add no headers with tracing off', () => {
    expect(startPublishSpan({ ...event, trace: { traceparent: `00-${TRACE_ID}-${PRODUCER_SPAN_ID}-01` } }).headers).toEqual({});
  });
});
