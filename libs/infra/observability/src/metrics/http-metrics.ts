import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { METRICS } from '@pipeline/contracts';
import { isOperationalPath } from '../operational-paths';
import { methodLabel, routeLabel, statusClass } from './route-label';
import type { ServiceMetrics } from './service-metrics';

export interface HttpMetricsOptions {
  /** A label for requests no route of the app answers (the gateway names the service it proxied to). */
  unmatchedRoute?: (req: Request) => string | undefined;
}

/**
 * Counts and times every answered request (refused bodies and 404s too, so
 * it runs ahead of everything), labelled by the route template once the
 * response is finished. Probes and scrapes are left out.
 */
export function httpMetrics(metrics: ServiceMetrics, opts: HttpMetricsOptions = {}): RequestHandler {
  const requests = metrics.counter(METRICS.httpRequests);
  const duration = metrics.histogram(METRICS.httpRequestDuration);
  return (req: Request, res: Response, next: NextFunction) => {
    if (isOperationalPath(req.path)) return next();
    const stop = duration.startTimer();
    res.once('finish', () => {
      const labels = { method: methodLabel(req.method), route: routeLabel(req, opts.unmatchedRoute?.(req)), status_class: statusClass(res.statusCode) };
      requests.inc(labels);
      stop(labels);
    });
    next();
  };
}
