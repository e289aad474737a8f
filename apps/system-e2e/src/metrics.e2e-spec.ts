import { METRICS, metricExportedBy, type MetricSpec } from '@pipeline/contracts';
import { RunningSystem, eventually, testInfra, testNamespace, testToken, type ServiceName } from '@pipeline/testing';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples and declared types of a Prometheus text exposition. */
function parseExposition(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1], type[2]);
    const sample = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) continue;
    const labels = Object.fromEntries([...(sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    samples.push({ name: sample[1], labels, value: Number(sample[3]) });
  }
  return { types, samples };
}

const APPS: ServiceName[] = ['gateway', 'complaint-intake', 'classification', 'enforcement-case', 'property-evaluation'];

/**
 * Prometheus metrics of the running system: every app exposes the metrics
 * of the catalogue (libs/contracts) it owns on GET /metrics, open to a
 * scraper but outside the public API; and they move when complaints flow
 * through the gateway.
 */
describe('metrics of the running system', () => {
  const ns = testNamespace('metrics');
  let system: RunningSystem;

  const scrape = async (app: ServiceName) => {
    const res = await fetch(`${system.service(app).url}/metrics`);
    expect({ app, status: res.status, type: res.headers.get('content-type') }).toEqual({ app, status: 200, type: expect.stringMatching(/^text\/plain;.*version=0\.0\.4/) });
    return parseExposition(await res.text());
  };
  /** The sum of a metric's samples whose labels include `where`. */
  const total = (samples: Sample[], name: string, where: Record<string, string> = {}) =>
    samples.filter((s) => s.name === name && Object.entries(where).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);

  beforeAll(async () => {
    system = await RunningSystem.start(ns, testInfra());
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('exposes on each app, without a token, every metric it owns, labelled with the app, and the process metrics', async () => {
    for (const app of APPS) {
      const { types, samples } = await scrape(app);
      const owned = (Object.values(METRICS) as MetricSpec[]).filter((m) => metricExportedBy(m, app));
      const missing = owned.filter((m) => types.get(m.name) !== m.type).map((m) => m.name);
      expect({ app, missing }).toEqual({ app, missing: [] });
      const foreign = (Object.values(METRICS) as MetricSpec[]).filter((m) => !metricExportedBy(m, app) && types.has(m.name)).map((m) => m.name);
      expect({ app, foreign }).toEqual({ app, foreign: [] });
      expect(types.get('process_cpu_user_seconds_total')).toBe('counter');
      expect(new Set(samples.map((s) => s.labels.service))).toEqual(new Set([app]));
    }
    // the case service's gauges: one complaint count per hotspot area, and the target
    const { samples } = await scrape('enforcement-case');
    expect(samples.filter((s) => s.name === METRICS.hotspotComplaints.name)).toHaveLength(30);
    expect(total(samples, METRICS.complaintToCaseTarget.name)).toBe(0.1);
  });

  it('keeps /metrics out of the API document, and the gateway answers its own instead of proxying', async () => {
    const doc = (await (await fetch(`${system.baseUrl}/api/docs/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/metrics') || p.startsWith('/health'))).toEqual([]);
    const { samples } = parseExposition(await (await fetch(`${system.baseUrl}/metrics`)).text());
    expect(new Set(samples.map((s) => s.labels.service))).toEqual(new Set(['gateway']));
  });

  it('moves the counters when complaints flow: received, classified, consumed, cases opened, requests by route', async () => {
    const before = Object.fromEntries(await Promise.all(APPS.map(async (app) => [app, (await scrape(app)).samples] as const))) as Record<ServiceName, Sample[]>;
    const complaints = [
      { text: '中山路步行街有流动摊贩占道经营，推车摆满人行道，行人只能走机动车道', channel: 'hotline', location: { lat: 36.069, lng: 120.3205 } },
      { text: '台东步行街一商户在楼顶私搭乱建加盖彩钢板房，已经快完工了', channel: 'wechat', address: '台东步行街' },
    ];
    for (const body of complaints) {
      const res = await fetch(`${system.baseUrl}/api/v1/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${testToken({ roles: ['operator'] })}` },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(202);
    }

    const moved = (app: ServiceName, samples: Sample[], name: string, where: Record<string, string> = {}) => total(samples, name, where) - total(before[app], name, where);
    await eventually(
      async () => {
        const now = Object.fromEntries(await Promise.all(APPS.map(async (app) => [app, (await scrape(app)).samples] as const))) as Record<ServiceName, Sample[]>;
        expect({
          received: [moved('complaint-intake', now['complaint-intake'], METRICS.complaintsReceived.name, { channel: 'hotline' }), moved('complaint-intake', now['complaint-intake'], METRICS.complaintsReceived.name, { channel: 'wechat' })],
          classified: moved('classification', now.classification, METRICS.complaintsClassified.name),
          consumedByClassification: moved('classification', now.classification, METRICS.eventsConsumed.name, { topic: 'complaints.received.v1' }),
          consumedByCases: moved('enforcement-case', now['enforcement-case'], METRICS.eventsConsumed.name, { topic: 'complaints.classified.v1' }),
          casesOpened: moved('enforcement-case', now['enforcement-case'], METRICS.casesOpened.name),
          intakeRequests: moved('complaint-intake', now['complaint-intake'], METRICS.httpRequests.name, { method: 'POST', route: '/api/v1/complaints', status_class: '2xx' }),
          gatewayRequests: moved('gateway', now.gateway, METRICS.httpRequests.name, { method: 'POST', route: 'proxy:complaint-intake', status_class: '2xx' }),
          deadLettered: moved('enforcement-case', now['enforcement-case'], METRICS.eventsDeadLettered.name),
        }).toEqual({
          received: [1, 1],
          classified: 2,
          consumedByClassification: 2,
          consumedByCases: 2,
          casesOpened: 2,
          intakeRequests: 2,
          gatewayRequests: 2,
          deadLettered: 0,
        });
        // the consumer reported its lag on the partitions it fetched, and has caught up
        const lag = now.classification.filter((s) => s.name === METRICS.consumerLag.name && s.labels.topic === 'complaints.received.v1');
        expect(lag.length).toBeGreaterThan(0);
        expect(lag.map((s) => s.value)).toEqual(lag.map(() => 0));
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  });
});
