import { routeTemplate } from '../tracing/http-spans';

/** The parts of a finished request the labels are made of. */
export interface FinishedRequest {
  method: string;
  baseUrl?: string;
  /** Set by the router when a route matched: its template (`/api/v1/cases/:id`), never the URL. */
  route?: { path?: unknown };
}

/** Requests no route answered (404s, bodies refused before routing, the gateway's proxy and static files). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route label: the matched route's template, so ids and query strings
 * never become label values (each would be a new time series). Anything
 * without a string template gets `fallback`, else `unmatched`.
 */
export function routeLabel(req: FinishedRequest, fallback?: string): string {
  return routeTemplate(req) ?? fallback ?? UNMATCHED_ROUTE;
}

/** `2xx`, `4xx`, `5xx`…: alerts and panels need the class, and fewer series. */
export function statusClass(status: number): string {
  return Number.isInteger(status) && status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'unknown';
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Known methods as they are; anything else (a client may send any token) as `OTHER`. */
export function methodLabel(method: string): string {
  const upper = method.toUpperCase();
  return METHODS.has(upper) ? upper : 'OTHER';
}
