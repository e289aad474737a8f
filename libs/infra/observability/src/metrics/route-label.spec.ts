import { UNMATCHED_ROUTE, methodLabel, routeLabel, statusClass } from './route-label';

describe('route labels', () => {
  it('uses the matched route template, never the URL with its ids', () => {
    expect(routeLabel({ method: 'GET', baseUrl: '', route: { path: '/api/v1/cases/:id' } })).toBe('/api/v1/cases/:id');
    expect(routeLabel({ method: 'GET', baseUrl: '/open311', route: { path: '/v2/requests/:id' } })).toBe('/open311/v2/requests/:id');
  });

  it('labels what no route answered as unmatched, or as the caller says (the gateway names the service it proxied to)', () => {
    expect(routeLabel({ method: 'GET' })).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ method: 'GET', route: { path: /^\/x\/\d+$/ } })).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ method: 'GET', route: { path: '' } })).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ method: 'POST' }, 'proxy:complaint-intake')).toBe('proxy:complaint-intake');
  });

  it('reduces statuses to their class', () => {
    expect([200, 202, 304, 404, 413, 503].map(statusClass)).toEqual(['2xx', '2xx', '3xx', '4xx', '4xx', '5xx']);
    expect([0, 99, 600, 200.5, Number.NaN].map(statusClass)).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
  });

  it('keeps known methods and folds any other token into OTHER', () => {
    expect(['get', 'POST', 'Patch', 'delete'].map(methodLabel)).toEqual(['GET', 'POST', 'PATCH', 'DELETE']);
    expect(['PROPFIND', 'BREW', ''].map(methodLabel)).toEqual(['OTHER', 'OTHER', 'OTHER']);
  });
});
