import { proxiedRouteLabel, routeFor } from './routes';

describe('routeFor', () => {
  it.each([
    ['/api/v1/complaints', 'intake'],
    ['/api/v1/complaints?status=open', 'intake'],
    ['/api/v1/complaints/0192/callback', 'intake'],
    ['/api/v1/complaints/0192/classification', 'classification'],
    ['/api/v1/classify', 'classification'],
    ['/api/v1/classifications/0192', 'classification'],
    ['/open311/v2/services.json', 'intake'],
    ['/api/v1/cases/CASE-1', 'case'],
    ['/api/v1/metrics/complaint-to-case?format=csv', 'case'],
    ['/api/v1/evaluations/communities', 'evaluation'],
    ['/api/v1/candidates?limit=20', 'case'],
    ['/api/v1/squads', 'case'],
    ['/api/v1/conversion/rule-sets/active', 'case'],
    ['/api/v1/calendar', 'case'],
  ])('%s → %s', (path, service) => expect(routeFor(path)).toBe(service));

  it.each(['/api/v1/complaintsx', '/api/v2/complaints', '/health', '/metrics', '/'])('%s is not proxied', (path) => expect(routeFor(path)).toBeNull());
});

describe('proxiedRouteLabel', () => {
  it('names the service a request went to, never its URL', () => {
    expect(proxiedRouteLabel({ originalUrl: '/api/v1/cases/CASE-123/transitions?x=1' })).toBe('proxy:enforcement-case');
    expect(proxiedRouteLabel({ originalUrl: '/open311/v2/requests/0193.json' })).toBe('proxy:complaint-intake');
  });

  it('leaves what the gateway answers itself to its own routes', () => {
    expect(proxiedRouteLabel({ originalUrl: '/api/v1/auth/login' })).toBeUndefined();
    expect(proxiedRouteLabel({ originalUrl: '/metrics' })).toBeUndefined();
  });
});
