import { ROOT_CONTEXT, context, trace, type Context } from '@opentelemetry/api';
import { collectSpans } from './collect-spans';
import { captureTraceContext, contextFromCarrier, traceCarrierOfHeaders, traceHeaders } from './trace-context';
import { pipelineTracer } from './tracing';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${SPAN_ID}-01`;

describe('trace headers', () => {
  let collected: ReturnType<typeof collectSpans>;
  beforeEach(() => {
    collected = collectSpans();
  });
  afterEach(() => collected.finish());

  it('captures the active span as a W3C traceparent', () => {
    const span = pipelineTracer().startSpan('request');
    const carrier = context.with(trace.setSpan(ROOT_CONTEXT, span), () => captureTraceContext());
    const { traceId, spanId } = span.spanContext();
    expect(carrier).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });
    span.end();
  });

  it('captures nothing outside a span', () => {
    expect(captureTraceContext()).toBeUndefined();
    expect(traceHeaders(ROOT_CONTEXT)).toEqual({});
  });

  it('extracts what it injected, tracestate included', () => {
    const parent = contextFromCarrier({ traceparent: TRACEPARENT, tracestate: 'vendor=a1' });
    expect(trace.getSpanContext(parent)).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, isRemote: true });
    expect(traceHeaders(parent)).toEqual({ traceparent: TRACEPARENT, tracestate: 'vendor=a1' });
  });

  it('reads Kafka header values given as buffers, strings or arrays', () => {
    expect(traceCarrierOfHeaders({ traceparent: Buffer.from(TRACEPARENT), tracestate: [Buffer.from('vendor=a1')] })).toEqual({ traceparent: TRACEPARENT, tracestate: 'vendor=a1' });
    expect(traceCarrierOfHeaders({ traceparent: TRACEPARENT })).toEqual({ traceparent: TRACEPARENT });
  });

  it('starts from the root when a message has no trace headers, or a malformed one', () => {
    const noHeaders = traceCarrierOfHeaders({ 'x-correlation-id': Buffer.from('c-1') });
    expect(noHeaders).toBeUndefined();
    expect(contextFromCarrier(noHeaders)).toBe(ROOT_CONTEXT);
    expect(traceCarrierOfHeaders(undefined)).toBeUndefined();
    const malformed: Context = contextFromCarrier({ traceparent: 'not-a-traceparent' });
    expect(trace.getSpanContext(malformed)).toBeUndefined();
  });
});

describe('trace headers with tracing off', () => {
  it('neither captures nor extracts', () => {
    expect(contextFromCarrier({ traceparent: TRACEPARENT })).toBe(ROOT_CONTEXT);
    expect(captureTraceContext(contextFromCarrier({ traceparent: TRACEPARENT }))).toBeUndefined();
  });
});
