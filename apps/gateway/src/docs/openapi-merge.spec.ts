import { mergeOpenApi, type OpenApiDoc } from './openapi-merge';

const doc = (paths: string[], schemas: Record<string, unknown> = {}): OpenApiDoc => ({
  openapi: '3.0.0',
  info: { title: 'x', version: '1' },
  paths: Object.fromEntries(paths.map((p) => [p, { get: {} }])),
  components: { schemas },
  tags: paths.map((p) => ({ name: p.split('/')[3] ?? 'root' })),
});

describe('mergeOpenApi', () => {
  const info = { title: '诉转案系统 API', version: '1' };

  it('unites the paths, tags and schemas of every service, sorted by path', () => {
    const merged = mergeOpenApi(info, [
      { service: 'complaint-intake', doc: doc(['/api/v1/complaints', '/health/live', '/metrics'], { LocationDto: { type: 'object' } }) },
      { service: 'enforcement-case', doc: doc(['/api/v1/cases'], { LocationDto: { type: 'object' }, ListCasesQuery: {} }) },
    ]);
    expect(Object.keys(merged.paths)).toEqual(['/api/v1/cases', '/api/v1/complaints']);
    expect(Object.keys(merged.components?.schemas ?? {}).sort()).toEqual(['ListCasesQuery', 'LocationDto']);
    expect(merged.info).toBe(info);
  });

  it('refuses two different schemas under one name, and one path served twice', () => {
    expect(() =>
      mergeOpenApi(info, [
        { service: 'a', doc: doc([], { LocationDto: { type: 'object' } }) },
        { service: 'b', doc: doc([], { LocationDto: { type: 'string' } }) },
      ]),
    ).toThrow(/schema LocationDto of b differs/);
    expect(() => mergeOpenApi(info, [{ service: 'a', doc: doc(['/x']) }, { service: 'b', doc: doc(['/x']) }])).toThrow(/path \/x/);
  });

  it('refuses one operation id in two services', () => {
    const withId = (path: string, operationId: string): OpenApiDoc => ({ ...doc([]), paths: { [path]: { get: { operationId } } } });
    expect(() => mergeOpenApi(info, [{ service: 'a', doc: withId('/x', 'list') }, { service: 'b', doc: withId('/y', 'list') }])).toThrow(/operation id list of b \(\/y\)/);
    expect(Object.keys(mergeOpenApi(info, [{ service: 'a', doc: withId('/x', 'list_a') }, { service: 'b', doc: withId('/y', 'list_b') }]).paths)).toEqual(['/x', '/y']);
  });
});
