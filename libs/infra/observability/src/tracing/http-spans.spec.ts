import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import express from 'express';
import request from 'supertest';
import { collectSpans } from './collect-spans';
import { traceHttpRequests, traceProxiedRequest } from './http-spans';
import { traceLogFields } from './log-fields';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';

/** An app traced like the services: the middleware first, routes with templates. */
function app() {
  const a = express();
  a.use(traceHttpRequests);
  a.get('/api/v1/complaints/:id', (_req, res) => {
    res.json(traceLogFields());
  });
  a.post('/api/v1/fail', (_req, res) => {
    res.status(503).end();
  });
  a.get('/health/ready', (_req, res) => {
    res.end();
  });
  return a;
}

describe('HTTP server spans', () => {
  it('name the route template, keep the status and continue the caller\'s trace', async () => {
    const collected = collectSpans('complaint-intake');
    const res = await request(app()).get('/api/v1/complaints/c-42?callerPhone=13800000000').set('traceparent', `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`);
    const [span] = await collected.finish();
    expect(span.name).toBe('GET /api/v1/complaints/:id');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.spanContext().traceId).toBe(TRACE_ID);
    expect(span.parentSpanContext?.spanId).toBe(CALLER_SPAN_ID);
    expect(span.attributes).toMatchObject({ 'http.request.method': 'GET', 'http.route': '/api/v1/complaints/:id', 'url.path': '/api/v1/complaints/c-42', 'http.response.status_code': 200 });
    // no query string anywhere: it can hold a caller's number
    expect(JSON.stringify(span.attributes)).not.toContain('13800000000');
    // the handler runs inside the span: its log lines name it
    expect(res.body).toEqual({ trace_id: TRACE_ID, span_id: span.spanContext().spanId });
  });

  it('mark a 5xx as failed and leave health probes out', async () => {
    const collected = collectSpans();
    await request(app()).post('/api/v1/fail');
    await request(app()).get('/health/ready');
    const spans = await collected.finish();
    expect(spans.map((s) => s.name)).toEqual(['POST /api/v1/fail']);
    expect(spans[0].status).toEqual({ code: SpanStatusCode.ERROR, message: 'HTTP 503' });
  });

  it('record nothing with tracing off', async () => {
    const res = await request(app()).get('/api/v1/complaints/c-42');
    expect(res.body).toEqual({});
  });
});

describe('proxied requests', () => {
  /** A gateway-like app whose "upstream" answers with the trace headers it received. */
  function gateway() {
    const a = express();
    a.use(traceHttpRequests);
    a.use((req: IncomingMessage, res: ServerResponse) => {
      traceProxiedRequest(req, res, { name: 'complaint-intake', url: 'http://127.0.0.1:3001' });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ traceparent: req.headers.traceparent, tracestate: req.headers.tracestate ?? null }));
    });
    return a;
  }

  it('send upstream a traceparent naming a client span under the gateway\'s server span', async () => {
    const collected = collectSpans('gateway');
    const res = await request(gateway()).post('/api/v1/complaints').set('traceparent', `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`).set('tracestate', 'vendor=a1');
    const spans = await collected.finish();
    const server = spans.find((s) => s.kind === SpanKind.SERVER)!;
    const client = spans.find((s) => s.kind === SpanKind.CLIENT)!;
    expect(client.name).toBe('POST complaint-intake');
    expect(client.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(client.attributes).toMatchObject({ 'url.full': 'http://127.0.0.1:3001/api/v1/complaints', 'server.port': 3001, 'peer.service': 'complaint-intake', 'http.response.status_code': 200 });
    expect(res.body).toEqual({ traceparent: `00-${TRACE_ID}-${client.spanContext().spanId}-01`, tracestate: 'vendor=a1' });
  });

  it('pass the caller\'s headers through untouched with tracing off', async () => {
    const res = await request(gateway()).post('/api/v1/complaints').set('traceparent', `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`);
    expect(res.body).toEqual({ traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`, tracestate: null });
  });
});
