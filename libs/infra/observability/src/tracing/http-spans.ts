import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanKind, SpanStatusCode, context, trace, type Span } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE, ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT, ATTR_URL_FULL,
  ATTR_URL_PATH, ATTR_URL_SCHEME,
} from '@opentelemetry/semantic-conventions';
import { ATTR_PEER_SERVICE } from './attributes';
import { contextFromCarrier, traceCarrierOfHeaders, traceHeaders } from './trace-context';
import { isTracingEnabled, pipelineTracer } from './tracing';

/** What Express adds to a request once a route matched. */
type RoutedRequest = IncomingMessage & { originalUrl?: string; baseUrl?: string; route?: { path?: unknown } };

/**
 * Express middleware: one SERVER span per request, continuing the caller's
 * trace when it sent a `traceparent` (the gateway does), named by method and
 * route template once the route is known (`POST /api/v1/complaints/:id/close`),
 * with the status; 5xx marks it failed. Health probes are left out, as in
 * the request log. Query strings are never recorded (they can hold callers' data).
 */
export function traceHttpRequests(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const path = pathOf(req);
  if (!isTracingEnabled() || path.startsWith('/health')) return next();
  const method = req.method ?? 'GET';
  const parent = contextFromCarrier(traceCarrierOfHeaders(req.headers));
  const span = pipelineTracer().startSpan(
    method,
    { kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_URL_PATH]: path, [ATTR_URL_SCHEME]: 'http' } },
    parent,
  );
  res.once('close', () => {
    const route = routeTemplate(req as RoutedRequest);
    if (route) {
      span.updateName(`${method} ${route}`);
      span.setAttribute(ATTR_HTTP_ROUTE, route);
    }
    endWithStatus(span, res);
  });
  context.with(trace.setSpan(parent, span), next);
}

/**
 * The gateway's hop to a service: a CLIENT span under the request's server
 * span, whose W3C context replaces the request's `traceparent` before the
 * proxy copies the headers upstream, so the service's server span is its child.
 */
export function traceProxiedRequest(req: IncomingMessage, res: ServerResponse, upstream: { name: string; url: string }): void {
  if (!isTracingEnabled()) return;
  const method = req.method ?? 'GET';
  const target = new URL(pathOf(req), upstream.url);
  const span = pipelineTracer().startSpan(`${method} ${upstream.name}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      [ATTR_HTTP_REQUEST_METHOD]: method,
      [ATTR_URL_FULL]: target.href,
      [ATTR_SERVER_ADDRESS]: target.hostname,
      [ATTR_SERVER_PORT]: Number(target.port) || 80,
      [ATTR_PEER_SERVICE]: upstream.name,
    },
  });
  delete req.headers.tracestate;
  Object.assign(req.headers, traceHeaders(trace.setSpan(context.active(), span)));
  // an unreachable upstream is answered 503 by the gateway itself: a failed hop too
  res.once('close', () => endWithStatus(span, res));
}

/** Records the status and ends the span; a 5xx or a response cut off before its end marks it failed. */
function endWithStatus(span: Span, res: ServerResponse): void {
  const status = res.statusCode;
  span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
  if (!res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR, message: 'response not completed' });
  else if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${status}` });
  span.end();
}

/** The path without its query string. */
function pathOf(req: IncomingMessage & { originalUrl?: string }): string {
  return (req.originalUrl ?? req.url ?? '').split('?')[0];
}

/**
 * The route template Express matched (`/api/v1/complaints/:id`), never the URL, if any: the span
 * name here, the metrics' route label in libs/infra/http.
 */
export function routeTemplate(req: { baseUrl?: string; route?: { path?: unknown } }): string | undefined {
  const path = req.route?.path;
  return typeof path === 'string' && path ? `${req.baseUrl ?? ''}${path}` : undefined;
}
