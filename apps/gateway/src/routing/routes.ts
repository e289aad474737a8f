import type { GatewayEnv } from '../gateway.env';

export type ServiceKey = 'intake' | 'classification' | 'case' | 'evaluation';

export const SERVICE_NAMES: Record<ServiceKey, string> = {
  intake: 'complaint-intake',
  classification: 'classification',
  case: 'enforcement-case',
  evaluation: 'property-evaluation',
};

/**
 * The public API, by path. Order matters: the first match wins, so the
 * classification endpoints nested under /complaints come before intake's.
 */
export const ROUTES: { match: RegExp; service: ServiceKey }[] = [
  { match: /^\/api\/v1\/classify(\/|$|\?)/, service: 'classification' },
  { match: /^\/api\/v1\/classifications(\/|$|\?)/, service: 'classification' },
  { match: /^\/api\/v1\/complaints\/[^/?]+\/classification(\/|$|\?)/, service: 'classification' },
  { match: /^\/api\/v1\/complaints(\/|$|\?)/, service: 'intake' },
  { match: /^\/open311(\/|$|\?)/, service: 'intake' },
  { match: /^\/api\/v1\/open311(\/|$|\?)/, service: 'intake' },
  { match: /^\/api\/v1\/cases(\/|$|\?)/, service: 'case' },
  { match: /^\/api\/v1\/metrics(\/|$|\?)/, service: 'case' },
  { match: /^\/api\/v1\/candidates(\/|$|\?)/, service: 'case' },
  { match: /^\/api\/v1\/squads(\/|$|\?)/, service: 'case' },
  { match: /^\/api\/v1\/conversion(\/|$|\?)/, service: 'case' },
  { match: /^\/api\/v1\/calendar(\/|$|\?)/, service: 'case' },
  { match: /^\/api\/v1\/evaluations(\/|$|\?)/, service: 'evaluation' },
  // each service keeps its own audit log; the gateway's is served by the gateway itself
  { match: /^\/api\/v1\/audit\/complaint-intake(\/|$|\?)/, service: 'intake' },
  { match: /^\/api\/v1\/audit\/classification(\/|$|\?)/, service: 'classification' },
  { match: /^\/api\/v1\/audit\/enforcement-case(\/|$|\?)/, service: 'case' },
  { match: /^\/api\/v1\/audit\/property-evaluation(\/|$|\?)/, service: 'evaluation' },
];

export function routeFor(path: string): ServiceKey | null {
  return ROUTES.find((r) => r.match.test(path))?.service ?? null;
}

/**
 * The route label of a proxied request in the gateway's HTTP metrics: the
 * service it went to (the service's own metrics have its route templates),
 * never the URL, which holds ids.
 */
export function proxiedRouteLabel(req: { originalUrl: string }): string | undefined {
  const service = routeFor(req.originalUrl);
  return service ? `proxy:${SERVICE_NAMES[service]}` : undefined;
}

export function upstreams(env: GatewayEnv): Record<ServiceKey, string> {
  return { intake: env.INTAKE_URL, classification: env.CLASSIFICATION_URL, case: env.CASE_URL, evaluation: env.EVALUATION_URL };
}
