import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { ErrorBody } from '@pipeline/contracts';
import { traceProxiedRequest } from '@pipeline/observability';
import { SERVICE_NAMES, routeFor, type ServiceKey } from './routes';

/**
 * Streams each public API request to the service that owns the path; the
 * body is never parsed here, so size limits and validation stay with the
 * services. An unreachable service answers 503 in the common error shape.
 * The hop is traced: the service continues the gateway's trace.
 */
export function createGatewayProxy(targets: Record<ServiceKey, string>) {
  const proxy = createProxyMiddleware<Request, Response>({
    router: (req) => targets[routeFor(req.originalUrl ?? req.url) as ServiceKey],
    changeOrigin: false,
    xfwd: true,
    proxyTimeout: 30_000,
    timeout: 30_000,
    on: {
      error: (_err, req, res) => {
        const service = routeFor((req as Request).originalUrl ?? req.url ?? '');
        const body: ErrorBody = {
          statusCode: 503,
          code: 'UPSTREAM_UNAVAILABLE',
          message: `${service ? SERVICE_NAMES[service] : '上游'} 服务暂时不可用，请稍后重试`,
          correlationId: (req as Request).headers['x-correlation-id'] as string | undefined,
        };
        const out = res as ServerResponse<IncomingMessage>;
        if (!out.headersSent && typeof out.writeHead === 'function') {
          out.writeHead(503, { 'content-type': 'application/json; charset=utf-8' });
          out.end(JSON.stringify(body));
        }
      },
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const service = routeFor(req.originalUrl);
    if (!service) return next();
    traceProxiedRequest(req, res, { name: SERVICE_NAMES[service], url: targets[service] });
    return proxy(req, res, next);
  };
}
